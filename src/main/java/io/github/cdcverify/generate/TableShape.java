package io.github.cdcverify.generate;

import io.github.cdcverify.setup.TableName;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL's catalog says a table's rows must be, as far as writing them goes: its columns (type, NOT NULL,
 * default, identity or generated), its primary and unique keys, its foreign keys and its check constraints.
 */
record TableShape(TableName table, List<ColumnShape> columns, List<String> primaryKey, List<List<String>> uniqueKeys,
                  List<ForeignKey> foreignKeys, List<CheckConstraint> checks, char replicaIdentity) {

    /**
     * @param type      as {@code format_type} gives it, e.g. {@code numeric(30,10)}, for casts
     * @param baseType  the type's name ({@code typname}) after domains, e.g. {@code numeric}, {@code _int4}
     * @param category  {@code typcategory}: {@code A} array, {@code E} enum, ...
     * @param element   for an array, its element's type name ({@code int4}); else {@code null}
     * @param labels    for an enum (or an array of one), its labels in order
     * @param length    the declared length of {@code varchar(n)}/{@code char(n)}, else {@code null}
     * @param precision the declared precision of {@code numeric(p,s)}, else {@code null}
     * @param scale     the declared scale of {@code numeric(p,s)}, else {@code null}
     * @param generated written by PostgreSQL only: {@code GENERATED ALWAYS AS (...) STORED} or identity ALWAYS
     * @param sequenced numbered by PostgreSQL when left out: serial, identity, {@code DEFAULT nextval(...)}
     */
    record ColumnShape(String name, String type, String baseType, char category, String element, List<String> labels,
                       boolean notNull, boolean hasDefault, Integer length, Integer precision, Integer scale,
                       boolean generated, boolean sequenced) {
    }

    /** {@code columns} of this table reference {@code referenced} of {@code parent}. */
    record ForeignKey(String name, List<String> columns, TableName parent, List<String> referenced) {
    }

    record CheckConstraint(String name, String definition) {
    }

    Optional<ColumnShape> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    static TableShape read(Connection connection, TableName table) throws SQLException {
        long oid;
        char identity;
        try (PreparedStatement query = connection.prepareStatement("SELECT c.oid, c.relreplident FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("Table " + table.qualified() + " does not exist");
                }
                oid = row.getLong(1);
                identity = row.getString(2).charAt(0);
            }
        }
        return new TableShape(table, columns(connection, oid), primaryKey(connection, oid),
                keys(connection, oid, "u"), foreignKeys(connection, oid), checks(connection, oid), identity);
    }

    private static List<ColumnShape> columns(Connection connection, long oid) throws SQLException {
        List<ColumnShape> columns = new ArrayList<>();
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typcategory, "
                + "et.typname, a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated, "
                + "pg_get_expr(d.adbin, d.adrelid), information_schema._pg_char_max_length(a.atttypid, a.atttypmod), "
                + "CASE WHEN bt.typname = 'numeric' AND a.atttypmod > 0 THEN ((a.atttypmod - 4) >> 16) & 65535 END, "
                + "CASE WHEN bt.typname = 'numeric' AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535 END, "
                + "(SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e "
                + " WHERE e.enumtypid = COALESCE(NULLIF(bt.typelem, 0), bt.oid)) "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
                + "LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A' "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, oid);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String identity = row.getString(8);
                    String generated = row.getString(9);
                    String defaultExpression = row.getString(10);
                    boolean sequenced = (identity != null && !identity.isEmpty())
                            || (defaultExpression != null && defaultExpression.startsWith("nextval("));
                    Array labels = row.getArray(14);
                    columns.add(new ColumnShape(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4).charAt(0), row.getString(5),
                            labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()),
                            row.getBoolean(6), row.getBoolean(7), integer(row, 11), integer(row, 12),
                            integer(row, 13), "a".equals(identity) || (generated != null && !generated.isEmpty()),
                            sequenced));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection connection, long oid) throws SQLException {
        List<List<String>> keys = keys(connection, oid, "p");
        return keys.isEmpty() ? List.of() : keys.get(0);
    }

    private static List<List<String>> keys(Connection connection, long oid, String type) throws SQLException {
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT (SELECT array_agg(a.attname ORDER BY "
                + "k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = "
                + "c.conrelid AND a.attnum = k.num) FROM pg_constraint c WHERE c.conrelid = ? AND c.contype = ? "
                + "ORDER BY c.conname")) {
            query.setLong(1, oid);
            query.setString(2, type);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    keys.add(Arrays.asList((String[]) row.getArray(1).getArray()));
                }
            }
        }
        return keys;
    }

    private static List<ForeignKey> foreignKeys(Connection connection, long oid) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.conname, "
                + "(SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord) "
                + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num), pn.nspname, pc.relname, "
                + "(SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(num, ord) "
                + " JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) "
                + "FROM pg_constraint c JOIN pg_class pc ON pc.oid = c.confrelid "
                + "JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE c.conrelid = ? AND c.contype = 'f' "
                + "ORDER BY c.conname")) {
            query.setLong(1, oid);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    keys.add(new ForeignKey(row.getString(1), Arrays.asList((String[]) row.getArray(2).getArray()),
                            new TableName(row.getString(3), row.getString(4)),
                            Arrays.asList((String[]) row.getArray(5).getArray())));
                }
            }
        }
        return keys;
    }

    private static List<CheckConstraint> checks(Connection connection, long oid) throws SQLException {
        List<CheckConstraint> checks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT conname, pg_get_constraintdef(oid) "
                + "FROM pg_constraint WHERE conrelid = ? AND contype = 'c' ORDER BY conname")) {
            query.setLong(1, oid);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    checks.add(new CheckConstraint(row.getString(1), row.getString(2)));
                }
            }
        }
        return checks;
    }

    private static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
