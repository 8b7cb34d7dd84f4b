package io.github.cdcverify.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Catches a {@code table.include.list} that matches no table. Connect's validation accepts it, the connector runs,
 * and nothing is ever captured: to a user that looks exactly like a broken pipeline.
 *
 * <p>Matching follows Debezium: the list is split at commas not escaped with a backslash, each entry is a regular
 * expression, case-insensitive, that must match the whole {@code schema.table}.
 */
public final class IncludeListCheck {

    private static final int TABLES_SHOWN = 20;

    private IncludeListCheck() {
    }

    /**
     * @param includeList the connector's {@code table.include.list}; {@code null} or blank (capture every table)
     *                    passes
     * @throws SetupException naming the list and the tables that exist when no table matches, or when an entry is
     *                        not a valid regular expression
     */
    public static void requireMatch(Connection connection, String includeList) throws SQLException {
        if (includeList == null || includeList.isBlank()) {
            return;
        }
        List<Pattern> patterns = TableFilter.patterns("table.include.list", includeList);
        List<String> tables = userTables(connection);
        boolean matched = tables.stream().anyMatch(table -> patterns.stream()
                .anyMatch(pattern -> pattern.matcher(table).matches()));
        if (!matched) {
            String shown = tables.isEmpty() ? "none" : String.join(", ", tables.subList(0,
                    Math.min(TABLES_SHOWN, tables.size()))) + (tables.size() > TABLES_SHOWN ? " (and "
                    + (tables.size() - TABLES_SHOWN) + " more)" : "");
            throw new SetupException("table.include.list '" + includeList + "' matches no table in database '"
                    + connection.getCatalog() + "', so the connector would capture nothing. Each entry is a regular "
                    + "expression matched against the whole schema.table (e.g. public.users). Tables there: " + shown
                    + ". Fix the list or create the table first.");
        }
    }

    private static List<String> userTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT schemaname || '.' || tablename "
                + "FROM pg_tables WHERE schemaname <> ALL (?) ORDER BY 1")) {
            query.setArray(1, connection.createArrayOf("text", Arrays.asList("pg_catalog", "information_schema")
                    .toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
