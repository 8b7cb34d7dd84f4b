package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two values are the same: the one home of that question. It is asked three ways, which differ in what each
 * side is and what is known of it, so each has its own entry point:
 *
 * <ul>
 *   <li>{@link #same(Object, JsonNode, JsonNode, Integer)}: a column's value in the table (as pgjdbc reads it) and in
 *       the topic (the JSON converter's tree), by the column's type and the Connect schema when there is one (the
 *       data check of a deployed connector);</li>
 *   <li>{@link #asWritten(Object, Object)}: a value the generator wrote over JDBC and the value a parsed change event
 *       holds for it, without a schema (the ledger comparison);</li>
 *   <li>{@link #loosely(Object, Object)}: a value a test expects and the value a parsed change event holds, equal
 *       as Java values except that numbers are compared by value, in maps and lists too (the assertions).</li>
 * </ul>
 *
 * What they share (numbers by value, timestamps as microseconds since the epoch, ISO-8601 instants) is written once,
 * here.
 */
public final class ColumnComparison {

    private ColumnComparison() {
    }

    /** The column's value cannot be judged exactly; the column is left out and said so, with the reason. */
    public static final class NotComparable extends Exception {
        NotComparable(String reason) {
            super(reason);
        }
    }

    /**
     * Whether the table's value of a column equals the topic's.
     *
     * @param schema the field's Connect schema, or {@code null} without schemas
     * @param scale  the column's numeric scale from the catalog, for decimals sent without a schema
     * @throws NotComparable if the value has no form that can be judged exactly (said with the reason)
     */
    public static boolean same(Object table, JsonNode topic, JsonNode schema, Integer scale) throws NotComparable {
        try {
            return TopicValueComparison.compare(table, topic, schema, scale);
        } catch (RuntimeException e) {
            // A value in a shape no mode gives: said so, rather than stopping the comparison of every other value.
            throw new NotComparable("a value in a shape cdc-verify does not read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** Whether {@code received} is Debezium's representation of {@code written} ({@link WrittenValueComparison}). */
    public static boolean asWritten(Object written, Object received) {
        return WrittenValueComparison.same(written, received);
    }

    /**
     * Whether {@code expected} and {@code actual} are equal, numbers by value whichever type the JSON parser chose
     * ({@code 4} equals {@code 4L} and {@code 4.0}), recursively in maps and lists.
     */
    public static boolean loosely(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return sameNumber(a, b);
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return sameMap(a, b);
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            return sameList(a, b);
        }
        return Objects.equals(expected, actual);
    }

    /** How a value shows in a report: quoted text (a long one cut, with its length), or {@code null}. */
    public static String show(Object value) {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            return "null";
        }
        String text = value instanceof JsonNode node ? (node.isTextual() ? node.asText() : node.toString())
                : TableValues.text(value);
        return text.length() > 60 ? "'" + text.substring(0, 57) + "...' (" + text.length() + " characters)"
                : "'" + text + "'";
    }

    /** Two numbers by value, whatever their types; NaN and infinities as doubles. */
    static boolean sameNumber(Number a, Number b) {
        try {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        } catch (NumberFormatException notFinite) {
            // NaN and infinities have no BigDecimal form; compare them as doubles.
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** An ISO-8601 text with an offset ({@code io.debezium.time.ZonedTimestamp}) as an instant, or null. */
    static Instant parseInstant(String text) {
        Instant utc = parseUtc(text);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    /**
     * {@code 2026-12-07T23:52:46.123456Z}, the form Debezium writes every {@code timestamptz} in, read by hand: the
     * data check reads one per row and column, and {@link OffsetDateTime#parse} took a third of its comparing time.
     * Null for any other form, which {@link OffsetDateTime#parse} then reads.
     */
    private static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                .toInstant(ZoneOffset.UTC);
    }

    /** The number the digits from {@code from} to {@code to} make, or -1 when one is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size() || !a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            if (!loosely(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameList(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> left = a.iterator();
        Iterator<?> right = b.iterator();
        while (left.hasNext()) {
            if (!loosely(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }
}
