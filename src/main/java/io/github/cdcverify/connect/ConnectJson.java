package io.github.cdcverify.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON helpers shared by the REST client and the response records; tolerant of missing fields. */
final class ConnectJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConnectJson() {
    }

    static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which may be a connector config: keep only the location.
            throw new ConnectException("Kafka Connect returned malformed JSON for " + what
                    + " at " + e.getLocation());
        }
    }

    static String write(Map<String, String> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string map always serializes", e);
        }
    }

    /** The text of a scalar field, or {@code null} when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return Collections.unmodifiableMap(map);
    }

    static List<String> stringList(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(element -> list.add(element.asText()));
        }
        return List.copyOf(list);
    }
}
