package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.judge.TableValues.TimeOfDay;
import io.github.cdcverify.judge.TableValues.UtcTime;
import io.github.cdcverify.setup.CaptureCatalog.Column;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A key column's value as one text that the table's value and the topic's give alike, by the column's type, under
 * every handling mode: numbers as plain decimals without trailing zeros (from integers, Decimal's base64,
 * VariableScaleDecimal, doubles or {@code decimal.handling.mode=string}), dates as ISO dates, timestamps as ISO
 * local date-times or instants, times as microseconds of the day, bytea as base64 (from bytes or any
 * {@code binary.handling.mode} text), uuids in lower case. The forms of dates, timestamps, numbers, text and uuids
 * are also what PostgreSQL casts back, so that a few keys can be read again by themselves.
 */
public final class KeyValues {

    private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "money", "oid");
    private static final Instant EPOCH = Instant.EPOCH;

    private KeyValues() {
    }

    /** Whether a key column of this type is read as a number: its text is the plain decimal. */
    static boolean isNumber(Column column) {
        return NUMBERS.contains(column.type());
    }

    /** The text of a value from the table (as {@link TableValues#read} gives it); column null when unknown. */
    public static String ofTable(Column column, Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return plain(new BigDecimal(number.toString()));
        }
        if (value instanceof OffsetDateTime instant) {
            return instant.toInstant().toString();
        }
        if (value instanceof TimeOfDay time) {
            return Long.toString(time.micros());
        }
        if (value instanceof UtcTime time) {
            return Long.toString(time.micros());
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return String.valueOf(value);
    }

    /**
     * The text of a value from the topic.
     *
     * @param column the key column of that name, or null when the table has none (its value's text then)
     * @param schema the field's Connect schema, or null without schemas
     */
    public static String ofTopic(Column column, JsonNode value, JsonNode schema) {
        if (value == null || value.isNull()) {
            return "null";
        }
        String logical = schema == null ? "" : schema.path("name").asText();
        String type = column == null ? "" : column.type();
        try {
            if (NUMBERS.contains(type) || (column == null && value.isNumber())) {
                BigDecimal number = number(value, schema, logical, column);
                return number == null ? value.asText() : plain(number);
            }
            return switch (type) {
                case "date" -> value.canConvertToLong() ? LocalDate.ofEpochDay(value.asLong()).toString()
                        : value.asText();
                case "timestamp without time zone" -> localTimestamp(column, value, logical);
                case "timestamp with time zone" -> value.isTextual()
                        ? OffsetDateTime.parse(value.asText()).toInstant().toString() : value.asText();
                case "time without time zone" -> Long.toString(micros(column, value, logical));
                case "time with time zone" -> utcMicros(value.asText());
                case "bytea" -> bytes(value, schema);
                case "uuid" -> value.asText().toLowerCase(Locale.ROOT);
                default -> value.asText();
            };
        } catch (RuntimeException unreadable) {
            // Not in the form this type has under any mode: its own text, which then matches no table row.
            return value.asText();
        }
    }

    private static BigDecimal number(JsonNode value, JsonNode schema, String logical, Column column) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isObject() && value.has("scale") && value.has("value")) {
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(value.get("value").asText())),
                    value.get("scale").asInt());
        }
        if ("org.apache.kafka.connect.data.Decimal".equals(logical)) {
            return new BigDecimal(new BigInteger(Base64.getDecoder().decode(value.asText())),
                    schema.path("parameters").path("scale").asInt());
        }
        try {
            return new BigDecimal(value.asText());
        } catch (NumberFormatException notPlain) {
            // Precise mode without schemas: Decimal's base64 at the column's scale.
            Integer scale = column == null ? null : column.numericScale();
            return scale == null ? null
                    : new BigDecimal(new BigInteger(Base64.getDecoder().decode(value.asText())), scale);
        }
    }

    /** Adaptive modes send micro- or milliseconds by the column's precision, connect milliseconds. */
    private static String localTimestamp(Column column, JsonNode value, String logical) {
        if (!value.canConvertToLong()) {
            return LocalDateTime.parse(value.asText().replace(' ', 'T').replace("Z", "")).toString();
        }
        long number = value.asLong();
        long micros = switch (logical) {
            case "io.debezium.time.MicroTimestamp" -> number;
            case "io.debezium.time.NanoTimestamp" -> Math.floorDiv(number, 1_000);
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> number * 1_000;
            default -> column.datetimePrecision() != null && column.datetimePrecision() <= 3 ? number * 1_000
                    : number;
        };
        return LocalDateTime.ofInstant(EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC).toString();
    }

    private static long micros(Column column, JsonNode value, String logical) {
        long number = value.asLong();
        return switch (logical) {
            case "io.debezium.time.MicroTime" -> number;
            case "io.debezium.time.NanoTime" -> number / 1_000;
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> number * 1_000;
            default -> column.datetimePrecision() != null && column.datetimePrecision() <= 3 ? number * 1_000
                    : number;
        };
    }

    private static String utcMicros(String text) {
        OffsetTime time = OffsetTime.parse(text);
        long local = TableValues.microsOfDay(time.toLocalTime());
        return Long.toString(Math.floorMod(local - time.getOffset().getTotalSeconds() * 1_000_000L,
                86_400_000_000L));
    }

    /** Connect bytes are base64 in JSON; a string schema is one of the {@code binary.handling.mode} texts. */
    private static String bytes(JsonNode value, JsonNode schema) {
        byte[] bytes = schema != null && "bytes".equals(schema.path("type").asText())
                ? Base64.getDecoder().decode(value.asText()) : BinaryText.keyReading(value.asText());
        return bytes == null ? value.asText() : Base64.getEncoder().encodeToString(bytes);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
