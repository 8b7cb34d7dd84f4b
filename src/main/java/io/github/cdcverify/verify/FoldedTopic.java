package io.github.cdcverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cdcverify.setup.CaptureCatalog.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic folded by key to the latest row image, as a consumer that keeps a copy of the table would: creates,
 * updates and snapshot reads put the row, deletes and tombstones remove it, a truncate removes every row. Reads
 * JsonConverter output with or without schemas, Debezium envelopes and {@code ExtractNewRecordState}'s flattened rows
 * (with its {@code __deleted} rewrite). Memory grows with the number of rows, not of events.
 */
public final class FoldedTopic {

    /** Unreadable records kept with their position: the first ones show what is wrong, the count how often. */
    private static final int UNREADABLE_KEPT = 100;

    /**
     * A folded row: its column values as in the topic, with each column's Connect schema when it had one (shared by
     * every row of the same schema).
     */
    public record Row(Map<String, JsonNode> values, Map<String, JsonNode> schemas) {
    }

    /** What Debezium sends by default for a TOASTed value an update did not change. */
    public static final String DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

    private final Map<String, Row> rows = new HashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final ConnectJsonReader reader = new ConnectJsonReader();
    private long unreadableCount;
    private final String placeholder;
    private final Map<String, Column> keyColumns = new HashMap<>();
    private final String placeholderBase64;
    private long events;
    private long placeholdersFilled;
    private String mergedKeyField;
    private String mergedKeyValue;

    public FoldedTopic() {
        this(DEFAULT_PLACEHOLDER);
    }

    public FoldedTopic(String placeholder) {
        this(placeholder, List.of());
    }

    /**
     * @param placeholder the connector's {@code unavailable.value.placeholder}: a value equal to it (or to its
     *                    base64, for a bytea column) stands for "unchanged", and the key's previous value is kept
     * @param keyColumns  the table's key columns: their types say how a key's values are read under each handling
     *                    mode ({@link KeyValues}), so that keys of any type match the table's
     */
    public FoldedTopic(String placeholder, List<Column> keyColumns) {
        this.placeholder = placeholder;
        keyColumns.forEach(column -> this.keyColumns.put(column.name(), column));
        this.placeholderBase64 = Base64.getEncoder().encodeToString(placeholder.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Folds one record.
     *
     * @param position {@code topic-partition@offset}, for the report of records that cannot be read
     */
    public void add(String position, byte[] key, byte[] value) {
        try {
            ConnectJsonReader.Parsed keyRecord = reader.read(key);
            JsonNode keyPayload = keyRecord == null ? null : keyRecord.payload();
            if (mergedKeyField != null) {
                if (keyPayload == null || !mergedKeyValue.equals(keyPayload.path(mergedKeyField).asText(null))) {
                    return;
                }
                keyPayload = ((ObjectNode) keyPayload.deepCopy()).without(mergedKeyField);
            }
            events++;
            ConnectJsonReader.Parsed record = reader.read(value);
            if (record != null && "t".equals(record.payload().path("op").asText())) {
                rows.clear();
                return;
            }
            String keyText = keyPayload == null ? null : keyText(keyPayload,
                    keyRecord.schema() == null ? Map.of() : keyRecord.schema().fields());
            if (keyText == null) {
                unreadable(position + ": no key (a table without primary key cannot be compared by key)");
                return;
            }
            if (record == null || record.payload().isNull()) {
                rows.remove(keyText);
                return;
            }
            apply(keyText, record);
        } catch (IOException | RuntimeException e) {
            unreadable(position + ": " + e.getMessage());
        }
    }

    private void unreadable(String what) {
        unreadableCount++;
        if (unreadable.size() < UNREADABLE_KEPT) {
            unreadable.add(what);
        }
    }

    private void apply(String keyText, ConnectJsonReader.Parsed record) {
        JsonNode payload = record.payload();
        ConnectJsonReader.Schema schema = record.schema();
        JsonNode op = payload.get("op");
        if (op != null && payload.has("after")) {
            String code = op.asText();
            if ("d".equals(code)) {
                rows.remove(keyText);
            } else if (!"m".equals(code)) {
                put(keyText, row(payload.get("after"), schema == null ? Map.of() : schema.afterFields()));
            }
            return;
        }
        JsonNode deleted = payload.get("__deleted");
        if (deleted != null && "true".equals(deleted.asText())) {
            rows.remove(keyText);
            return;
        }
        put(keyText, row(payload, schema == null ? Map.of() : schema.fields()));
    }

    /**
     * Under REPLICA IDENTITY DEFAULT an update that leaves a TOASTed value alone sends the placeholder instead of
     * the value: a consumer keeping a copy of the table keeps the value it had, and so does the fold. A placeholder
     * with no earlier value of its key stays, and the comparison names it.
     */
    private void put(String keyText, Row row) {
        Row previous = rows.get(keyText);
        for (Map.Entry<String, JsonNode> column : row.values().entrySet()) {
            if (isPlaceholder(column.getValue())) {
                JsonNode kept = previous == null ? null : previous.values().get(column.getKey());
                if (kept != null && !isPlaceholder(kept)) {
                    column.setValue(kept);
                    placeholdersFilled++;
                }
            }
        }
        rows.put(keyText, row);
    }

    /** A fold of the topic of a table with these columns and this key, with Debezium's placeholder. */
    static FoldedTopic keyedBy(List<Column> columns, List<String> keyNames) {
        return new FoldedTopic(DEFAULT_PLACEHOLDER, columns.stream().filter(c -> keyNames.contains(c.name())).toList());
    }

    /** A new fold with the same key columns and the connector's {@code unavailable.value.placeholder}. */
    FoldedTopic withPlaceholder(String otherPlaceholder) {
        FoldedTopic fold = new FoldedTopic(otherPlaceholder, List.copyOf(keyColumns.values()));
        fold.mergedKeyField = mergedKeyField;
        fold.mergedKeyValue = mergedKeyValue;
        return fold;
    }

    /**
     * Folds only the records of one table of a topic several tables share ({@code ByLogicalTableRouter}): those
     * whose key field {@code keyField} holds {@code value}; the field itself is no column of the table's key.
     */
    FoldedTopic onlyKeysWith(String keyField, String value) {
        this.mergedKeyField = keyField;
        this.mergedKeyValue = value;
        return this;
    }

    /** The value that stands for an unchanged TOASTed value. */
    public String placeholder() {
        return placeholder;
    }

    /** Whether {@code value} is the placeholder of a TOASTed value that was not sent. */
    public boolean isPlaceholder(JsonNode value) {
        return value != null && value.isTextual() && (value.asText().equals(placeholder)
                || value.asText().equals(placeholderBase64));
    }

    /**
     * Every field of the row: only the table's columns are compared, so the fields {@code ExtractNewRecordState}
     * adds ({@code __deleted}, {@code __op}, ...) do no harm, while a column of the table named {@code __x} is one.
     */
    private static Row row(JsonNode values, Map<String, JsonNode> schemas) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            columns.put(field.getKey(), field.getValue());
        }
        return new Row(columns, schemas);
    }

    /** The key as {@code column=value} pairs in column order, comparable with {@link #keyText(Map, Map)}. */
    String keyText(JsonNode key, Map<String, JsonNode> schemas) {
        if (key == null || !key.isObject() || key.isEmpty()) {
            return null;
        }
        Map<String, String> columns = new TreeMap<>();
        key.fields().forEachRemaining(field -> columns.put(field.getKey(), KeyValues.ofTopic(
                keyColumns.get(field.getKey()), field.getValue(), schemas.get(field.getKey()))));
        return columns.toString();
    }

    /** The table side of {@link #keyText(JsonNode, Map)}: the key's values by column, with their columns. */
    static String keyText(Map<String, Object> key, Map<String, Column> keyColumns) {
        Map<String, String> columns = new TreeMap<>();
        key.forEach((column, value) -> columns.put(column, KeyValues.ofTable(keyColumns.get(column), value)));
        return columns.toString();
    }

    /** {@link #keyText(Map, Map)} of integer or text keys, whose types need no column to be read. */
    static String keyText(Map<String, Object> key) {
        return keyText(key, Map.of());
    }

    Map<String, Row> rows() {
        return rows;
    }

    /** The first records that could not be read, each with its position and why. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** How many records could not be read. */
    public long unreadableCount() {
        return unreadableCount;
    }

    public long events() {
        return events;
    }

    /** How many placeholders of unchanged TOASTed values took the value of their key's earlier event. */
    public long placeholdersFilled() {
        return placeholdersFilled;
    }
}
