package io.github.cdcverify.consume;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka Connect field schema as {@code JsonConverter} writes it.
 *
 * @param type       Connect's type: int16, int32, int64, float, double, boolean, string, bytes, array, struct
 * @param name       the logical type, e.g. {@code io.debezium.time.Date}; {@code null} for plain types
 * @param parameters e.g. {@code scale} of a Decimal, {@code allowed} of an Enum; empty when there are none
 * @param items      the element schema of an array, else {@code null}
 */
public record FieldSchema(String field, String type, String name, boolean optional, Map<String, String> parameters,
                   FieldSchema items) {

    public static FieldSchema of(JsonNode node) {
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = node.get("parameters");
        if (params != null) {
            params.properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        }
        JsonNode items = node.get("items");
        return new FieldSchema(text(node, "field"), text(node, "type"), text(node, "name"),
                node.path("optional").asBoolean(false), parameters, items == null ? null : of(items));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
