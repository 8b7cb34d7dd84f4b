package io.github.cdcverify.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where a JsonConverter record's payload starts, {@code {"schema":...,"payload":...}} or schemaless, and its
 * schema; the caller reads the payload as it needs it.
 * A topic repeats the same schema in every record, and it is most of each record's bytes (~2 of 3 KB for a
 * Debezium envelope): a record that starts with the bytes of one seen before up to its payload is read from its
 * payload on; otherwise its schema is skipped token by token, looked up by its bytes, and parsed once per distinct
 * schema. Building a tree for it every time was most of the data check's time and, kept per row, most of its memory.
 */
public final class ConnectJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Topics whose schemas keep changing (schema evolution) are rare; this only bounds a pathological one. */
    private static final int MOST_SCHEMAS = 1_000;
    private static final int MOST_PREFIXES = 8;

    /** One distinct schema, with the Connect field schemas of its struct and of its {@code after} field. */
    public static final class Schema {
        private final JsonNode node;
        private Map<String, JsonNode> fields;
        private Map<String, JsonNode> afterFields;

        private Schema(JsonNode node) {
            this.node = node;
        }

        /** Whether this is a Debezium envelope's schema: a struct with {@code op}, {@code source} and {@code after}. */
        public boolean envelope() {
            return fields().containsKey("op") && fields().containsKey("source") && !afterFields().isEmpty();
        }

        /** The field schemas of this struct by field name (a flattened row's columns). */
        public Map<String, JsonNode> fields() {
            if (fields == null) {
                fields = fieldsOf(node);
            }
            return fields;
        }

        /** The field schemas of the struct in field {@code after} (a Debezium envelope's columns). */
        public Map<String, JsonNode> afterFields() {
            if (afterFields == null) {
                JsonNode after = null;
                for (JsonNode field : node.path("fields")) {
                    if ("after".equals(field.path("field").asText())) {
                        after = field;
                    }
                }
                afterFields = after == null ? Map.of() : fieldsOf(after);
            }
            return afterFields;
        }

        private static Map<String, JsonNode> fieldsOf(JsonNode struct) {
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode field : struct.path("fields")) {
                byName.put(field.path("field").asText(), field);
            }
            return Collections.unmodifiableMap(byName);
        }
    }

    /**
     * A record's bytes up to its payload, {@code {"schema":{...},"payload":}}: a record that starts with the same
     * bytes has the same schema, and its payload starts right after them.
     */
    private record Prefix(byte[] bytes, Schema schema) {
        Located located() {
            return new Located(bytes.length, schema);
        }

        boolean startsWith(byte[] record) {
            return record.length > bytes.length && Arrays.equals(record, 0, bytes.length, bytes, 0, bytes.length);
        }
    }

    private final Map<ByteBuffer, Schema> schemas = new HashMap<>();
    /** The prefixes seen last, most recent first: a topic's keys and values have one each, until a schema changes. */
    private final List<Prefix> prefixes = new ArrayList<>();

    /** Where a record's payload starts, and its schema (null without one). */
    public record Located(int payloadStart, Schema schema) {
    }

    /**
     * Where the payload of a record starts, without reading the payload: for a record whose schema prefix was seen
     * before this is one comparison of bytes. Null for null bytes (a tombstone).
     */
    public Located locate(byte[] bytes) throws IOException {
        if (bytes == null) {
            return null;
        }
        for (Prefix prefix : prefixes) {
            if (prefix.startsWith(bytes)) {
                return prefix.located();
            }
        }
        try (JsonParser parser = JSON.getFactory().createParser(bytes)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                int fields = 0;
                int schemaStart = -1;
                int schemaEnd = -1;
                int payloadStart = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    fields++;
                    if ("schema".equals(name)) {
                        schemaStart = (int) parser.getTokenLocation().getByteOffset();
                        parser.skipChildren();
                        schemaEnd = (int) parser.getCurrentLocation().getByteOffset();
                    } else if ("payload".equals(name)) {
                        payloadStart = (int) parser.getTokenLocation().getByteOffset();
                        parser.skipChildren();
                    } else {
                        break;
                    }
                }
                if (fields == 2 && schemaStart >= 0 && schemaStart < payloadStart
                        && parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null) {
                    Schema schema = schema(bytes, schemaStart, schemaEnd);
                    Prefix prefix = new Prefix(Arrays.copyOf(bytes, payloadStart), schema);
                    remember(prefix);
                    return prefix.located();
                }
            }
            // Schemaless (the whole record is the payload): read to its end, so that bytes that are no JSON fail
            // here, in the parser's words, as they did when every record was parsed.
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        }
        return new Located(0, null);
    }

    private void remember(Prefix prefix) {
        prefixes.add(0, prefix);
        if (prefixes.size() > MOST_PREFIXES) {
            prefixes.remove(prefixes.size() - 1);
        }
    }

    private Schema schema(byte[] bytes, int start, int end) throws IOException {
        ByteBuffer text = ByteBuffer.wrap(bytes, start, end - start).slice();
        Schema known = schemas.get(text);
        if (known != null) {
            return known;
        }
        Schema parsed = new Schema(JSON.readTree(bytes, start, end - start));
        if (schemas.size() < MOST_SCHEMAS) {
            byte[] copy = new byte[end - start];
            System.arraycopy(bytes, start, copy, 0, copy.length);
            schemas.put(ByteBuffer.wrap(copy), parsed);
        }
        return parsed;
    }
}
