package io.github.cdcverify.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads Debezium JSON change events (PostgreSQL connector, {@code JsonConverter}) into {@link ChangeEvent}s.
 *
 * <p>Accepts both converter settings: {@code schemas.enable=true} ({@code {"schema":..., "payload":...}}) and
 * {@code schemas.enable=false} (payload at the top level). Instances hold no per-call state and may be shared
 * between threads.
 */
public final class ChangeEventParser {

    private static final String FIX = "Check that the topic is written by the Debezium connector through the JSON "
            + "converter (key.converter/value.converter org.apache.kafka.connect.json.JsonConverter) and that no "
            + "SMT such as ExtractNewRecordState flattens the envelope.";
    private static final int MAX_DETAIL_CHARS = 200;

    // Decimals are read exactly so that JsonValues can decide whether a Double loses digits.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * Parses one Kafka record.
     *
     * @param key   the raw key, {@code null} or empty for keyless tables, truncates and messages without prefix key
     * @param value the raw value, {@code null} or empty for a tombstone
     * @return the parsed event; a tombstone event when the value is null or empty
     * @throws MalformedEventException when key or value is not JSON, not an object, or the value is no envelope
     */
    public ChangeEvent parse(String topic, int partition, long offset, byte[] key, byte[] value) {
        Position at = new Position(topic, partition, offset);
        Map<String, Object> keyPayload = parseKey(at, key);
        if (value == null || value.length == 0) {
            return tombstone(at, keyPayload);
        }
        JsonNode payload = unwrap(readObject(at, "value", value));
        if (payload.isNull()) {
            // JsonConverter with schemas enabled may wrap a null value as {"schema":null,"payload":null}.
            return tombstone(at, keyPayload);
        }
        JsonNode opNode = payload.get("op");
        if (opNode == null || opNode.isNull()) {
            throw at.malformed("value is not a Debezium change event envelope: no 'op' field; top-level fields were "
                    + abbreviate(fieldNames(payload).toString()), null);
        }
        return new ChangeEvent(topic, partition, offset, keyPayload, op(at, opNode),
                objectOrNull(at, payload, "before"), objectOrNull(at, payload, "after"),
                source(at, payload.get("source")), longOrNull(at, payload, "ts_ms"),
                objectOrNull(at, payload, "transaction"), false);
    }

    /**
     * Parses a record as returned by a {@code KafkaConsumer<byte[], byte[]>}.
     *
     * @see #parse(String, int, long, byte[], byte[])
     */
    public ChangeEvent parse(ConsumerRecord<byte[], byte[]> record) {
        return parse(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    /**
     * A record value's payload (the {@code schemas.enable=true} wrapper removed), for readers of other shapes of
     * record than the envelope.
     *
     * @throws MalformedEventException when the value is not a JSON object
     */
    static JsonNode payload(String topic, int partition, long offset, byte[] value) {
        if ("null".equals(new String(value, StandardCharsets.UTF_8).strip())) {
            return NullNode.getInstance(); // how a transform's schemaless tombstone may arrive
        }
        return unwrap(readObject(new Position(topic, partition, offset), "value", value));
    }

    private static ChangeEvent tombstone(Position at, Map<String, Object> key) {
        return new ChangeEvent(at.topic, at.partition, at.offset, key, null, null, null, null, null, null, true);
    }

    private static Map<String, Object> parseKey(Position at, byte[] key) {
        if (key == null || key.length == 0) {
            return null;
        }
        return JsonValues.toMap(unwrap(readObject(at, "key", key)));
    }

    private static JsonNode readObject(Position at, String part, byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw at.malformed(part + " is not valid JSON: " + abbreviate(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw at.malformed(part + " could not be read: " + abbreviate(String.valueOf(e.getMessage())), e);
        }
        if (root == null || root.isMissingNode()) {
            throw at.malformed(part + " is blank, expected a JSON object", null);
        }
        if (!root.isObject()) {
            throw at.malformed(part + " is a JSON " + root.getNodeType().name().toLowerCase()
                    + ", expected a JSON object: " + abbreviate(root.toString()), null);
        }
        return root;
    }

    /**
     * Strips the {@code schemas.enable=true} wrapper. Only an object with exactly the two wrapper fields counts, so
     * that a schemaless key of a table with a column named {@code schema} is not mistaken for one.
     */
    private static JsonNode unwrap(JsonNode root) {
        boolean wrapped = root.size() == 2 && root.has("schema") && root.has("payload")
                && (root.get("schema").isObject() || root.get("schema").isNull());
        return wrapped ? root.get("payload") : root;
    }

    private static Op op(Position at, JsonNode opNode) {
        if (!opNode.isTextual()) {
            throw at.malformed("value has a non-text 'op' field: " + abbreviate(opNode.toString()), null);
        }
        try {
            return Op.fromCode(opNode.textValue());
        } catch (IllegalArgumentException e) {
            List<String> known = Arrays.stream(Op.values()).map(Op::code).toList();
            throw at.malformed("value has op '" + abbreviate(opNode.textValue()) + "', which is not a Debezium op "
                    + known, e);
        }
    }

    private static Map<String, Object> objectOrNull(Position at, JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw at.malformed("value has a '" + field + "' field that is not an object: " + abbreviate(node.toString()),
                    null);
        }
        return JsonValues.toMap(node);
    }

    private static Source source(Position at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw at.malformed("value has a 'source' field that is not an object: " + abbreviate(node.toString()), null);
        }
        return new Source(text(node, "connector"), text(node, "name"), text(node, "db"), text(node, "schema"),
                text(node, "table"), longOrNull(at, node, "lsn"), longOrNull(at, node, "txId"),
                longOrNull(at, node, "ts_ms"), text(node, "snapshot"), JsonValues.toMap(node));
    }

    /** Text of a field; booleans (older connectors sent {@code snapshot: true}) become "true"/"false". */
    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.asText();
    }

    private static Long longOrNull(Position at, JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // fall through to the common error
            }
        }
        throw at.malformed("value has a '" + field + "' field that is not a whole number: " + abbreviate(node.toString()),
                null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL_CHARS ? oneLine : oneLine.substring(0, MAX_DETAIL_CHARS) + "... (truncated)";
    }

    /** Where a record came from, carried along only to build error messages. */
    private record Position(String topic, int partition, long offset) {
        MalformedEventException malformed(String problem, Throwable cause) {
            return new MalformedEventException(topic, partition, offset, problem, FIX, cause);
        }
    }
}
