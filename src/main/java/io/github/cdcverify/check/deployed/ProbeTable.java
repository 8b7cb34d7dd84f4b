package io.github.cdcverify.check.deployed;

import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.TableFilter;
import io.github.cdcverify.setup.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The table a user set aside for the probe ({@code --probe-table}), checked before anything is written to it: it
 * exists, the deployed connector captures it (include/exclude lists and publication), it has the generator's
 * columns, and it is empty, so that the probe changes only rows it wrote and can remove them all afterwards.
 */
final class ProbeTable {

    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character");
    private static final List<String> NEEDED = List.of("id", "name", "email");

    private ProbeTable() {
    }

    /** The table the probe needs, to create under {@code table}'s name. */
    static String createStatement(TableName table) {
        return "CREATE TABLE " + table.qualified() + " (id SERIAL PRIMARY KEY, name VARCHAR(100), "
                + "email VARCHAR(100), created_at TIMESTAMPTZ DEFAULT now());";
    }

    /**
     * @throws IllegalArgumentException one paragraph saying what is wrong with the table and how to fix it
     */
    static void requireUsable(DeployedConnector deployed, CaptureCatalog catalog, Connection connection,
                              TableName table) throws SQLException {
        if (!catalog.userTables().contains(table)) {
            throw new IllegalArgumentException("Probe table " + table.qualified() + " does not exist. Create it for "
                    + "the probe (" + createStatement(table) + "), make connector " + deployed.name()
                    + " capture it, and pass it with --probe-table.");
        }
        requireCaptured(deployed, catalog, table);
        requireColumns(catalog, connection, table);
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table.quoted());
             ResultSet count = query.executeQuery()) {
            count.next();
            if (count.getLong(1) > 0) {
                throw new IllegalArgumentException("Probe table " + table.qualified() + " has " + count.getLong(1)
                        + " rows, but the probe writes only to an empty table, so that it changes no row it did not "
                        + "write and can remove all of its own afterwards. Name a table set aside for the probe, or "
                        + "empty this one (DELETE FROM " + table.qualified() + ";) if its rows are a probe's.");
            }
        }
    }

    private static void requireCaptured(DeployedConnector deployed, CaptureCatalog catalog, TableName table)
            throws SQLException {
        if (!TableFilter.of(deployed.config()).captures(table)) {
            String lists = deployed.config().entrySet().stream()
                    .filter(entry -> entry.getKey().matches("(table|schema)\\.(in|ex)clude\\.list"))
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted()
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Connector " + deployed.name() + " does not capture probe table "
                    + table.qualified() + " (" + (lists.isEmpty() ? "no include or exclude lists" : lists) + "), so "
                    + "nothing the probe writes would reach a topic. Add " + table.qualified() + " to its "
                    + "table.include.list, or name a table it captures with --probe-table.");
        }
        String publication = deployed.publicationName();
        if (catalog.publicationExists(publication) && !catalog.publishedTables(publication).contains(table)) {
            throw new IllegalArgumentException("Publication " + publication + " of connector " + deployed.name()
                    + " does not publish probe table " + table.qualified() + ", so none of the probe's changes "
                    + "would reach the topic. Add it (ALTER PUBLICATION " + publication + " ADD TABLE "
                    + table.qualified() + ";), or name a published table with --probe-table.");
        }
    }

    private static void requireColumns(CaptureCatalog catalog, Connection connection, TableName table)
            throws SQLException {
        Map<String, Column> columns = catalog.columns(table).stream()
                .collect(Collectors.toMap(Column::name, column -> column));
        List<String> missing = new ArrayList<>();
        for (String needed : NEEDED) {
            Column column = columns.get(needed);
            boolean fits = column != null && (needed.equals("id") ? column.type().equals("integer")
                    || column.type().equals("bigint") : TEXT_TYPES.contains(column.type()));
            if (!fits) {
                missing.add(column == null ? needed : needed + " (is " + column.type() + ")");
            }
        }
        if (missing.isEmpty() && !catalog.primaryKey(table).equals(List.of("id"))) {
            missing.add("a primary key of id alone");
        }
        if (missing.isEmpty() && !idHasDefault(connection, table)) {
            missing.add("a default for id (SERIAL or GENERATED ... AS IDENTITY)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Probe table " + table.qualified() + " lacks what the probe writes: "
                    + String.join(", ", missing) + ". The probe inserts rows with name and email text and lets "
                    + "PostgreSQL number them, then updates and deletes them by id. Create a table of this shape "
                    + "for it: " + createStatement(table));
        }
    }

    private static boolean idHasDefault(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT column_default IS NOT NULL OR "
                + "is_identity = 'YES' FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                + "AND column_name = 'id'")) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
