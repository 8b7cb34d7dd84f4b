package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.setup.CaptureCatalog.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A record key as one text, {@code {column=value, ...}} in column order with each value read by {@link KeyValues}
 * by its table column's type, so that the table's keys and the topic's match under every handling mode. A key of one
 * integer column, by far the most common, is read straight from its bytes: most of a fold's events are keys read
 * this way.
 */
public final class RecordKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTEGER_SCHEMAS = Set.of("int8", "int16", "int32", "int64");

    private final Map<String, Column> keyColumns;
    /** The last key schema seen to be of one plain integer field: checked once, not for every record. */
    private ConnectJsonReader.Schema integerKeySchema;

    /** @param keyColumns the table's key columns by name; a field with no column is read by its JSON type */
    public RecordKeys(Map<String, Column> keyColumns) {
        this.keyColumns = keyColumns;
    }

    /** The key's text: straight from its bytes when it is one integer column, else by {@link #text(JsonNode, Map)}. */
    public String text(byte[] key, ConnectJsonReader.Located at) throws IOException {
        String integer = integerKey(key, JsonBytes.skipWhitespace(key, at.payloadStart()), at.schema());
        return integer != null ? integer : text(JSON.readTree(JSON.getFactory().createParser(key, at.payloadStart(),
                key.length - at.payloadStart())), at.schema() == null ? Map.of() : at.schema().fields());
    }

    /**
     * {@code {"id":123}} as {@code {id=123}}, what {@link KeyValues} makes of an integer in a number column, without
     * parsing; null for any other key.
     */
    private String integerKey(byte[] key, int at, ConnectJsonReader.Schema schema) {
        if (at + 5 >= key.length || key[at] != '{' || key[at + 1] != '"') {
            return null;
        }
        int nameEnd = at + 2;
        while (nameEnd < key.length && key[nameEnd] != '"') {
            if (key[nameEnd++] == '\\') {
                return null;
            }
        }
        int valueStart = nameEnd + 2;
        if (valueStart >= key.length || key[nameEnd + 1] != ':') {
            return null;
        }
        int end = key[valueStart] == '-' ? valueStart + 1 : valueStart;
        int digits = end;
        while (end < key.length && key[end] >= '0' && key[end] <= '9') {
            end++;
        }
        if (end == digits || end >= key.length || key[end] != '}' || (key[digits] == '0' && end - digits > 1)) {
            return null;
        }
        String name = new String(key, at + 2, nameEnd - at - 2, StandardCharsets.UTF_8);
        Column column = keyColumns.get(name);
        if ((column != null && !KeyValues.isNumber(column)) || !integerSchema(schema, name)) {
            return null;
        }
        return "{" + name + "=" + new String(key, valueStart, end - valueStart, StandardCharsets.ISO_8859_1) + "}";
    }

    private boolean integerSchema(ConnectJsonReader.Schema schema, String name) {
        if (schema == null || schema == integerKeySchema) {
            return true;
        }
        JsonNode field = schema.fields().get(name);
        boolean integer = field != null && INTEGER_SCHEMAS.contains(field.path("type").asText())
                && !field.has("name");
        if (integer) {
            integerKeySchema = schema;
        }
        return integer;
    }

    /** The key as {@code column=value} pairs in column order, comparable with {@link #ofTable}. */
    public String text(JsonNode key, Map<String, JsonNode> schemas) {
        if (key == null || !key.isObject() || key.isEmpty()) {
            return null;
        }
        Map<String, String> columns = new TreeMap<>();
        key.fields().forEachRemaining(field -> columns.put(field.getKey(), KeyValues.ofTopic(
                keyColumns.get(field.getKey()), field.getValue(), schemas.get(field.getKey()))));
        return columns.toString();
    }

    /** The table side of {@link #text(JsonNode, Map)}: the key's values by column, with their columns. */
    public static String ofTable(Map<String, Object> key, Map<String, Column> keyColumns) {
        if (key.size() == 1) {
            Map.Entry<String, Object> only = key.entrySet().iterator().next();
            if (only.getValue() instanceof Integer || only.getValue() instanceof Long
                    || only.getValue() instanceof Short) {
                // What KeyValues makes of an integer, without its detour through BigDecimal.
                return "{" + only.getKey() + "=" + only.getValue() + "}";
            }
        }
        Map<String, String> columns = new TreeMap<>();
        key.forEach((column, value) -> columns.put(column, KeyValues.ofTable(keyColumns.get(column), value)));
        return columns.toString();
    }
}
