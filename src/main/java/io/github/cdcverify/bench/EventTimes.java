package io.github.cdcverify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The row id and Debezium's timestamps of one change event (JSON, with or without schemas). Microseconds where
 * Debezium gives them ({@code ts_us}, since Debezium 2.6), else milliseconds times 1000.
 */
record EventTimes(long id, long sourceTsUs, long envelopeTsUs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empty for a tombstone, a record without {@code after.id}, or a value that is not JSON. */
    static Optional<EventTimes> parse(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(value);
            JsonNode payload = root.has("payload") && root.has("schema") ? root.get("payload") : root;
            JsonNode id = payload.path("after").path("id");
            if (!id.canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new EventTimes(id.asLong(), micros(payload.path("source")), micros(payload)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long micros(JsonNode node) {
        JsonNode us = node.path("ts_us");
        return us.canConvertToLong() ? us.asLong() : node.path("ts_ms").asLong() * 1000;
    }
}
