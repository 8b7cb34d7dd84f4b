package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * How a column is read from the table so that it can be compared with what Debezium sent: the SELECT expression
 * (a cast where pgjdbc's own reading fails or loses something: {@code money} is locale-formatted text, {@code time}
 * becomes a {@code java.sql.Time} without microseconds, arrays of dates go through the JVM's time zone) and the
 * value it gives, in a form {@link ColumnComparison} knows. Array elements arrive as PostgreSQL's text and are
 * parsed here by element type.
 */
public final class TableValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** PostgreSQL's text of timestamps: a space, up to six fraction digits, an offset of hours[:minutes[:seconds]]. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HH:mm:ss", "+00").toFormatter(Locale.ROOT);
    /** Arrays whose elements' cast to text differs from their output. */
    private static final Set<String> OUTPUT_TEXT_ARRAYS = Set.of("_inet", "_cidr", "_bpchar");

    /** A {@code time} value: microseconds since midnight ({@code 24:00:00} is a whole day). */
    record TimeOfDay(long micros) {
    }

    /** A {@code timetz} value moved to UTC, as Debezium's ZonedTime does: microseconds since midnight UTC. */
    record UtcTime(long micros) {
    }

    /** A {@code bit}/{@code varbit} value: its bits as text, most significant first. */
    record Bits(String bits) {
        BigInteger value() {
            return bits.isEmpty() ? BigInteger.ZERO : new BigInteger(bits, 2);
        }
    }

    /** A value whose JSON form is what counts: {@code hstore} as JSON, {@code json} and {@code jsonb}. */
    record JsonValue(JsonNode json) {
    }

    /** A range (or multirange) of {@code timestamptz}: its text depends on the session's time zone. */
    record InstantRange(String text) {
    }

    /** A geometric value other than a point, by its type's name, in PostgreSQL's text. */
    record Geometric(String type, String text) {
    }

    /** {@code infinity} or {@code -infinity} of a date or timestamp, for which Debezium has no exact number. */
    record Infinite(String text) {
    }

    /** {@code NaN}, {@code Infinity} or {@code -Infinity} of a numeric column: no decimal has them. */
    record NumericSpecial(String text) {
    }

    /** Text of a type that {@link #fromText} could not read. */
    record Unreadable(String type, String text) {
    }

    /** A {@code point}: Debezium sends its coordinates. */
    record Point(double x, double y) {
    }

    private TableValues() {
    }

    /** The SELECT list item that reads {@code column} under its own name. */
    public static String select(Column column) {
        String name = quote(column.name());
        String udt = column.udtName() == null ? "" : column.udtName();
        String cast = switch (column.type()) {
            case "money" -> "::numeric";
            case "time without time zone", "time with time zone", "bit", "bit varying", "xml", "tsvector",
                 "tsquery", "macaddr", "macaddr8", "box", "circle", "line", "lseg", "path",
                 "polygon", "point", "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange",
                 "int4multirange", "int8multirange", "nummultirange", "datemultirange", "tsmultirange",
                 "tstzmultirange", "USER-DEFINED" -> "hstore".equals(udt) ? "::jsonb::text" : "::text";
            // inet's cast to text always shows the netmask, its output (what Debezium sends) only when it is not
            // the address's full length, and char(n)'s drops the padding: such arrays are read as they are, their
            // elements' output text.
            // hstore's elements as JSON, the form Debezium sends them in (hstore.handling.mode json or map).
            case "ARRAY" -> "_money".equals(udt) ? "::numeric[]::text[]" : "_hstore".equals(udt) ? "::jsonb[]::text[]"
                    : OUTPUT_TEXT_ARRAYS.contains(udt) ? "" : "::text[]";
            default -> "";
        };
        return cast.isEmpty() ? name : name + cast + " AS " + name;
    }

    /** The value of {@code column} in the current row of {@code result}, read by {@link #select}. */
    public static Object read(ResultSet result, Column column) throws SQLException {
        String name = column.name();
        String udt = column.udtName() == null ? "" : column.udtName();
        return switch (column.type()) {
            case "timestamp with time zone" -> finite(result.getObject(name, OffsetDateTime.class),
                    OffsetDateTime.MAX, OffsetDateTime.MIN);
            case "timestamp without time zone" -> finite(result.getObject(name, LocalDateTime.class),
                    LocalDateTime.MAX, LocalDateTime.MIN);
            case "date" -> finite(result.getObject(name, LocalDate.class), LocalDate.MAX, LocalDate.MIN);
            case "money" -> result.getBigDecimal(name);
            // NaN and (PostgreSQL 14 and later) infinities are no BigDecimal.
            case "numeric" -> parsed(result.getString(name), "numeric");
            case "ARRAY" -> array(result.getArray(name), udt.startsWith("_") ? udt.substring(1) : udt);
            case "USER-DEFINED" -> parsed(result.getString(name), udt);
            case "time without time zone" -> parsed(result.getString(name), "time");
            case "time with time zone" -> parsed(result.getString(name), "timetz");
            case "bit", "bit varying" -> parsed(result.getString(name), "bit");
            case "point", "tstzrange", "tstzmultirange", "box", "circle", "line", "lseg", "path", "polygon" ->
                    parsed(result.getString(name), udt);
            case "xml", "tsvector", "tsquery", "inet", "cidr", "macaddr", "macaddr8", "int4range", "int8range", "numrange", "daterange", "tsrange",
                 "int4multirange", "int8multirange", "nummultirange", "datemultirange", "tsmultirange" ->
                    result.getString(name);
            default -> result.getObject(name);
        };
    }

    /** pgjdbc reads {@code infinity} and {@code -infinity} as java.time's largest and smallest values. */
    private static Object finite(Object value, Object infinity, Object minusInfinity) {
        return infinity.equals(value) ? new Infinite("infinity")
                : minusInfinity.equals(value) ? new Infinite("-infinity") : value;
    }

    private static Object array(Array array, String elementType) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] elements = (Object[]) array.getArray();
        List<Object> values = new ArrayList<>(elements.length);
        for (Object element : elements) {
            // A multidimensional array nests arrays; Debezium has no form for it that could be compared.
            values.add(element instanceof Object[] nested ? Arrays.asList(nested)
                    : element instanceof PGobject object ? parsed(object.getValue(), elementType)
                    : parsed(element == null ? null : element.toString(), elementType));
        }
        return values;
    }

    /**
     * {@link #fromText}, or an {@link Unreadable} for text this class does not read (e.g. a BC date in an array), so
     * that one value cannot stop the comparison of the others.
     */
    private static Object parsed(String text, String type) {
        try {
            return fromText(text, type);
        } catch (RuntimeException e) {
            return new Unreadable(type, text);
        }
    }

    /** A value from PostgreSQL's text form, by the name of its type ({@code udt_name}, {@code _} dropped). */
    static Object fromText(String text, String type) {
        if (text == null) {
            return null;
        }
        if (text.endsWith("infinity") && (type.startsWith("date") || type.startsWith("timestamp"))) {
            return new Infinite(text);
        }
        return switch (type) {
            case "int2", "int4", "int8", "numeric", "money", "oid" -> decimalOrSpecial(text);
            case "float4" -> Float.valueOf(text);
            case "float8" -> Double.valueOf(text);
            case "bool" -> text.equals("t") || text.equals("true");
            case "uuid" -> UUID.fromString(text);
            case "date" -> LocalDate.parse(text);
            case "timestamp" -> LocalDateTime.parse(text, LOCAL);
            case "timestamptz" -> OffsetDateTime.parse(text, OFFSET);
            case "time" -> new TimeOfDay(microsOfDay(text));
            case "timetz" -> utcTime(text);
            case "bit", "varbit" -> new Bits(text);
            case "bytea" -> HexFormat.of().parseHex(text.substring(2));
            case "interval" -> interval(text);
            case "json", "jsonb", "hstore" -> new JsonValue(json(text));
            case "point" -> point(text);
            case "box", "circle", "line", "lseg", "path", "polygon" -> new Geometric(type, text);
            case "tstzrange", "tstzmultirange" -> new InstantRange(text);
            default -> text;
        };
    }

    private static Object decimalOrSpecial(String text) {
        return text.equals("NaN") || text.endsWith("Infinity") ? new NumericSpecial(text) : new BigDecimal(text);
    }

    private static PGInterval interval(String text) {
        try {
            return new PGInterval(text);
        } catch (SQLException e) {
            throw new IllegalArgumentException("Not an interval: " + text, e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + text, e);
        }
    }

    private static Point point(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        return new Point(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }

    /** {@code HH:MM:SS[.ffffff]} as microseconds since midnight. */
    static long microsOfDay(String text) {
        String[] parts = text.split(":");
        long seconds = Long.parseLong(parts[0]) * 3_600 + Long.parseLong(parts[1]) * 60;
        BigDecimal fraction = new BigDecimal(parts[2]);
        return seconds * 1_000_000 + fraction.movePointRight(6).longValueExact();
    }

    /** {@code HH:MM:SS[.ffffff]+HH[:MM[:SS]]}, moved to UTC within one day. */
    static UtcTime utcTime(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        long local = microsOfDay(text.substring(0, sign));
        String[] offset = text.substring(sign + 1).split(":");
        long offsetSeconds = Long.parseLong(offset[0]) * 3_600 + (offset.length > 1 ? Long.parseLong(offset[1]) * 60
                : 0) + (offset.length > 2 ? Long.parseLong(offset[2]) : 0);
        long utc = local - (text.charAt(sign) == '-' ? -offsetSeconds : offsetSeconds) * 1_000_000;
        return new UtcTime(Math.floorMod(utc, MICROS_PER_DAY));
    }

    /** Microseconds since midnight of a {@code java.time} local time's fields. */
    static long microsOfDay(java.time.LocalTime time) {
        return time.getLong(ChronoField.MICRO_OF_DAY);
    }

    /** A table value as a report shows it: as PostgreSQL would print it where this class keeps another form. */
    static String text(Object value) {
        if (value instanceof List<?> elements) {
            List<String> texts = new ArrayList<>(elements.size());
            elements.forEach(element -> texts.add(element == null ? "NULL" : text(element)));
            return "{" + String.join(",", texts) + "}";
        }
        if (value instanceof TimeOfDay time) {
            // 24:00:00 is a time of day in PostgreSQL, not in java.time.
            return time.micros() == MICROS_PER_DAY ? "24:00:00" : LocalTime.ofNanoOfDay(time.micros() * 1_000)
                    .toString();
        }
        if (value instanceof UtcTime time) {
            return LocalTime.ofNanoOfDay(time.micros() * 1_000) + "Z";
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Point point) {
            return "(" + point.x() + "," + point.y() + ")";
        }
        return value instanceof Bits bits ? bits.bits() : value instanceof JsonValue json ? json.json().toString()
                : value instanceof InstantRange range ? range.text() : value instanceof Geometric shape ? shape.text()
                : value instanceof Infinite infinite ? infinite.text()
                : value instanceof NumericSpecial special ? special.text()
                : value instanceof Unreadable unreadable ? unreadable.text() : String.valueOf(value);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
