package io.github.cdcverify.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kafka record as JSON trees, schema included, for what {@link ChangeEvent} does not keep: field schemas, and
 * records that are no change envelopes (heartbeats, transaction metadata).
 *
 * @param key   the whole key ({@code {"schema":..., "payload":...}}), {@code null} when the record has none
 * @param value the whole value, {@code null} for a tombstone
 */
public record RawRecord(String topic, int partition, long offset, JsonNode key, JsonNode value,
                 byte[] keyBytes, byte[] valueBytes, Map<String, String> headers) {

    private static final ChangeEventParser PARSER = new ChangeEventParser();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The record as JSON trees; header values as UTF-8 text, the last one winning where a name repeats. */
    public static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(), json(record.key()),
                json(record.value()), record.key(), record.value(), headers);
    }

    private static JsonNode json(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node.isNull() ? null : node;
        } catch (IOException e) {
            throw new UncheckedIOException("Record is not JSON", e);
        }
    }

    /** Parses a JSON literal the way records are parsed, for exact comparisons with a record's nodes. */
    static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Bad JSON: " + json, e);
        }
    }

    /** The key's payload, {@code null} when there is no key. */
    public JsonNode keyPayload() {
        return key == null ? null : key.get("payload");
    }

    /** The value's payload, {@code null} for a tombstone. */
    public JsonNode payload() {
        return value == null ? null : value.get("payload");
    }

    /** The value's converter schema. */
    public JsonNode schema() {
        return value == null ? null : value.get("schema");
    }

    /** The last header of that name as UTF-8 text, {@code null} when there is none. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The record parsed as a change event (for {@code ChangeEventPrinter.describe} and envelope checks). */
    public ChangeEvent event() {
        return PARSER.parse(topic, partition, offset, keyBytes, valueBytes);
    }

    /** The schemas of the {@code after} struct's fields, in column order: {@code schema.fields[after].fields[]}. */
    public List<FieldSchema> afterSchema() {
        for (JsonNode field : value.get("schema").get("fields")) {
            if ("after".equals(field.get("field").asText())) {
                List<FieldSchema> fields = new ArrayList<>();
                field.get("fields").forEach(column -> fields.add(FieldSchema.of(column)));
                return fields;
            }
        }
        throw new IllegalStateException("No 'after' field in the value schema of " + topic + "@" + offset);
    }

    /** The schema of one column of {@code after}. */
    public FieldSchema afterSchema(String column) {
        return afterSchema().stream().filter(field -> field.field().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column + " in the after schema of " + topic
                        + "@" + offset + ": " + afterSchema()));
    }
}
