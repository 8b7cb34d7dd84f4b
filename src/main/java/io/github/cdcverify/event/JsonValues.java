package io.github.cdcverify.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Jackson trees into plain Java values so that callers never depend on Jackson types. */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * Maps an object node to a {@link LinkedHashMap} (field order kept), an array to a {@link List}, integers to the
     * narrowest of Integer/Long, decimals to Double unless that would lose digits, then BigDecimal.
     */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return integral(node);
        }
        if (node.isNumber()) {
            return decimal(node.decimalValue());
        }
        // Binary or POJO nodes cannot come out of parsing text; keep their text form rather than fail.
        return node.asText();
    }

    /** An object node as an ordered map; {@code null} for JSON null or a missing node. */
    static Map<String, Object> toMap(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), toJava(field.getValue()));
        }
        return map;
    }

    private static Object integral(JsonNode node) {
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.canConvertToLong()) {
            return node.longValue();
        }
        return new BigDecimal(node.bigIntegerValue());
    }

    private static Object decimal(BigDecimal exact) {
        double approx = exact.doubleValue();
        if (Double.isFinite(approx) && BigDecimal.valueOf(approx).compareTo(exact) == 0) {
            return approx;
        }
        return exact;
    }
}
