package io.github.cdcverify.suite;

import io.github.cdcverify.scenario.CapturedTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One column of each PostgreSQL type the data type scenarios check, and four rows: 1 all NULL, 2 the minimum (or
 * empty) values, 3 the maximum values, 4 special values (unicode, zero, epoch, odd characters).
 */
final class DataTypesTable {

    /** Row literals are SQL; the enum type is created per table, so its column is added separately. */
    record Column(String name, String sqlType, String minimum, String maximum, String special) {
    }

    static final String LONG_TEXT_SQL = "repeat('x', 10000)";

    static final List<Column> COLUMNS = List.of(
            new Column("c_smallint", "SMALLINT", "-32768", "32767", "0"),
            new Column("c_int", "INTEGER", "-2147483648", "2147483647", "0"),
            new Column("c_bigint", "BIGINT", "-9223372036854775808", "9223372036854775807", "0"),
            new Column("c_numeric", "NUMERIC(12,4)", "-99999999.9999", "99999999.9999", "0.0001"),
            new Column("c_numeric_any", "NUMERIC", "-12345678901234567890.123456789", "1e20", "0.000000001"),
            new Column("c_real", "REAL", "'-3.4028235e38'", "'3.4028235e38'", "1.5"),
            new Column("c_double", "DOUBLE PRECISION", "'-1.7976931348623157e308'", "'1.7976931348623157e308'",
                    "'2.2250738585072014e-308'"),
            new Column("c_boolean", "BOOLEAN", "false", "true", "true"),
            new Column("c_text", "TEXT", "''", LONG_TEXT_SQL,
                    "E'line1\\nline2 \"quoted\" \\\\ Grüße 世界 🐘'"),
            new Column("c_varchar", "VARCHAR(10)", "''", "'abcdefghij'", "'日本語テキスト✓🐘'"),
            new Column("c_char", "CHAR(3)", "''", "'xyz'", "'é'"),
            new Column("c_date", "DATE", "'0001-01-01'", "'9999-12-31'", "'1970-01-01'"),
            new Column("c_time", "TIME(6)", "'00:00:00'", "'23:59:59.999999'", "'12:34:56.789'"),
            new Column("c_timestamp", "TIMESTAMP(6)", "'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'",
                    "'1970-01-01 00:00:00'"),
            new Column("c_timestamptz", "TIMESTAMPTZ(6)", "'0001-01-01 00:00:00+00'",
                    "'9999-12-31 23:59:59.999999+00'", "'2024-02-29 12:00:00.5+02'"),
            new Column("c_interval", "INTERVAL", "'-1 day'", "'1 year 2 mons 3 days 04:05:06.789'", "'0'"),
            new Column("c_uuid", "UUID", "'00000000-0000-0000-0000-000000000000'",
                    "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"),
            new Column("c_json", "JSON", "'{}'", "'{\"b\": [1, 2.5, null], \"a\": \"ü\"}'", "'\"\"'"),
            new Column("c_jsonb", "JSONB", "'{}'", "'{\"b\": [1, 2.5, null], \"a\": \"ü\"}'", "'\"\"'"),
            new Column("c_bytea", "BYTEA", "'\\x'", "'\\x00ff'", "'\\xdeadbeef'"),
            new Column("c_int_array", "INTEGER[]", "'{}'", "'{-2147483648,2147483647}'", "'{1,NULL,3}'"),
            new Column("c_text_array", "TEXT[]", "'{}'", "'{\"a,b\",\"\",\"日本\"}'", "'{NULL,\"x\"}'"));

    static final Column ENUM = new Column("c_enum", null, "'sad'", "'happy'", "'ok'");

    private DataTypesTable() {
    }

    /** Column definitions for {@code CapturedTable.withColumns}, without the enum column. */
    static String columnDefinitions() {
        return "id INT PRIMARY KEY, " + COLUMNS.stream().map(c -> c.name() + " " + c.sqlType())
                .collect(Collectors.joining(", "));
    }

    /** Creates the enum type {@code <table>_mood} ('sad', 'ok', 'happy') and adds the enum column; returns the type. */
    static String addEnumColumn(Connection connection, CapturedTable captured) throws SQLException {
        String type = captured.table("mood").quoted();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE " + type + " AS ENUM ('sad', 'ok', 'happy')");
            statement.execute("ALTER TABLE " + captured.table().quoted() + " ADD COLUMN " + ENUM.name() + " " + type);
        }
        return type;
    }

    /** Inserts rows 1 to 4 in one transaction. */
    static void insertRows(CapturedTable captured) throws SQLException {
        List<Column> all = new java.util.ArrayList<>(COLUMNS);
        all.add(ENUM);
        String names = all.stream().map(Column::name).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + captured.table().quoted() + " (id, " + names + ") VALUES "
                + "(1, " + all.stream().map(c -> "NULL").collect(Collectors.joining(", ")) + "), "
                + "(2, " + all.stream().map(Column::minimum).collect(Collectors.joining(", ")) + "), "
                + "(3, " + all.stream().map(Column::maximum).collect(Collectors.joining(", ")) + "), "
                + "(4, " + all.stream().map(Column::special).collect(Collectors.joining(", ")) + ")";
        try (Statement statement = captured.connection().createStatement()) {
            statement.execute(insert);
        }
    }
}
