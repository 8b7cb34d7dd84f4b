package io.github.cdcverify.check.deployed;

import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.CaptureCatalog.Publication;
import io.github.cdcverify.setup.CaptureCatalog.PublishedTable;
import io.github.cdcverify.setup.CaptureCatalog.SlotState;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.TableName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What PostgreSQL's catalog says about a connector's capture that loses or changes data, or that is worth a second
 * look: its publication (which tables, operations, rows and columns it publishes), each captured table's key and
 * replica identity, column types its handling modes cannot carry whole, and its replication slot.
 */
final class CatalogFindings {

    /** A double holds 15 significant decimal digits exactly; wider numerics are rounded. */
    private static final int DOUBLE_DIGITS = 15;

    private final Map<String, String> config;
    private final CaptureCatalog catalog;
    private final List<TableName> captured;
    private final List<Finding> findings = new ArrayList<>();

    private CatalogFindings(Map<String, String> config, CaptureCatalog catalog, List<TableName> captured) {
        this.config = config;
        this.catalog = catalog;
        this.captured = captured;
    }

    /**
     * @param captured the tables the connector captures (see {@link DeployedConnector#capturedTables})
     * @param slot     the connector's replication slot, if it exists
     */
    static List<Finding> of(Map<String, String> config, CaptureCatalog catalog, List<TableName> captured,
                            String slotName, Optional<SlotState> slot) throws SQLException {
        CatalogFindings rules = new CatalogFindings(config, catalog, captured);
        rules.publication();
        for (TableName table : captured) {
            rules.keysAndIdentity(table);
            rules.columnTypes(table);
        }
        rules.slot(slotName, slot);
        return List.copyOf(rules.findings);
    }

    private String setting(String key, String fallback) {
        return DeployedConnector.setting(config, key, fallback);
    }

    private void publication() throws SQLException {
        String name = setting("publication.name", "dbz_publication");
        Optional<Publication> found = catalog.publication(name);
        String autocreate = setting("publication.autocreate.mode", "all_tables");
        if (found.isEmpty()) {
            if ("disabled".equalsIgnoreCase(autocreate)) {
                findings.add(Finding.losesData("publication " + name, "publication", "does not exist and "
                        + "publication.autocreate.mode=disabled: the connector cannot stream, so no change "
                        + "reaches the topic. CREATE PUBLICATION " + name + " FOR TABLE ... the captured tables"));
            }
            return;
        }
        Publication publication = found.get();
        // Debezium leaves the operations skipped.operations skips out of the publications it creates: that
        // setting's own finding says so already.
        List<String> skipped = List.of(setting("skipped.operations", "t").toLowerCase(Locale.ROOT)
                .split("\\s*,\\s*"));
        List<String> unpublished = new ArrayList<>();
        if (!publication.inserts() && !skipped.contains("c")) {
            unpublished.add("inserts");
        }
        if (!publication.updates() && !skipped.contains("u")) {
            unpublished.add("updates");
        }
        if (!publication.deletes() && !skipped.contains("d")) {
            unpublished.add("deletes");
        }
        if (!unpublished.isEmpty()) {
            findings.add(Finding.losesData("publication " + name, "publication", "does not publish "
                    + String.join(" and ", unpublished) + " (its publish parameter): they never reach the topic"));
        }
        List<TableName> published = catalog.publishedTables(name);
        for (TableName table : captured) {
            if (!published.contains(table)) {
                findings.add(Finding.losesData(table.qualified(), table.qualified(), "captured by the include list "
                        + "but not published by publication " + name + ": the snapshot reads it, but none of its "
                        + "later changes reach the topic"));
                continue;
            }
            PublishedTable how = catalog.publishedTable(name, table);
            how.rowFilter().ifPresent(filter -> findings.add(Finding.losesData(table.qualified(), table.qualified(),
                    "publication " + name + " publishes only its rows WHERE " + filter + ": changes to other rows "
                            + "never reach the topic")));
            if (!how.columns().isEmpty()) {
                findings.add(Finding.losesData(table.qualified(), table.qualified(), "publication " + name
                        + " publishes only the columns " + String.join(", ", how.columns()) + ": the others never "
                        + "reach the topic in streamed changes"));
            }
        }
        String signalTable = setting("signal.data.collection", "");
        for (TableName table : published) {
            // Debezium publishes its signal table itself: it reads the signals from the stream.
            if (!captured.contains(table) && !table.qualified().equals(signalTable)) {
                findings.add(Finding.advice("publication " + name, "publication", "publishes "
                        + table.qualified() + ", which the connector does not capture: PostgreSQL decodes its "
                        + "changes for nothing"));
            }
        }
    }

    private void keysAndIdentity(TableName table) throws SQLException {
        boolean keyless = catalog.primaryKey(table).isEmpty();
        char identity = catalog.replicaIdentity(table);
        String name = table.qualified();
        if (identity == 'n') {
            findings.add(Finding.losesData(name, name, "has REPLICA IDENTITY NOTHING: PostgreSQL refuses its "
                    + "updates and deletes while it is published, and no event can carry the old row or its key"));
        } else if (keyless && identity == 'd') {
            findings.add(Finding.losesData(name, name, "has no primary key and REPLICA IDENTITY "
                    + "DEFAULT: PostgreSQL refuses its updates and deletes while it is published, "
                    + "and its events have no key"));
        } else if (keyless) {
            findings.add(Finding.advice(name, name, "has no primary key: its events have no key, so compaction "
                    + "and consumers folding by key cannot tell its rows apart"));
        } else if (identity == 'd') {
            findings.add(Finding.advice(name, name, "has REPLICA IDENTITY DEFAULT: updates carry no before image, "
                    + "deletes only the key, and unchanged TOASTed values arrive as __debezium_unavailable_value"));
        }
    }

    private void columnTypes(TableName table) throws SQLException {
        boolean doubles = "double".equalsIgnoreCase(setting("decimal.handling.mode", "precise"));
        boolean millis = "connect".equalsIgnoreCase(setting("time.precision.mode", "adaptive"));
        boolean unknownLeftOut = !"true".equalsIgnoreCase(setting("include.unknown.datatypes", "false"));
        for (Column column : catalog.columns(table)) {
            String where = table.qualified() + "." + column.name();
            if (unknownLeftOut && "name".equals(column.type())) {
                // Measured on Debezium 2.7.4, 3.4.1 and 3.7.0 (UnmappedTypesIT): the snapshot carries the value, streamed
                // events do not.
                findings.add(Finding.losesData("include.unknown.datatypes=false", "include.unknown.datatypes",
                        where + " is of type name, which Debezium streams as "
                                + (catalog.primaryKey(table).contains(column.name()) ? "an empty string in the key and the row: "
                                + "every streamed change of the table lands on the same key"
                                : "null: every streamed change shows it empty")
                                + " (only the snapshot carries its values); include.unknown.datatypes=true sends them"));
            }
            if (doubles && "numeric".equals(column.type())
                    && (column.numericPrecision() == null || column.numericPrecision() > DOUBLE_DIGITS)) {
                findings.add(Finding.losesData("decimal.handling.mode=double", "decimal.handling.mode", where
                        + " is " + describeNumeric(column) + ", but a double holds 15 significant digits: its "
                        + "values are rounded in the topic"));
            }
            if (doubles && "money".equals(column.type())) {
                findings.add(Finding.losesData("decimal.handling.mode=double", "decimal.handling.mode", where
                        + " is money, up to 19 digits with its cents, but a double holds 15 significant digits: "
                        + "amounts from 10,000,000,000,000 up are rounded in the topic"));
            }
            if (millis && column.type().startsWith("time") && column.datetimePrecision() != null
                    && column.datetimePrecision() > 3) {
                findings.add(Finding.losesData("time.precision.mode=connect", "time.precision.mode", where + " is "
                        + column.type() + " with microseconds, but the topic keeps milliseconds: the microseconds "
                        + "are lost"));
            }
        }
    }

    private void slot(String slotName, Optional<SlotState> found) {
        String setting = "slot " + slotName;
        if (found.isEmpty()) {
            findings.add(Finding.advice(setting, "slot", "does not exist, so the connector is not streaming from "
                    + "it"));
            return;
        }
        SlotState slot = found.get();
        String lag = slot.lagBytes() == null ? "unknown" : slot.lagBytes() + " bytes";
        if ("lost".equalsIgnoreCase(slot.walStatus())) {
            findings.add(Finding.losesData(setting, "slot", "wal_status is lost: PostgreSQL removed WAL the "
                    + "connector had not read yet (max_slot_wal_keep_size), so those changes never reach the "
                    + "topic; the slot must be dropped and the connector re-snapshotted"));
        } else if ("unreserved".equalsIgnoreCase(slot.walStatus())) {
            findings.add(Finding.advice(setting, "slot", "wal_status is unreserved: it is " + lag + " behind and "
                    + "PostgreSQL will remove WAL it still needs at the next checkpoint unless it catches up"));
        }
        if (!slot.active()) {
            findings.add(Finding.advice(setting, "slot", "inactive, " + lag + " of WAL behind the current "
                    + "position, which PostgreSQL keeps until the slot is read again or dropped"));
        }
    }

    private static String describeNumeric(Column column) {
        return column.numericPrecision() == null ? "numeric without a precision"
                : "numeric(" + column.numericPrecision() + "," + column.numericScale() + ")";
    }
}
