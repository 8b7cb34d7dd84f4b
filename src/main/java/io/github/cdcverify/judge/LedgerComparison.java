package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.RowImageReader;
import io.github.cdcverify.generate.TableLedger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The exact comparison of one table's {@link TableLedger} (the changes a generated mix committed, keys of any shape
 * numbered in order of first appearance) with the records of the table's topic, in the connector's own format
 * ({@link RecordFormat}: envelopes or flattened row images, tombstones where it sends them): every committed change
 * arrived once, per key in commit order, with every column as written. It decodes records ({@link #decode}) and
 * judges the events ({@link #judge}); reading the topic is the caller's. Failures name keys by their columns' values,
 * e.g. {@code public.orders key (id=6) column details in its update: written '...' but received no such column}.
 *
 * <p>Not thread-safe: one comparison per reading.
 */
public final class LedgerComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_NUMBER = Pattern.compile("\\bkey (\\d+)");
    private static final int SHOWN = 10;

    private final TableLedger ledger;
    private final RecordFormat format;
    private final RowImageReader reader;
    private final boolean keyOnlyDeletes;
    private final boolean otherKeysLeftOut;
    private final List<String> unreadable = new ArrayList<>();
    private long otherKeys;

    private LedgerComparison(TableLedger ledger, RecordFormat format, boolean keyOnlyDeletes, boolean otherKeysLeftOut) {
        this.ledger = ledger;
        this.format = format;
        this.reader = new RowImageReader(format.flattened() && format.tombstoneMeansDelete());
        this.keyOnlyDeletes = keyOnlyDeletes;
        this.otherKeysLeftOut = otherKeysLeftOut;
    }

    /**
     * @param keyOnlyDeletes whether the table has REPLICA IDENTITY DEFAULT: a delete's before image is then compared
     *                       by its key only (PostgreSQL sends nothing else; the rest is filled in on the way)
     */
    public static LedgerComparison of(TableLedger ledger, RecordFormat format, boolean keyOnlyDeletes) {
        return new LedgerComparison(ledger, format, keyOnlyDeletes, false);
    }

    /**
     * The same comparison, leaving out (and counting) the events of rows the ledger never wrote other than snapshot
     * reads: for topics that also carry the changes of someone else's writes, e.g. a test's own.
     */
    public LedgerComparison leavingOutOtherKeys() {
        return new LedgerComparison(ledger, format, keyOnlyDeletes, true);
    }

    /** Nothing lost, changed, out of order, unexpected or without its tombstone; duplicates are only counted. */
    public static boolean passes(Verdict verdict) {
        return verdict.lost().isEmpty() && verdict.changedValues().isEmpty() && verdict.outOfOrderKeys().isEmpty()
                && verdict.unexpected().isEmpty() && verdict.missingTombstones().isEmpty();
    }

    public TableLedger ledger() {
        return ledger;
    }

    /**
     * The records as the ledger compares them: keys as key numbers, the compared columns only, decimals (sent as
     * base64 with their scale in the schema) as numbers, a key-only delete's before image as the key. A record that
     * cannot be read is remembered ({@link #unreadable()}).
     */
    public List<ChangeEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ChangeEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                Map<String, Integer> scales = decimalScales(record.value());
                for (ChangeEvent event : reader.read(record.topic(), record.partition(), record.offset(),
                        record.key(), record.value())) {
                    ChangeEvent translated = translate(event, scales);
                    if (otherKeysLeftOut && translated.key() == null && translated.op() != Op.READ) {
                        otherKeys++;
                    } else {
                        events.add(translated);
                    }
                }
            } catch (MalformedEventException | IllegalArgumentException | IOException e) {
                unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                        + e.getMessage());
            }
        }
        return events;
    }

    /** Whether {@code events} (decoded) already match the ledger: the reading may then end after a quiet period. */
    public boolean complete(List<ChangeEvent> events) {
        return passes(verdict(events));
    }

    public Verdict verdict(List<ChangeEvent> events) {
        return Verdict.compare(ledger.ledger(), events, format.tombstones());
    }

    /** Records that could not be decoded so far, each with its position and why. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** How many events of rows the ledger never wrote were left out ({@link #leavingOutOtherKeys()}). */
    public long otherKeys() {
        return otherKeys;
    }

    /**
     * What is wrong with {@code events} against the ledger, one paragraph each: the verdict's first problem and
     * summary, then the changed values and the lost changes (up to 10 of each) with keys named by their values, then
     * the records that could not be read; empty when the stream matches (duplicates aside).
     */
    public List<String> problems(List<ChangeEvent> events) {
        Verdict verdict = verdict(events);
        List<String> problems = new ArrayList<>();
        String table = ledger.table().qualified();
        if (!passes(verdict)) {
            problems.add(String.format("Expecting the stream of %s events of %s to match the ledger of %s committed "
                    + "changes, but%n  %s%n%s", events.size(), table, ledger.ledger().size(),
                    named(verdict.firstProblem()), named(verdict.summary())));
            if (!verdict.changedValues().isEmpty()) {
                problems.add("changed (" + Math.min(SHOWN, verdict.changedValues().size()) + " of "
                        + verdict.changedValues().size() + "): " + verdict.changedValues().stream().limit(SHOWN)
                        .map(this::changed).collect(Collectors.joining("; ")));
            }
            if (!verdict.lost().isEmpty()) {
                problems.add("lost (" + Math.min(SHOWN, verdict.lost().size()) + " of " + verdict.lost().size()
                        + "): " + verdict.lost().stream().limit(SHOWN).map(entry -> table + " key "
                        + ledger.describeKey(entry.key()) + " " + entry.op().name().toLowerCase(Locale.ROOT)
                        + " (change #" + entry.sequence() + ")").collect(Collectors.joining(", ")));
            }
        }
        if (!unreadable.isEmpty()) {
            problems.add("records that cannot be read (" + unreadable.size() + "): "
                    + String.join("; ", unreadable.stream().limit(SHOWN).toList()));
        }
        return problems;
    }

    private String changed(ChangedValue value) {
        return ledger.table().qualified() + " key " + ledger.describeKey(value.key()) + " column " + value.column()
                + (value.inBefore() ? " (before)" : "") + " in its " + value.op().name().toLowerCase(Locale.ROOT)
                + ": written " + show(value.written()) + " but received " + show(value.received());
    }

    private static String show(Object value) {
        return value == ChangedValue.NO_COLUMN ? "no such column" : value == null ? "null" : "'" + value + "'";
    }

    /** The verdict's key numbers replaced by the keys they stand for. */
    private String named(String text) {
        Matcher matcher = KEY_NUMBER.matcher(text);
        StringBuilder named = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(named, Matcher.quoteReplacement("key "
                    + ledger.describeKey(Long.parseLong(matcher.group(1)))));
        }
        return matcher.appendTail(named).toString();
    }

    private ChangeEvent translate(ChangeEvent event, Map<String, Integer> scales) {
        Map<String, Object> image = event.after() != null ? event.after() : event.before();
        Integer number = ledger.keyOf(event.key()).or(() -> ledger.keyOf(image)).orElse(null);
        Map<String, Object> key = number == null ? null : Map.of("id", number);
        Map<String, Object> before = keyOnlyDeletes && event.op() == Op.DELETE && key != null ? key
                : columns(event.before(), scales);
        return new ChangeEvent(event.topic(), event.partition(), event.offset(), key, event.op(), before,
                columns(event.after(), scales), event.source(), event.tsMs(), event.transaction(), event.tombstone());
    }

    private Map<String, Object> columns(Map<String, Object> row, Map<String, Integer> scales) {
        if (row == null) {
            return null;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (!ledger.leftOut().containsKey(column)) {
                kept.put(column, scales.containsKey(column) ? decimal(value, scales.get(column)) : value);
            }
        });
        return kept;
    }

    /** Columns sent as Connect decimals (base64 of the unscaled value) with their scale; -1 for a variable scale. */
    private static Map<String, Integer> decimalScales(byte[] value) throws IOException {
        Map<String, Integer> scales = new HashMap<>();
        if (value == null || value.length == 0) {
            return scales;
        }
        JsonNode schema = JSON.readTree(value).path("schema");
        for (JsonNode field : schema.path("fields")) {
            if (field.path("type").asText().equals("struct") && !"io.debezium.data.VariableScaleDecimal".equals(
                    field.path("name").asText())) {
                for (JsonNode column : field.path("fields")) {
                    addScale(column, scales);
                }
            } else {
                addScale(field, scales);
            }
        }
        return scales;
    }

    private static void addScale(JsonNode field, Map<String, Integer> scales) {
        String name = field.path("name").asText();
        if ("org.apache.kafka.connect.data.Decimal".equals(name)) {
            scales.put(field.path("field").asText(), field.path("parameters").path("scale").asInt());
        } else if ("io.debezium.data.VariableScaleDecimal".equals(name)) {
            scales.put(field.path("field").asText(), -1);
        }
    }

    private static Object decimal(Object value, int scale) {
        if (value instanceof String base64 && scale >= 0) {
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), scale);
        }
        if (value instanceof Map<?, ?> variable && variable.get("value") instanceof String base64
                && variable.get("scale") instanceof Number variableScale) {
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), variableScale.intValue());
        }
        return value;
    }
}
