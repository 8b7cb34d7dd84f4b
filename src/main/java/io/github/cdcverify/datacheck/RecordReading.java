package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cdcverify.judge.ConnectJsonReader;
import io.github.cdcverify.judge.JsonBytes;
import io.github.cdcverify.judge.RecordKeys;
import io.github.cdcverify.setup.CaptureCatalog.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * What one record of a table's topic does to a copy of the table, read from its bytes without parsing them: put a
 * row image under a key (a create, update or snapshot read; a flattened row), remove a key (a delete, a tombstone,
 * {@code __deleted=true}), remove every key (a truncate), or nothing. The key is read into text ({@link RecordKeys}:
 * single integer keys straight from their bytes); of the value only where its row image lies, found by walking the
 * payload's fields byte by byte ({@link JsonBytes}) and stopping at a non-null {@code after}. Reads JsonConverter
 * output with or without schemas, Debezium envelopes and {@code ExtractNewRecordState}'s flattened rows.
 *
 * <p>One instance reads one record after another, on one thread: the results of the last {@link #read} are in its
 * fields until the next, so that reading a record allocates nothing but the key's text.
 */
final class RecordReading {

    /** What a record does to the copy of the table. */
    enum Effect { NONE, PUT, REMOVE, TRUNCATE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] AFTER = "after".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OP = "op".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DELETED = "__deleted".getBytes(StandardCharsets.UTF_8);

    private final ConnectJsonReader reader = new ConnectJsonReader();
    private final RecordKeys keys;
    private String mergedKeyField;
    private String mergedKeyValue;
    /** Value ranges in the payload being read: after, op, __deleted; -1 where absent. */
    private final int[] found = new int[6];

    private Effect effect;
    private boolean counted;
    private String key;
    private int from;
    private int to;
    private Map<String, JsonNode> schemas;

    /** @param keyColumns the table's key columns by name: their types say how a key's values are read */
    RecordReading(Map<String, Column> keyColumns) {
        this.keys = new RecordKeys(keyColumns);
    }

    /**
     * Reads only the records of one table of a topic several tables share ({@code ByLogicalTableRouter}): those whose
     * key field {@code keyField} holds {@code value}; the field itself is no column of the table's key.
     */
    void onlyKeysWith(String keyField, String value) {
        this.mergedKeyField = keyField;
        this.mergedKeyValue = value;
    }

    /** Reads the same records as {@code other} (for a new fold with other settings). */
    void sameRecordsAs(RecordReading other) {
        onlyKeysWith(other.mergedKeyField, other.mergedKeyValue);
    }

    /**
     * Reads one record: its effect and where its row image lies are then in {@link #effect()}, {@link #key()},
     * {@link #from()}, {@link #to()}, {@link #schemas()}.
     *
     * @return what is wrong with it (its effect is then {@link Effect#NONE}), or null
     */
    String read(byte[] keyBytes, byte[] value) throws IOException {
        effect = Effect.NONE;
        counted = false;
        ConnectJsonReader.Located keyAt = reader.locate(keyBytes);
        if (mergedKeyField != null) {
            JsonNode keyPayload = keyAt == null ? null : JSON.readTree(JSON.getFactory().createParser(keyBytes,
                    keyAt.payloadStart(), keyBytes.length - keyAt.payloadStart()));
            if (keyPayload == null || !mergedKeyValue.equals(keyPayload.path(mergedKeyField).asText(null))) {
                return null;
            }
            key = keys.text(((ObjectNode) keyPayload.deepCopy()).without(mergedKeyField),
                    keyAt.schema() == null ? Map.of() : keyAt.schema().fields());
        } else {
            key = keyAt == null ? null : keys.text(keyBytes, keyAt);
        }
        counted = true;
        ConnectJsonReader.Located valueAt = reader.locate(value);
        int start = valueAt == null ? -1 : JsonBytes.skipWhitespace(value, valueAt.payloadStart());
        if (valueAt == null || start < value.length && value[start] == 'n') {
            return key == null ? noKey() : effect(Effect.REMOVE);
        }
        ConnectJsonReader.Schema schema = valueAt.schema();
        boolean envelope = schema != null && schema.envelope();
        scanPayload(value, start, envelope);
        if (found[2] >= 0 && isOp(value, 't')) {
            return effect(Effect.TRUNCATE);
        }
        if (key == null) {
            return noKey();
        }
        if (envelope || (found[0] >= 0 && found[2] >= 0)) {
            schemas = schema == null ? Map.of() : schema.afterFields();
            from = found[0];
            to = found[1];
            if (value[found[0]] != 'n') {
                return effect(Effect.PUT);
            }
            return isOp(value, 'd') ? effect(Effect.REMOVE) : isOp(value, 'm') ? null : effect(Effect.PUT);
        }
        if (found[4] >= 0 && new String(value, found[4], found[5] - found[4], StandardCharsets.UTF_8)
                .equals("\"true\"")) {
            return effect(Effect.REMOVE);
        }
        schemas = schema == null ? Map.of() : schema.fields();
        from = start;
        to = JsonBytes.valueEnd(value, start);
        return effect(Effect.PUT);
    }

    private String effect(Effect what) {
        this.effect = what;
        return null;
    }

    private static String noKey() {
        return "no key (a table without primary key cannot be compared by key)";
    }

    private boolean isOp(byte[] value, char op) {
        return found[3] - found[2] == 3 && value[found[2] + 1] == op;
    }

    /**
     * Finds the fields {@code after}, {@code op} and {@code __deleted} of the payload at {@code start}. Of an
     * envelope the walk stops at a non-null {@code after}: {@code op} only matters when there is none.
     */
    private void scanPayload(byte[] bytes, int start, boolean envelope) throws IOException {
        Arrays.fill(found, -1);
        JsonBytes.walkFields(bytes, start, (nameFrom, nameTo, valueFrom, valueTo) -> {
            if (Arrays.equals(bytes, nameFrom, nameTo, AFTER, 0, AFTER.length)) {
                found[0] = valueFrom;
                found[1] = valueTo;
                return !envelope || bytes[valueFrom] == 'n';
            }
            if (Arrays.equals(bytes, nameFrom, nameTo, OP, 0, OP.length)) {
                found[2] = valueFrom;
                found[3] = valueTo;
            } else if (Arrays.equals(bytes, nameFrom, nameTo, DELETED, 0, DELETED.length)) {
                found[4] = valueFrom;
                found[5] = valueTo;
            }
            return true;
        });
    }

    /** The key as {@code column=value} pairs in column order (see {@link FoldedTopic#keyText(Map, Map)}). */
    String keyText(JsonNode keyValue, Map<String, JsonNode> keySchemas) {
        return keys.text(keyValue, keySchemas);
    }

    /** The last record's effect. */
    Effect effect() {
        return effect;
    }

    /** Whether the last record was one of the table's (a shared topic holds others), to be counted as its event. */
    boolean counted() {
        return counted;
    }

    /** The last record's key as text; null when it had none. */
    String key() {
        return key;
    }

    /** Where the last record's row image starts in its value (for {@link Effect#PUT}). */
    int from() {
        return from;
    }

    /** Where it ends, exclusive. */
    int to() {
        return to;
    }

    /** The Connect schema of each column of the last row image; empty without schemas. */
    Map<String, JsonNode> schemas() {
        return schemas;
    }
}
