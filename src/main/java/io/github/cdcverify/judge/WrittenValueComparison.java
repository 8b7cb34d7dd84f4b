package io.github.cdcverify.judge;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@link ColumnComparison#asWritten(Object, Object)}'s work: a column value as written over JDBC against the value
 * Debezium's JSON converter sent for it, by the written value's type (the event carries no schema to go by).
 *
 * <ul>
 *   <li>{@code timestamptz} (written {@link OffsetDateTime}, {@link ZonedDateTime}, {@link Instant} or
 *       {@link Timestamp}): an ISO-8601 string ({@code io.debezium.time.ZonedTimestamp}, e.g.
 *       {@code 2026-02-02T10:30:00.123456Z}) naming the same instant, whatever its offset or fraction digits;</li>
 *   <li>{@code timestamp} ({@link LocalDateTime}): a number of microseconds since the epoch
 *       ({@code MicroTimestamp}, the default for up to 6 fraction digits) or of milliseconds ({@code Timestamp}, for
 *       up to 3 and under {@code time.precision.mode=connect}); the event carries no schema to tell which;</li>
 *   <li>{@code date} ({@link LocalDate}): days since the epoch; {@code time} ({@link LocalTime}): microseconds or
 *       milliseconds past midnight;</li>
 *   <li>numbers: by value, whichever number type either side chose ({@code 4} equals {@code 4L} and {@code 4.0});
 *       a number sent as text ({@code decimal.handling.mode=string}) by its value too;</li>
 *   <li>anything else, text included: equal values of the same kind ({@code "4"} does not equal {@code 4}).</li>
 * </ul>
 */
final class WrittenValueComparison {

    private WrittenValueComparison() {
    }

    /** Whether {@code received} is Debezium's representation of {@code written}. */
    static boolean same(Object written, Object received) {
        if (written == null || received == null) {
            return written == null && received == null;
        }
        if (written instanceof String || bothWhole(written, received)) {
            // The common cases, decided without conversions: text, and ids of whichever integer type.
            return written instanceof String ? written.equals(received)
                    : ((Number) written).longValue() == ((Number) received).longValue();
        }
        Instant instant = instantOf(written);
        if (instant != null) {
            return received instanceof String text && instant.equals(ColumnComparison.parseInstant(text));
        }
        if (written instanceof LocalDateTime dateTime) {
            long micros = ColumnComparison.micros(dateTime.toInstant(ZoneOffset.UTC));
            return microsOrMillis(micros, received);
        }
        if (written instanceof LocalDate date) {
            return sameNumber(date.toEpochDay(), received);
        }
        if (written instanceof LocalTime time) {
            return microsOrMillis(time.toNanoOfDay() / 1_000, received);
        }
        if (written instanceof Number number && received instanceof String text) {
            BigDecimal value = parseNumber(text);
            return value != null && ColumnComparison.sameNumber(number, value);
        }
        return ColumnComparison.loosely(written, received);
    }

    /** A value for messages: text in single quotes, instants as ISO-8601 in UTC, {@code null} as null. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        Instant instant = instantOf(value);
        if (instant != null) {
            return "'" + instant + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "'" + value + "'";
    }

    private static Instant instantOf(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    private static boolean microsOrMillis(long micros, Object received) {
        // Millisecond representations cut the microseconds off (Debezium's connect mode) rather than round.
        return sameNumber(micros, received) || sameNumber(Math.floorDiv(micros, 1_000L), received);
    }

    private static boolean sameNumber(Number expected, Object received) {
        return received instanceof Number number && ColumnComparison.sameNumber(expected, number);
    }

    private static boolean bothWhole(Object written, Object received) {
        return isWhole(written) && isWhole(received);
    }

    private static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
