package io.github.cdcverify.generate;

import io.github.cdcverify.generate.TableShape.ColumnShape;
import org.postgresql.util.PGobject;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A row as read back over JDBC, in the forms the ledger comparison matches against Debezium's JSON: uuids, enums and
 * JSON as their text, arrays as lists, {@code bytea} as base64. Columns of other types (interval, money, network and
 * geometric types, ...) have no such form here and are left out, named, rather than reported as changed.
 */
final class ComparableValues {

    private static final Set<String> COMPARED = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "text",
            "varchar", "bpchar", "bool", "date", "timestamp", "timestamptz", "time", "uuid", "json", "jsonb", "bytea");
    private static final Set<String> COMPARED_ELEMENTS = Set.of("int2", "int4", "int8", "text", "varchar", "bpchar",
            "bool", "uuid");

    private ComparableValues() {
    }

    static boolean compared(ColumnShape column) {
        return column.category() == 'E' || COMPARED.contains(column.baseType()) || (column.category() == 'A'
                && (COMPARED_ELEMENTS.contains(column.element()) || !column.labels().isEmpty()));
    }

    /** The compared columns of {@code row}, in order. */
    static Map<String, Object> of(Map<String, Object> row, List<String> compared) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : compared) {
            values.put(column, value(row.get(column)));
        }
        return values;
    }

    static Object value(Object value) throws SQLException {
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Array array) {
            List<Object> elements = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                elements.add(value(element));
            }
            return elements;
        }
        if (value instanceof Short number) {
            return number.intValue();
        }
        return value;
    }

    /** A value as PostgreSQL text, to bind as {@code ?::type} (a parent's key in a child's foreign key). */
    static String literal(Object value) throws SQLException {
        Object comparable = value(value);
        if (comparable instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return comparable == null ? null : comparable.toString();
    }
}
