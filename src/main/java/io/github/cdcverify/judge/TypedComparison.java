package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.judge.TableValues.Bits;
import io.github.cdcverify.judge.TableValues.Geometric;
import io.github.cdcverify.judge.TableValues.InstantRange;
import io.github.cdcverify.judge.TableValues.JsonValue;
import io.github.cdcverify.judge.TableValues.Point;
import io.github.cdcverify.judge.TableValues.TimeOfDay;
import io.github.cdcverify.judge.TableValues.UtcTime;
import org.postgresql.util.PGInterval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparisons of {@link ColumnComparison} for the types read through {@link TableValues}' own forms: time and
 * timetz under each {@code time.precision.mode}, interval under {@code interval.handling.mode} numeric and string,
 * bits, hstore as JSON text or map, ranges of instants, and the geometric types Debezium sends as structs.
 */
final class TypedComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debezium's average month ({@code MicroDuration.DAYS_PER_MONTH_AVG}): 365.25 / 12 days. */
    private static final double DAYS_PER_MONTH = 365.25 / 12;
    /** Debezium's {@code Interval} text: every field, e.g. {@code P1Y2M3DT4H5M6.789S}. */
    private static final Pattern ISO_INTERVAL = Pattern.compile(
            "P(-?\\d+)Y(-?\\d+)M(-?\\d+)DT(-?\\d+)H(-?\\d+)M(-?\\d+(?:\\.\\d+)?)S");
    /** A bound of a range: quoted (with backslash or doubled-quote escapes) or bare up to the comma or bracket. */
    private static final Pattern RANGE = Pattern.compile("([\\[(])(\"(?:[^\"\\\\]|\\\\.|\"\")*\"|[^,]*),"
            + "(\"(?:[^\"\\\\]|\\\\.|\"\")*\"|[^\\])]*)([\\])])");
    private static final DateTimeFormatter PG_INSTANT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:mm:ss", "+00").toFormatter(Locale.ROOT);

    private TypedComparison() {
    }

    /**
     * {@code time}: {@code io.debezium.time.Time} and Connect's {@code Time} in milliseconds, {@code MicroTime} in
     * microseconds, {@code NanoTime} in nanoseconds; without a schema, micro- or milliseconds.
     */
    static boolean sameTime(TimeOfDay table, JsonNode topic, String logical) {
        if (!topic.canConvertToLong()) {
            return false;
        }
        long value = topic.asLong();
        long micros = table.micros();
        if (value == 0 && micros == 86_400_000_000L) {
            // Debezium converts array elements through java.time, where 24:00:00 can only be 00:00:00.
            return true;
        }
        return switch (logical) {
            case "io.debezium.time.MicroTime" -> value == micros;
            case "io.debezium.time.NanoTime" -> value == micros * 1_000;
            case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> value * 1_000 == micros;
            default -> value == micros || value * 1_000 == micros;
        };
    }

    /** {@code timetz}: Debezium's ZonedTime is the time moved to UTC, e.g. {@code 08:15:30.123456Z}. */
    static boolean sameUtcTime(UtcTime table, JsonNode topic) {
        try {
            OffsetTime time = OffsetTime.parse(topic.asText());
            long local = TableValues.microsOfDay(time.toLocalTime());
            long utc = Math.floorMod(local - time.getOffset().getTotalSeconds() * 1_000_000L, 86_400_000_000L);
            return utc == table.micros();
        } catch (RuntimeException notATime) {
            return false;
        }
    }

    /**
     * {@code interval}: numeric mode ({@code MicroDuration}) counts a month as 365.25 / 12 days, in microseconds
     * computed in floating point as Debezium does (so within a microsecond); string mode sends each field.
     */
    static boolean sameInterval(PGInterval table, JsonNode topic) {
        if (topic.canConvertToLong()) {
            double days = (table.getYears() * 12 + table.getMonths()) * DAYS_PER_MONTH + table.getDays();
            double seconds = ((days * 24 + table.getHours()) * 60 + table.getMinutes()) * 60 + table.getSeconds();
            return Math.abs((long) (seconds * 1e6) - topic.asLong()) <= 1;
        }
        Matcher iso = ISO_INTERVAL.matcher(topic.asText());
        if (!iso.matches()) {
            return false;
        }
        BigDecimal seconds = BigDecimal.valueOf(table.getSeconds());
        return Integer.parseInt(iso.group(1)) == table.getYears() && Integer.parseInt(iso.group(2)) == table.getMonths()
                && Integer.parseInt(iso.group(3)) == table.getDays()
                && Integer.parseInt(iso.group(4)) == table.getHours()
                && Integer.parseInt(iso.group(5)) == table.getMinutes()
                && new BigDecimal(iso.group(6)).subtract(seconds).abs().compareTo(new BigDecimal("0.000001")) < 0;
    }

    /**
     * {@code bit(1)} is a boolean; longer bit strings are Debezium's Bits, the value's bytes least significant first,
     * in whatever {@code binary.handling.mode} encodes them.
     */
    static boolean sameBits(Bits table, JsonNode topic) {
        if (topic.isBoolean()) {
            return table.bits().length() == 1 && topic.booleanValue() == table.bits().equals("1");
        }
        for (byte[] littleEndian : BinaryText.readings(topic.asText())) {
            byte[] bigEndian = new byte[littleEndian.length];
            for (int i = 0; i < littleEndian.length; i++) {
                bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
            }
            if (new BigInteger(1, bigEndian).equals(table.value())) {
                return true;
            }
        }
        return false;
    }

    /** json, jsonb and hstore: equal JSON, sent as text ({@code io.debezium.data.Json}) or as a map. */
    static boolean sameJson(JsonValue table, JsonNode topic) {
        if (topic.isObject() || topic.isArray()) {
            return table.json().equals(topic);
        }
        try {
            return table.json().equals(JSON.readTree(topic.asText()));
        } catch (IOException notJson) {
            return false;
        }
    }

    /**
     * A range of instants: the bounds' text depends on each session's time zone (the connector's and ours), so the
     * bounds are compared as instants.
     */
    static boolean sameInstantRange(InstantRange table, JsonNode topic) {
        List<Object> expected = rangeParts(table.text());
        List<Object> received = rangeParts(topic.asText());
        return expected != null && expected.equals(received);
    }

    private static List<Object> rangeParts(String text) {
        if (text.equals("empty")) {
            return List.of("empty");
        }
        List<Object> parts = new ArrayList<>();
        Matcher range = RANGE.matcher(text);
        while (range.find()) {
            parts.add(range.group(1));
            parts.add(instant(range.group(2)));
            parts.add(instant(range.group(3)));
            parts.add(range.group(4));
        }
        return parts.isEmpty() ? null : parts;
    }

    private static Object instant(String bound) {
        String text = bound.startsWith("\"") ? bound.substring(1, bound.length() - 1) : bound;
        try {
            return text.isEmpty() ? "" : OffsetDateTime.parse(text, PG_INSTANT).toInstant();
        } catch (RuntimeException notAnInstant) {
            return text;
        }
    }

    /** {@code point}: Debezium's Point struct, its coordinates. */
    static boolean samePoint(Point table, JsonNode topic) {
        return topic.path("x").isNumber() && topic.path("y").isNumber()
                && Double.compare(topic.path("x").doubleValue(), table.x()) == 0
                && Double.compare(topic.path("y").doubleValue(), table.y()) == 0;
    }

    /**
     * {@code circle} ({@code <(x,y),r>}) and {@code line} ({@code {a,b,c}}) as Debezium's structs of doubles;
     * {@code lseg}, {@code path}, {@code polygon} and {@code box} as WKB in its Geometry struct: the same points in
     * the same order (a polygon's ring repeats its first point at the end), a box its two corners.
     */
    static boolean sameGeometric(Geometric table, JsonNode topic) {
        double[] numbers = Arrays.stream(table.text().replaceAll("[<>(){}\\[\\]]", "").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        return switch (table.type()) {
            case "circle" -> numbers.length == 3 && samePoint(new Point(numbers[0], numbers[1]), topic.path("center"))
                    && Double.compare(topic.path("radius").doubleValue(), numbers[2]) == 0;
            case "line" -> numbers.length == 3 && Double.compare(topic.path("a").doubleValue(), numbers[0]) == 0
                    && Double.compare(topic.path("b").doubleValue(), numbers[1]) == 0
                    && Double.compare(topic.path("c").doubleValue(), numbers[2]) == 0;
            case "box" -> sameCorners(numbers, wkbPoints(topic.path("wkb").asText()));
            default -> samePoints(numbers, wkbPoints(topic.path("wkb").asText()));
        };
    }

    private static boolean samePoints(double[] table, double[] wkb) {
        if (wkb == null) {
            return false;
        }
        boolean closedRing = wkb.length == table.length + 2 && wkb[0] == wkb[wkb.length - 2]
                && wkb[1] == wkb[wkb.length - 1];
        return Arrays.equals(table, closedRing ? Arrays.copyOf(wkb, table.length) : wkb);
    }

    /** A box is sent as the polygon of its four corners: its bounds are the box's. */
    private static boolean sameCorners(double[] table, double[] wkb) {
        if (wkb == null || table.length != 4 || wkb.length == 0) {
            return false;
        }
        double[] bounds = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < wkb.length; i += 2) {
            bounds[0] = Math.min(bounds[0], wkb[i]);
            bounds[1] = Math.min(bounds[1], wkb[i + 1]);
            bounds[2] = Math.max(bounds[2], wkb[i]);
            bounds[3] = Math.max(bounds[3], wkb[i + 1]);
        }
        return Arrays.equals(bounds, new double[] {Math.min(table[0], table[2]), Math.min(table[1], table[3]),
                Math.max(table[0], table[2]), Math.max(table[1], table[3])});
    }

    /** The coordinates (x, y, x, y, ...) of a WKB LineString or one-ring Polygon; null for anything else. */
    static double[] wkbPoints(String text) {
        for (byte[] bytes : BinaryText.readings(text)) {
            try {
                ByteBuffer wkb = ByteBuffer.wrap(bytes);
                wkb.order(wkb.get() == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                int type = wkb.getInt();
                if (type != 2 && (type != 3 || wkb.getInt() != 1)) {
                    continue;
                }
                double[] coordinates = new double[wkb.getInt() * 2];
                for (int i = 0; i < coordinates.length; i++) {
                    coordinates[i] = wkb.getDouble();
                }
                if (!wkb.hasRemaining()) {
                    return coordinates;
                }
            } catch (RuntimeException notWkb) {
                // Another reading of the text, or none.
            }
        }
        return null;
    }
}
