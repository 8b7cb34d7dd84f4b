package io.github.cdcverify.generate;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads every column of a result row into a map, in column order, so that the ledger holds the row as PostgreSQL
 * stored it, defaults such as {@code created_at DEFAULT now()} included.
 *
 * <p>Date and time columns are read as {@code java.time} values rather than pgjdbc's default
 * {@link java.sql.Timestamp}, whose meaning depends on the JVM's time zone; a {@code timestamptz} becomes an
 * {@link OffsetDateTime}, an instant that can be compared with Debezium's ISO-8601 string.
 */
final class RowValues {

    private RowValues() {
    }

    /** The current row of {@code row}: column label to value. */
    static Map<String, Object> read(ResultSet row) throws SQLException {
        ResultSetMetaData columns = row.getMetaData();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            values.put(columns.getColumnLabel(i), value(row, i, columns.getColumnTypeName(i)));
        }
        return values;
    }

    private static Object value(ResultSet row, int column, String typeName) throws SQLException {
        return switch (typeName) {
            case "timestamptz" -> row.getObject(column, OffsetDateTime.class);
            case "timestamp" -> row.getObject(column, LocalDateTime.class);
            case "date" -> row.getObject(column, LocalDate.class);
            case "time" -> row.getObject(column, LocalTime.class);
            default -> row.getObject(column);
        };
    }
}
