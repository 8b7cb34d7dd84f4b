package io.github.cdcverify.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Formats change events for people: a two-line live view in the style of the classic tutorial consumer
 * ({@code Key: ...} / {@code Operation: c, Data: ...}) and a full dump for assertion failure messages.
 *
 * <p>Lines are separated by {@code \n} so that output is identical on every platform.
 */
public final class ChangeEventPrinter {

    // Plain BigDecimals: a Debezium double column should print as 1000000.5, not 1.0000005E+6.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final PrintStream out;

    /** @param out where {@link #print(ChangeEvent)} writes, e.g. {@code System.out} */
    public ChangeEventPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes {@link #format(ChangeEvent)} and a line break in one call, so concurrent prints do not interleave. */
    public void print(ChangeEvent event) {
        out.println(format(event));
    }

    /**
     * Two lines: {@code Key: {"id":4}} then {@code Operation: c, Data: {...}} where Data is {@code after} for
     * c/r/u and {@code before} for d. Tombstones print {@code Tombstone (key deleted)} as the second line; truncates
     * name the table, and logical decoding messages, which carry no row, say so.
     */
    public String format(ChangeEvent event) {
        String keyLine = "Key: " + toJson(event.key());
        if (event.tombstone()) {
            return keyLine + "\nTombstone (key deleted)";
        }
        return keyLine + "\n" + operationLine(event);
    }

    private static String operationLine(ChangeEvent event) {
        Op op = event.op();
        String prefix = "Operation: " + (op == null ? "?" : op.code());
        if (op == null) {
            return prefix + ", Data: null";
        }
        return switch (op) {
            case CREATE, READ, UPDATE -> prefix + ", Data: " + toJson(event.after());
            case DELETE -> prefix + ", Data: " + toJson(event.before());
            case TRUNCATE -> prefix + ", Table: " + tableName(event.source());
            case MESSAGE -> prefix + ", Logical decoding message (no row data)";
        };
    }

    /**
     * Compact JSON of a plain Java value (maps keep their order); falls back to {@link String#valueOf(Object)} for
     * values Jackson cannot serialize, because this is used while reporting failures and must not throw.
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException | RuntimeException e) {
            return String.valueOf(value);
        }
    }

    /**
     * A readable multi-line dump of every part of the event: position, op, key, before, after, source fields,
     * ts_ms and transaction. Meant for assertion failure messages, where the reader needs the whole event.
     */
    public static String describe(ChangeEvent event) {
        StringBuilder text = new StringBuilder();
        text.append("event ").append(event.position());
        if (event.tombstone()) {
            text.append(" (tombstone)\n");
            line(text, "key", toJson(event.key()));
            return text.toString().stripTrailing();
        }
        text.append('\n');
        Op op = event.op();
        line(text, "op", op == null ? "null" : op.code() + " (" + op.name().toLowerCase() + ")");
        line(text, "key", toJson(event.key()));
        line(text, "before", toJson(event.before()));
        line(text, "after", toJson(event.after()));
        Source source = event.source();
        if (source == null) {
            line(text, "source", "null");
        } else {
            line(text, "source", tableName(source) + (source.isSnapshot() ? " (snapshot " + source.snapshot() + ")"
                    : " (streamed)"));
            Map<String, Object> fields = source.fields();
            if (fields != null) {
                fields.forEach((name, value) -> line(text, "source." + name, toJson(value)));
            }
        }
        line(text, "ts_ms", String.valueOf(event.tsMs()));
        line(text, "transaction", toJson(event.transaction()));
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append("  ").append(label).append(": ").append(value).append('\n');
    }

    private static String tableName(Source source) {
        if (source == null) {
            return "?";
        }
        return source.schema() + "." + source.table();
    }
}
