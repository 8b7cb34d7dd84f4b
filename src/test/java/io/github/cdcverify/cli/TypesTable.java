package io.github.cdcverify.cli;

import io.github.cdcverify.scenario.CapturedTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table with a column of each type family the data check compares, and four rows: 1 all NULL, then per column
 * three SQL literals (extremes, empty values, NaN and infinities, time zones, unicode). The enum, domain and
 * extension types are created per table.
 */
final class TypesTable {

    /** A column and its values in rows 2, 3 and 4 (SQL). */
    record Column(String name, String sqlType, String second, String third, String fourth) {
    }

    /** Compared in every mode. */
    static final List<Column> COMPARED = List.of(
            new Column("c_money", "MONEY", "'-92233720368547758.08'", "'92233720368547758.07'", "'566950.15'"),
            new Column("c_numeric", "NUMERIC(12,4)", "'-99999999.9999'", "'99999999.9999'", "'0.0001'"),
            new Column("c_real", "REAL", "'-Infinity'", "'Infinity'", "'NaN'"),
            new Column("c_double", "DOUBLE PRECISION", "'-1.7976931348623157e308'", "'Infinity'", "'NaN'"),
            new Column("c_time", "TIME(6)", "'00:00:00'", "'24:00:00'", "'12:34:56.789012'"),
            new Column("c_time3", "TIME(3)", "'00:00:00'", "'23:59:59.999'", "'12:34:56.789'"),
            new Column("c_timetz", "TIMETZ", "'00:00:00+00'", "'23:59:59.999999-15:59'", "'10:15:30.123456+05:30'"),
            new Column("c_interval", "INTERVAL", "'-1 days'", "'1 year 2 mons 3 days 04:05:06.789'",
                    "'3 mons -2 days 00:00:00.000001'"),
            new Column("c_int_array", "INT[]", "'{}'", "'{-2147483648,2147483647}'", "'{1,NULL,3}'"),
            new Column("c_num_array", "NUMERIC(10,2)[]", "'{}'", "'{-99999999.99}'", "'{1.50,NULL}'"),
            new Column("c_numv_array", "NUMERIC[]", "'{}'", "'{1e20}'", "'{0.000000001,2}'"),
            new Column("c_text_array", "TEXT[]", "'{}'", "'{\"a,b\",\"\",\"日本\"}'", "ARRAY[NULL, '🐘 \"q\"']"),
            new Column("c_date_array", "DATE[]", "'{}'", "'{0001-01-01,9999-12-31}'", "'{1970-01-01}'"),
            new Column("c_ts_array", "TIMESTAMP[]", "'{}'", "'{\"2020-01-01 10:00:00.123456\"}'",
                    "'{\"1969-12-31 23:59:59.999999\"}'"),
            new Column("c_tstz_array", "TIMESTAMPTZ[]", "'{}'", "'{\"2020-01-01 10:00:00+02\"}'",
                    "'{\"2024-02-29 12:00:00.5-03:30\"}'"),
            new Column("c_uuid_array", "UUID[]", "'{}'", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'",
                    "'{00000000-0000-0000-0000-000000000000}'"),
            new Column("c_bool_array", "BOOLEAN[]", "'{}'", "'{t,f}'", "'{NULL}'"),
            new Column("c_f8_array", "FLOAT8[]", "'{}'", "'{1.5,NaN,Infinity,-Infinity}'", "'{0}'"),
            new Column("c_time_array", "TIME[]", "'{}'", "'{10:00:00.5}'", "'{24:00:00}'"),
            new Column("c_bytea_array", "BYTEA[]", "'{}'", "ARRAY['\\xdead'::bytea]", "ARRAY['\\x'::bytea]"),
            new Column("c_jsonb_array", "JSONB[]", "'{}'", "ARRAY['{\"a\": 1}'::jsonb]", "ARRAY['[]'::jsonb]"),
            new Column("c_inet_array", "INET[]", "'{}'", "'{10.0.0.1/8}'", "'{::1}'"),
            new Column("c_bit4", "BIT(4)", "B'0000'", "B'1111'", "B'1010'"),
            new Column("c_bit1", "BIT(1)", "B'0'", "B'1'", "B'1'"),
            new Column("c_varbit", "VARBIT(20)", "B''", "B'11111111111111111111'", "B'10110000111'"),
            new Column("c_bytea", "BYTEA", "'\\x'", "'\\x00ff'", "'\\xdeadbeef'"),
            new Column("c_xml", "XML", "'<a/>'", "'<a b=\"1\">ü</a>'", "'text'"),
            new Column("c_inet", "INET", "'0.0.0.0'", "'192.168.0.1/24'", "'::ffff:1.2.3.4'"),
            new Column("c_cidr", "CIDR", "'10.0.0.0/8'", "'2001:db8::/32'", "'0.0.0.0/0'"),
            new Column("c_macaddr", "MACADDR", "'00:00:00:00:00:00'", "'ff:ff:ff:ff:ff:ff'", "'08:00:2b:01:02:03'"),
            new Column("c_macaddr8", "MACADDR8", "'00:00:00:00:00:00:00:00'", "'08:00:2b:01:02:03:04:05'",
                    "'08:00:2b:01:02:03:04:05'"),
            new Column("c_tsvector", "TSVECTOR", "''", "'a fat cat'", "'日本:1A'"),
            new Column("c_int4range", "INT4RANGE", "'empty'", "'[1,5)'", "'(,)'"),
            new Column("c_numrange", "NUMRANGE", "'(1.5,2.5]'", "'[0,)'", "'empty'"),
            new Column("c_daterange", "DATERANGE", "'[2020-01-01,2020-02-01)'", "'(,infinity)'", "'empty'"),
            new Column("c_tsrange", "TSRANGE", "'[2020-01-01 10:00,2020-01-01 11:00)'", "'(,)'", "'empty'"),
            new Column("c_tstzrange", "TSTZRANGE", "'[2020-01-01 00:00+00,2020-01-02 00:00+02)'",
                    "'[\"2020-01-01 02:00:00+02\",)'", "'empty'"),
            new Column("c_point", "POINT", "'(0,0)'", "'(1.5,-2)'", "'(1e300,-1e-300)'"),
            new Column("c_circle", "CIRCLE", "'<(0,0),1>'", "'<(1.5,2),0.5>'", "'<(0,0),0>'"),
            new Column("c_line", "LINE", "'{1,-1,0}'", "'{0,1,-2.5}'", "'{1,0,0}'"),
            new Column("c_polygon", "POLYGON", "'((0,0),(1,0),(1,1))'", "'((0,0))'", "'((0,0),(2,0),(2,2),(0,2))'"),
            new Column("c_box", "BOX", "'((1,1),(0,0))'", "'((0,0),(0,0))'", "'((2,3),(-1,-1.5))'"),
            new Column("c_lseg", "LSEG", "'[(0,0),(1,1)]'", "'[(-1.5,2),(3,-4)]'", "'[(0,0),(0,0)]'"),
            new Column("c_path", "PATH", "'[(0,0),(1,1),(2,0)]'", "'((0,0),(1,1),(2,0))'", "'[(5,5)]'"),
            new Column("c_char", "CHAR(3)", "''", "'xyz'", "'é'"),
            new Column("c_char_array", "CHAR(3)[]", "'{}'", "'{a,\"\"}'", "ARRAY['é'::char(3), NULL]"),
            new Column("c_oid", "OID", "0", "4294967295", "42"),
            new Column("__x", "TEXT", "''", "'under'", "'ü'"),
            new Column("c_hstore", "HSTORE", "''", "'a=>1, b=>NULL'", "'\"ü k\"=>\"日本\"'"),
            new Column("c_hstore_array", "HSTORE[]", "'{}'", "ARRAY['a=>1, b=>NULL'::hstore, NULL]",
                    "ARRAY[''::hstore]"),
            new Column("c_ltree", "LTREE", "''", "'Top.Science.Astronomy'", "'a'"),
            new Column("c_citext", "CITEXT", "''", "'MiXeD'", "'Grüße'"),
            new Column("c_enum", "%mood", "'sad'", "'ok'", "'happy'"),
            new Column("c_enum_array", "%mood[]", "'{}'", "'{sad,ok}'", "'{happy}'"),
            new Column("c_domain", "%positive", "0.01", "9999.99", "12.5"));

    /**
     * Rows 2 and 3 hold infinities and NaN, for which Debezium has no exact value (dates) or, under
     * {@code decimal.handling.mode=precise}, sends null (numeric): named as not compared.
     */
    static final List<Column> NOT_COMPARED = List.of(
            new Column("c_date_infinite", "DATE", "'infinity'", "'-infinity'", "'2020-01-01'"),
            new Column("c_numeric_special", "NUMERIC", "'NaN'", "'Infinity'", "'-Infinity'"));

    private TypesTable() {
    }

    /**
     * Creates the extensions (once per database), this table's enum and domain, and adds the columns to the table
     * (created with only its {@code id} key, as the types need the table's generated name).
     */
    static void addColumns(Connection connection, CapturedTable captured, List<Column> columns) throws SQLException {
        String prefix = typePrefix(captured);
        try (Statement sql = connection.createStatement()) {
            for (String extension : List.of("hstore", "ltree", "citext")) {
                sql.execute("CREATE EXTENSION IF NOT EXISTS " + extension);
            }
            sql.execute("CREATE TYPE " + prefix + "_mood AS ENUM ('sad', 'ok', 'happy')");
            sql.execute("CREATE DOMAIN " + prefix + "_positive AS NUMERIC(6,2) CHECK (VALUE > 0)");
            sql.execute("ALTER TABLE " + captured.table().quoted() + " " + columns.stream()
                    .map(c -> "ADD COLUMN " + c.name() + " " + sqlType(captured, c)).collect(Collectors.joining(", ")));
        }
    }

    /** Inserts the rows with these ids (1 all NULL, 2 to 4 the columns' values). */
    static void insertRows(Connection connection, CapturedTable captured, List<Column> columns, int... ids)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        for (int id : ids) {
            rows.add("(" + id + ", " + columns.stream().map(c -> switch (id) {
                case 1 -> "NULL";
                case 2 -> c.second();
                case 3 -> c.third();
                default -> c.fourth();
            }).collect(Collectors.joining(", ")) + ")");
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO " + captured.table().quoted() + " (id, " + columns.stream().map(Column::name)
                    .collect(Collectors.joining(", ")) + ") VALUES " + String.join(", ", rows));
        }
    }

    /** Drops this table's enum and domain (after the table). */
    static void dropTypes(Connection connection, CapturedTable captured) throws SQLException {
        String prefix = typePrefix(captured);
        try (Statement sql = connection.createStatement()) {
            sql.execute("DROP TYPE IF EXISTS " + prefix + "_mood CASCADE");
            sql.execute("DROP DOMAIN IF EXISTS " + prefix + "_positive CASCADE");
        }
    }

    private static String sqlType(CapturedTable captured, Column column) {
        return column.sqlType().startsWith("%") ? typePrefix(captured) + "_" + column.sqlType().substring(1)
                : column.sqlType();
    }

    /** Enum and domain names of this table: its own name, so that parallel scenarios never share them. */
    static String typePrefix(CapturedTable captured) {
        return captured.table().table() + "_t";
    }
}
