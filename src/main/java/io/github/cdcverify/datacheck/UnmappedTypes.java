package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;
import org.postgresql.util.PGobject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a table whose type Debezium's PostgreSQL connector has no mapping for. With
 * {@code include.unknown.datatypes=false} (its default) it leaves such a column out of every event: the column is
 * named with its type and the setting, never reported as lost. With {@code true} it sends the value's text as bytes
 * (base64, or as {@code binary.handling.mode} says), which is compared with the table's text. Some types it sends in
 * neither case (arrays of {@code interval}, {@code money}, ...), and a few it sends with a value of its own whatever
 * the table holds ({@code int2vector} as an empty array), and one it maps but streams without its value under
 * {@code false} ({@code name}): those are named as not comparable, with the reason.
 *
 * <p>Which types: read from Debezium 3.7.0's events on PostgreSQL 18.6 ({@code UnmappedTypesIT}): {@code tsquery},
 * {@code pg_lsn}, {@code txid_snapshot}, {@code pg_snapshot}, multiranges, the {@code reg*} types, {@code xid},
 * {@code xid8}, {@code tid}, {@code jsonpath}, composite types, and any type this class does not know Debezium maps
 * (a base type of an extension, say), since a column named as unmapped is still named, while one called lost would
 * fail a pipeline that does what it is configured to do.
 */
final class UnmappedTypes {

    /** {@code information_schema.columns.data_type} of the types Debezium maps to a Connect schema. */
    private static final Set<String> MAPPED = Set.of("smallint", "integer", "bigint", "real", "double precision",
            "numeric", "money", "boolean", "character varying", "character", "text", "\"char\"", "name", "bytea",
            "bit", "bit varying", "date", "time without time zone", "time with time zone",
            "timestamp without time zone", "timestamp with time zone", "interval", "uuid", "json", "jsonb", "xml",
            "inet", "cidr", "macaddr", "macaddr8", "point", "box", "circle", "line", "lseg", "path", "polygon",
            "tsvector", "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange", "oid");
    /** Types of extensions Debezium maps by name ({@code data_type} USER-DEFINED); enums are mapped too. */
    private static final Set<String> MAPPED_EXTENSION_TYPES = Set.of("hstore", "ltree", "citext", "geometry",
            "geography", "isbn", "vector", "halfvec", "sparsevec");
    /** Element types ({@code udt_name} without its {@code _}) of the arrays Debezium sends. */
    private static final Set<String> MAPPED_ELEMENTS = Set.of("int2", "int4", "int8", "float4", "float8", "numeric",
            "bool", "text", "varchar", "bpchar", "char", "date", "time", "timetz", "timestamp", "timestamptz", "uuid",
            "json", "jsonb", "bytea", "inet", "cidr", "macaddr", "macaddr8", "tsvector", "int4range", "int8range",
            "numrange", "daterange", "tsrange", "tstzrange", "oid", "ltree", "citext", "hstore");
    /** Arrays it sends in no mode, not even with {@code include.unknown.datatypes=true}. */
    private static final Set<String> NEVER_SENT_ELEMENTS = Set.of("interval", "money", "point", "name", "varbit",
            "xml");
    /** Types it sends with a value of its own, whatever the table holds (columns by {@code udt_name}). */
    private static final Map<String, String> VALUE_OF_ITS_OWN = Map.of(
            "int2vector", "Debezium sends an empty array for every int2vector value",
            "oidvector", "Debezium sends an empty array for every oidvector value",
            "_bit", "Debezium sends null for every bit(n)[] value",
            "_box", "Debezium sends null for every box[] value");
    /**
     * Types it maps, but sends only from its snapshot while {@code include.unknown.datatypes=false}: streamed events
     * carry null (an empty string in a key column) whatever the table holds (measured on Debezium 3.7.0, the column
     * in {@code UnmappedTypesIT}), so under that setting they are named as not comparable rather than every streamed
     * row reported as differing. With {@code true} every value is sent, as text, and compared.
     */
    private static final Map<String, String> STREAMED_WITHOUT_VALUE = Map.of(
            "name", "Debezium streams no name value while include.unknown.datatypes=false (the default): null, or an "
                    + "empty string in a key column, the value only in snapshot events; with "
                    + "include.unknown.datatypes=true it sends every value, which this check compares");

    private final TableName table;
    private final boolean includeUnknown;
    /** Each unmapped column's type as PostgreSQL shows it. */
    private final Map<String, String> unmapped;
    private final Set<String> neverSent;

    private UnmappedTypes(TableName table, boolean includeUnknown, Map<String, String> unmapped,
                          Set<String> neverSent) {
        this.table = table;
        this.includeUnknown = includeUnknown;
        this.unmapped = unmapped;
        this.neverSent = neverSent;
    }

    /**
     * None: every column's type is taken to be mapped.
     *
     * @param includeUnknown the connector's {@code include.unknown.datatypes}
     */
    static UnmappedTypes none(TableName table, boolean includeUnknown) {
        return new UnmappedTypes(table, includeUnknown, Map.of(), Set.of());
    }

    /**
     * The unmapped columns of {@code table}, read from its catalog (enums and composite types are told apart there).
     *
     * @param includeUnknown the connector's {@code include.unknown.datatypes}
     */
    static UnmappedTypes of(Connection connection, TableName table, List<Column> columns, boolean includeUnknown)
            throws SQLException {
        Map<String, String> kinds = typeKinds(connection, table);
        Map<String, String> unmapped = new LinkedHashMap<>();
        List<String> neverSent = new ArrayList<>();
        for (Column column : columns) {
            String udt = column.udtName() == null ? "" : column.udtName();
            if (VALUE_OF_ITS_OWN.containsKey(udt)) {
                continue;
            }
            String kind = kinds.getOrDefault(column.name(), "");
            boolean mapped;
            if (column.type().equals("ARRAY")) {
                String element = udt.startsWith("_") ? udt.substring(1) : udt;
                mapped = MAPPED_ELEMENTS.contains(element) || kind.equals("e");
                if (NEVER_SENT_ELEMENTS.contains(element)) {
                    neverSent.add(column.name());
                }
            } else if (column.type().equals("USER-DEFINED")) {
                mapped = MAPPED_EXTENSION_TYPES.contains(udt) || kind.equals("e");
            } else {
                mapped = MAPPED.contains(column.type());
            }
            if (!mapped) {
                unmapped.put(column.name(), kinds.containsKey(column.name() + "/type")
                        ? kinds.get(column.name() + "/type") : column.type());
            }
        }
        return new UnmappedTypes(table, includeUnknown, unmapped, Set.copyOf(neverSent));
    }

    /**
     * Per column: {@code typtype} of its type, or of its element for an array (e for an enum, c for a composite),
     * and under {@code COLUMN/type} the type as {@code format_type} shows it.
     */
    private static Map<String, String> typeKinds(Connection connection, TableName table) throws SQLException {
        Map<String, String> kinds = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.attname, "
                + "COALESCE(e.typtype, t.typtype)::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typlen = -1 "
                + "WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped")) {
            query.setString(1, table.quoted());
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    kinds.put(result.getString(1), result.getString(2));
                    kinds.put(result.getString(1) + "/type", result.getString(3));
                }
            }
        }
        return kinds;
    }

    /**
     * One INFO line for each of {@code absent} (columns no event carries) that Debezium leaves out by design, naming
     * its type and what the connector's setting does with it; {@link #isUnmapped} tells which those are.
     */
    List<String> explainAbsent(Set<String> absent) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> column : unmapped.entrySet()) {
            if (!absent.contains(column.getKey())) {
                continue;
            }
            String type = column.getValue();
            String why;
            if (neverSent.contains(column.getKey())) {
                why = "Debezium sends no column of type " + type + ", whatever include.unknown.datatypes says, so it "
                        + "cannot be compared";
            } else if (includeUnknown) {
                why = "Debezium has no mapping for type " + type + " and sent no value of it, although the connector "
                        + "sets include.unknown.datatypes=true, so it cannot be compared";
            } else {
                why = "Debezium has no mapping for type " + type + " and leaves such columns out of its events while "
                        + "include.unknown.datatypes=false (the default); with include.unknown.datatypes=true it "
                        + "sends each value's text as bytes, which this check compares";
            }
            notes.add("INFO " + table.qualified() + "." + column.getKey() + " (" + type + ") is not in the topic: "
                    + why);
        }
        return notes;
    }

    /**
     * The INFO line saying why {@code column} cannot be compared although it is in the topic (Debezium sends a value
     * of its own, or no value for what it streams under this connector's {@code include.unknown.datatypes}), or null when
     * it can be.
     */
    String notComparable(Column column) {
        String udt = column.udtName() == null ? "" : column.udtName();
        String reason = VALUE_OF_ITS_OWN.get(udt);
        if (reason == null && !includeUnknown) {
            reason = STREAMED_WITHOUT_VALUE.get(udt);
        }
        return reason == null ? null : "INFO " + table.qualified() + "." + column.name() + " ("
                + (udt.startsWith("_") ? udt.substring(1) + "[]" : udt) + ") is not compared: " + reason;
    }

    /**
     * Whether Debezium has no mapping for {@code column}'s type: left out of its events, or (with
     * {@code include.unknown.datatypes=true}) sent as the bytes of its text.
     */
    boolean isUnmapped(String column) {
        return unmapped.containsKey(column);
    }

    /**
     * Whether the table's value, read as text, equals the bytes the topic holds (in base64, base64-url-safe or hex,
     * as {@code binary.handling.mode} writes them); arrays element by element.
     */
    static boolean sameText(Object table, JsonNode topic) {
        boolean topicNull = topic == null || topic.isNull();
        if (table == null || topicNull) {
            return table == null && topicNull;
        }
        if (table instanceof List<?> elements) {
            if (!topic.isArray() || topic.size() != elements.size()) {
                return false;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (!sameText(elements.get(i), topic.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (!topic.isTextual()) {
            return false;
        }
        byte[] expected = (table instanceof PGobject object ? object.getValue() : table.toString())
                .getBytes(StandardCharsets.UTF_8);
        String text = topic.asText();
        for (byte[] reading : readings(text)) {
            if (Arrays.equals(reading, expected)) {
                return true;
            }
        }
        return false;
    }

    private static List<byte[]> readings(String text) {
        List<byte[]> readings = new ArrayList<>(3);
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                readings.add(decoder.decode(text));
            } catch (IllegalArgumentException notThisAlphabet) {
                // The other alphabet, or hex.
            }
        }
        if (text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            readings.add(HexFormat.of().parseHex(text));
        }
        return readings;
    }
}
