package io.github.cdcverify.check.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.check.CountedFailure;
import io.github.cdcverify.check.QuietPeriodReader;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.RowImageReader;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.verify.ChangedValue;
import io.github.cdcverify.verify.Verdict;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
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
 * The probe's exact comparison for one table a fresh pipeline's mix wrote into ({@link TableLedger}): every
 * committed change arrived once, per key in commit order, with every column as written, in the connector's own
 * format (envelopes or flattened row images, tombstones where it sends them). The table's topic is read from its
 * start; snapshot reads are left to the data check. Keys of any shape are compared by the number the ledger gave
 * them, and named by their columns' values in failures.
 */
final class LedgerCheck extends DeployedCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY_NUMBER = Pattern.compile("\\bkey (\\d+)");
    private static final int SHOWN = 10;

    private final TableLedger ledger;
    private final Duration wait;

    LedgerCheck(String connector, TableLedger ledger, Duration wait) {
        super("changes " + ledger.table().qualified(), "changes", connector);
        this.ledger = ledger;
        this.wait = wait;
    }

    @Override
    protected int check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) {
        if (ledger.problem().isPresent()) {
            throw new IllegalStateException("Table " + ledger.table().qualified() + " could not be written to: "
                    + ledger.problem().get() + ". Its changes were not checked; the data check still compares "
                    + "whatever rows it has.");
        }
        if (!ledger.leftOut().isEmpty()) {
            note("INFO " + name() + ": columns not compared with the ledger (no comparable form): "
                    + ledger.leftOut().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        ProbeFormat format = ProbeFormat.of(deployed);
        noteAll(format.notes().stream().map(line -> line.replace("probe", name())).toList());
        String topic = deployed.topic(ledger.table());
        boolean keyOnlyDeletes = ledger.keyColumns().size() > 0 && identityDefault(stack);
        Decoder decoder = new Decoder(new RowImageReader(format.flattened() && format.tombstoneMeansDelete()),
                keyOnlyDeletes);
        List<ChangeEvent> events;
        try (TopicReader<byte[]> reader = TopicReader.of(stack.kafka(), topic).from(StartFrom.BEGINNING).open()) {
            events = new QuietPeriodReader(timeout -> decoder.decode(reader.poll(timeout)), System::nanoTime)
                    .read(received -> ProbeReading.passes(Verdict.compare(ledger.ledger(), received,
                            format.tombstones())), QuietPeriodReader.QUIET_PERIOD, wait);
        }
        Verdict verdict = Verdict.compare(ledger.ledger(), events, format.tombstones());
        compared(ledger.ledger().size() + " changes of " + ledger.ledger().keys().size() + " keys, "
                + verdict.snapshotReads() + " snapshot reads left to the data check");
        if (!verdict.duplicated().isEmpty()) {
            note("WARN " + name() + ": " + verdict.duplicated().size() + " events arrived twice");
        }
        List<String> problems = new ArrayList<>();
        if (!ProbeReading.passes(verdict)) {
            problems.add(String.format("Expecting the stream of %s events of %s to match the ledger of %s committed "
                    + "changes, but%n  %s%n%s", events.size(), ledger.table().qualified(), ledger.ledger().size(),
                    named(verdict.firstProblem()), named(verdict.summary())));
            if (!verdict.changedValues().isEmpty()) {
                problems.add("changed (" + Math.min(SHOWN, verdict.changedValues().size()) + " of "
                        + verdict.changedValues().size() + "): " + verdict.changedValues().stream().limit(SHOWN)
                        .map(this::changed).collect(Collectors.joining("; ")));
            }
            if (!verdict.lost().isEmpty()) {
                problems.add("lost (" + Math.min(SHOWN, verdict.lost().size()) + " of " + verdict.lost().size()
                        + "): " + verdict.lost().stream().limit(SHOWN).map(entry -> ledger.table().qualified()
                        + " key " + ledger.describeKey(entry.key()) + " " + entry.op().name().toLowerCase(Locale.ROOT)
                        + " (change #" + entry.sequence() + ")").collect(Collectors.joining(", ")));
            }
        }
        if (!decoder.unreadable.isEmpty()) {
            problems.add("records that cannot be read (" + decoder.unreadable.size() + "): "
                    + String.join("; ", decoder.unreadable.stream().limit(SHOWN).toList()));
        }
        if (!problems.isEmpty()) {
            throw new CountedFailure(String.join(System.lineSeparator(), problems), ledger.ledger().size());
        }
        return ledger.ledger().size();
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

    private boolean identityDefault(CdcStack stack) {
        try (var connection = stack.postgres().open();
             var query = connection.prepareStatement("SELECT relreplident FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, ledger.table().quoted());
            try (var row = query.executeQuery()) {
                return row.next() && "d".equals(row.getString(1));
            }
        } catch (java.sql.SQLException e) {
            return true;
        }
    }

    /**
     * Reads records as the ledger compares them: keys as key numbers, the compared columns only, decimals (sent as
     * base64 with their scale in the schema) as numbers, a key-only delete's before image as the key.
     */
    private final class Decoder {
        private final RowImageReader reader;
        private final boolean keyOnlyDeletes;
        private final List<String> unreadable = new ArrayList<>();

        Decoder(RowImageReader reader, boolean keyOnlyDeletes) {
            this.reader = reader;
            this.keyOnlyDeletes = keyOnlyDeletes;
        }

        List<ChangeEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
            List<ChangeEvent> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    Map<String, Integer> scales = decimalScales(record.value());
                    for (ChangeEvent event : reader.read(record.topic(), record.partition(), record.offset(),
                            record.key(), record.value())) {
                        events.add(translate(event, scales));
                    }
                } catch (MalformedEventException | IllegalArgumentException | IOException e) {
                    unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                            + e.getMessage());
                }
            }
            return events;
        }

        private ChangeEvent translate(ChangeEvent event, Map<String, Integer> scales) {
            Map<String, Object> image = event.after() != null ? event.after() : event.before();
            Integer number = ledger.keyOf(event.key()).or(() -> ledger.keyOf(image)).orElse(null);
            Map<String, Object> key = number == null ? null : Map.of("id", number);
            Map<String, Object> before = keyOnlyDeletes && event.op() == Op.DELETE && key != null ? key
                    : columns(event.before(), scales);
            return new ChangeEvent(event.topic(), event.partition(), event.offset(), key, event.op(), before,
                    columns(event.after(), scales), event.source(), event.tsMs(), event.transaction(),
                    event.tombstone());
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
