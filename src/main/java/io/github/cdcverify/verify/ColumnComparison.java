package io.github.cdcverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.util.PGobject;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Whether a column's value in the table (as pgjdbc returns it) equals its value in the topic (as the JSON converter
 * wrote it), by the column's type and the Connect schema's logical type where there is one: numeric under
 * Debezium's precise/double/string modes, timestamps as micro- or milliseconds or ISO strings, dates as days, bytea as
 * base64 or hex, uuid, json. A type it cannot judge is {@link NotComparable}, never a false difference.
 */
final class ColumnComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColumnComparison() {
    }

    /** The column's type is not one this comparison knows; the column is left out and said so. */
    static final class NotComparable extends Exception {
        NotComparable(String type) {
            super(type);
        }
    }

    /**
     * @param schema the field's Connect schema, or {@code null} without schemas
     * @param scale  the column's numeric scale from the catalog, for decimals sent without a schema
     */
    static boolean same(Object table, JsonNode topic, JsonNode schema, Integer scale) throws NotComparable {
        boolean topicNull = topic == null || topic.isNull();
        if (table == null || topicNull) {
            return table == null && topicNull;
        }
        String logical = schema == null ? "" : schema.path("name").asText();
        if (table instanceof Float real) {
            return topic.isNumber() && topic.floatValue() == real;
        }
        if (table instanceof Double real) {
            return topic.isNumber() && topic.doubleValue() == real;
        }
        if (table instanceof BigDecimal || table instanceof Number) {
            BigDecimal expected = new BigDecimal(table.toString());
            BigDecimal received = decimal(topic, schema, logical, scale);
            return received != null && expected.compareTo(received) == 0;
        }
        if (table instanceof Boolean bool) {
            return topic.isBoolean() && topic.booleanValue() == bool;
        }
        if (table instanceof Timestamp timestamp) {
            return sameLocal(timestamp.toLocalDateTime(), topic, logical);
        }
        if (table instanceof LocalDateTime local) {
            return sameLocal(local, topic, logical);
        }
        if (table instanceof OffsetDateTime offset) {
            return sameInstant(offset.toInstant(), topic);
        }
        if (table instanceof java.sql.Date date) {
            return topic.canConvertToLong() && date.toLocalDate().equals(LocalDate.ofEpochDay(topic.asLong()));
        }
        if (table instanceof LocalDate date) {
            return topic.canConvertToLong() && date.equals(LocalDate.ofEpochDay(topic.asLong()));
        }
        if (table instanceof UUID uuid) {
            return uuid.toString().equalsIgnoreCase(topic.asText());
        }
        if (table instanceof byte[] bytes) {
            return sameBytes(bytes, topic.asText());
        }
        if (table instanceof PGobject object) {
            return samePgObject(object, topic);
        }
        if (table instanceof String text) {
            return topic.isTextual() && text.equals(topic.asText());
        }
        throw new NotComparable(table.getClass().getSimpleName());
    }

    private static BigDecimal decimal(JsonNode topic, JsonNode schema, String logical, Integer scale) {
        if (topic.isNumber()) {
            return topic.decimalValue();
        }
        if (topic.isObject() && topic.has("scale") && topic.has("value")) {
            return unscaled(topic.get("value").asText(), topic.get("scale").asInt());
        }
        if ("org.apache.kafka.connect.data.Decimal".equals(logical)) {
            return unscaled(topic.asText(), schema.path("parameters").path("scale").asInt());
        }
        try {
            return new BigDecimal(topic.asText());
        } catch (NumberFormatException notAPlainNumber) {
            return scale == null ? null : unscaled(topic.asText(), scale);
        }
    }

    private static BigDecimal unscaled(String base64, int scale) {
        try {
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(base64)), scale);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A timestamp without time zone: microseconds (adaptive), milliseconds (connect), nanoseconds, or ISO text. */
    private static boolean sameLocal(LocalDateTime table, JsonNode topic, String logical) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, table.toInstant(ZoneOffset.UTC));
        if (!topic.canConvertToLong()) {
            return sameInstant(table.toInstant(ZoneOffset.UTC), topic);
        }
        long value = topic.asLong();
        return switch (logical) {
            case "io.debezium.time.MicroTimestamp" -> value == micros;
            case "io.debezium.time.NanoTimestamp" -> value == micros * 1_000;
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> value * 1_000 == micros;
            default -> value == micros || value * 1_000 == micros;
        };
    }

    private static boolean sameInstant(Instant table, JsonNode topic) {
        if (topic.canConvertToLong()) {
            long value = topic.asLong();
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, table);
            return value == micros || value * 1_000 == micros;
        }
        try {
            return OffsetDateTime.parse(topic.asText()).toInstant().equals(table);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean sameBytes(byte[] table, String topic) {
        try {
            if (Arrays.equals(table, Base64.getDecoder().decode(topic))) {
                return true;
            }
        } catch (IllegalArgumentException notBase64) {
            // hex below
        }
        try {
            return Arrays.equals(table, HexFormat.of().parseHex(topic));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }

    private static boolean samePgObject(PGobject object, JsonNode topic) throws NotComparable {
        String type = object.getType();
        if ("json".equals(type) || "jsonb".equals(type)) {
            try {
                return JSON.readTree(object.getValue()).equals(JSON.readTree(topic.asText()));
            } catch (IOException e) {
                return false;
            }
        }
        if (topic.isTextual()) {
            return topic.asText().equals(object.getValue());
        }
        throw new NotComparable(type);
    }

    /** A key column's value as text that both sides agree on (numbers without trailing zeros). */
    static String keyValue(Object value) {
        if (value instanceof JsonNode node) {
            // An integer's text is already the plain form; the BigDecimal round trip is for the rest.
            return node.isIntegralNumber() ? node.asText() : node.isNumber()
                    ? node.decimalValue().stripTrailingZeros().toPlainString() : node.asText();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** How a value shows in a report: quoted text (a long one cut, with its length), or {@code null}. */
    static String show(Object value) {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            return "null";
        }
        String text = value instanceof JsonNode node ? (node.isTextual() ? node.asText() : node.toString())
                : value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value);
        return text.length() > 60 ? "'" + text.substring(0, 57) + "...' (" + text.length() + " characters)"
                : "'" + text + "'";
    }
}
