package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.judge.ColumnComparison.NotComparable;
import io.github.cdcverify.judge.TableValues.Bits;
import io.github.cdcverify.judge.TableValues.Geometric;
import io.github.cdcverify.judge.TableValues.InstantRange;
import io.github.cdcverify.judge.TableValues.JsonValue;
import io.github.cdcverify.judge.TableValues.Point;
import io.github.cdcverify.judge.TableValues.TimeOfDay;
import io.github.cdcverify.judge.TableValues.UtcTime;
import org.postgresql.util.PGInterval;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@link ColumnComparison#same(Object, JsonNode, JsonNode, Integer)}'s work: whether a column's value in the table (as
 * pgjdbc returns it) equals its value in the topic (as the JSON converter wrote it), by the column's type and the
 * Connect schema's logical type where there is one: numeric under Debezium's precise/double/string modes, timestamps
 * as micro- or milliseconds or ISO strings, dates as days, bytea as base64 or hex, uuid, json, arrays element by
 * element, and the forms of {@link TableValues} ({@link TypedComparison}). A value it cannot judge is
 * {@link NotComparable}, with the reason, never a false difference.
 */
final class TopicValueComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicValueComparison() {
    }

    static boolean compare(Object table, JsonNode topic, JsonNode schema, Integer scale)
            throws NotComparable {
        boolean topicNull = topic == null || topic.isNull();
        if (table instanceof TableValues.NumericSpecial special) {
            if (topicNull) {
                throw new NotComparable("no exact mapping of NaN and infinities under decimal.handling.mode=precise "
                        + "(Debezium sends null)");
            }
            // decimal.handling.mode=string sends Debezium's names (NAN, POSITIVE_INFINITY), double the JSON texts.
            String received = topic.asText().toLowerCase(Locale.ROOT);
            return topic.isTextual() && switch (special.text()) {
                case "NaN" -> received.equals("nan");
                case "Infinity" -> received.equals("infinity") || received.equals("positive_infinity");
                default -> received.equals("-infinity") || received.equals("negative_infinity");
            };
        }
        if (table == null || topicNull) {
            return table == null && topicNull;
        }
        String logical = schema == null ? "" : schema.path("name").asText();
        if (table instanceof List<?> elements) {
            return sameArray(elements, topic, schema == null ? null : schema.get("items"), scale);
        }
        if (table instanceof Float real) {
            Double received = floating(topic);
            return received != null && (received.floatValue() == real || real.isNaN() && received.isNaN());
        }
        if (table instanceof Double real) {
            Double received = floating(topic);
            return received != null && (received == real.doubleValue() || real.isNaN() && received.isNaN());
        }
        if (table instanceof BigDecimal || table instanceof Number) {
            BigDecimal received = decimal(topic, schema, logical, scale);
            return received != null && ColumnComparison.sameNumber((Number) table, received);
        }
        if (table instanceof Boolean bool) {
            return topic.isBoolean() && topic.booleanValue() == bool;
        }
        Boolean typed = sameTyped(table, topic, logical);
        if (typed != null) {
            return typed;
        }
        if (table instanceof UUID uuid) {
            return uuid.toString().equalsIgnoreCase(topic.asText());
        }
        if (table instanceof byte[] bytes) {
            return topic.isTextual() && BinaryText.readings(topic.asText()).stream()
                    .anyMatch(reading -> Arrays.equals(reading, bytes));
        }
        if (table instanceof PGobject object) {
            return samePgObject(object, topic);
        }
        if (table instanceof String text) {
            if (!topic.isValueNode()) {
                throw new NotComparable("no exact mapping from its text to the topic's " + (logical.isEmpty()
                        ? "struct" : logical));
            }
            return topic.isTextual() && text.equals(topic.asText());
        }
        throw new NotComparable("no comparison for its value " + table.getClass().getSimpleName());
    }

    /** A number, or NaN and infinities, which the JsonConverter writes as text; null for anything else. */
    private static Double floating(JsonNode topic) {
        if (topic.isNumber()) {
            return topic.doubleValue();
        }
        if (!topic.isTextual()) {
            return null;
        }
        return switch (topic.asText().toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity" -> Double.POSITIVE_INFINITY;
            case "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** The temporal, interval, bit, JSON, range and geometric forms of {@link TableValues}; null for others. */
    private static Boolean sameTyped(Object table, JsonNode topic, String logical) throws NotComparable {
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
        if (table instanceof TimeOfDay time) {
            return TypedComparison.sameTime(time, topic, logical);
        }
        if (table instanceof UtcTime time) {
            return TypedComparison.sameUtcTime(time, topic);
        }
        if (table instanceof PGInterval interval) {
            return TypedComparison.sameInterval(interval, topic);
        }
        if (table instanceof Bits bits) {
            return TypedComparison.sameBits(bits, topic);
        }
        if (table instanceof JsonValue json) {
            return TypedComparison.sameJson(json, topic);
        }
        if (table instanceof InstantRange range) {
            return TypedComparison.sameInstantRange(range, topic);
        }
        if (table instanceof Point point) {
            return TypedComparison.samePoint(point, topic);
        }
        if (table instanceof TableValues.Unreadable unreadable) {
            throw new NotComparable("its " + unreadable.type() + " text is not one cdc-verify reads yet");
        }
        if (table instanceof TableValues.Infinite infinite) {
            throw new NotComparable("no exact mapping of infinity and -infinity (Debezium sends a number of its own)");
        }
        if (table instanceof Geometric shape) {
            return TypedComparison.sameGeometric(shape, topic);
        }
        return null;
    }

    /** Element by element, each by its element type; a multidimensional array has no form to compare. */
    private static boolean sameArray(List<?> table, JsonNode topic, JsonNode items, Integer scale)
            throws NotComparable {
        if (!topic.isArray()) {
            return false;
        }
        if (topic.size() != table.size()) {
            return false;
        }
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i) instanceof List<?>) {
                throw new NotComparable("a multidimensional array, which Debezium does not send element by element");
            }
            if (!compare(table.get(i), topic.get(i), items, scale)) {
                return false;
            }
        }
        return true;
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
        long micros = ColumnComparison.micros(table.toInstant(ZoneOffset.UTC));
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
            long micros = ColumnComparison.micros(table);
            return value == micros || value * 1_000 == micros;
        }
        return table.equals(ColumnComparison.parseInstant(topic.asText()));
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
        throw new NotComparable("no comparison for its type " + type);
    }
}
