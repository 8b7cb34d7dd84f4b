package io.github.cdcverify.check.deployed;

import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a deployed Debezium PostgreSQL connector, and the catalog facts of the tables it captures, that
 * lose or change data on the way to Kafka. Each rule names the setting and what it does to the data.
 */
final class ConnectorFindings {

    /** A double holds 15 significant decimal digits exactly; wider numerics are rounded. */
    private static final int DOUBLE_DIGITS = 15;
    private static final Set<String> SKIPPING_SNAPSHOT_MODES = Set.of("no_data", "never");

    private final Map<String, String> config;
    private final CaptureCatalog catalog;
    private final List<TableName> captured;
    private final List<Finding> findings = new ArrayList<>();

    private ConnectorFindings(Map<String, String> config, CaptureCatalog catalog, List<TableName> captured) {
        this.config = config;
        this.catalog = catalog;
        this.captured = captured;
    }

    /**
     * @param captured the tables the connector captures (see {@link CapturedTables})
     */
    static List<Finding> of(Map<String, String> config, CaptureCatalog catalog, List<TableName> captured)
            throws SQLException {
        ConnectorFindings rules = new ConnectorFindings(config, catalog, captured);
        rules.skippedOperations();
        rules.tombstones();
        rules.columnFilters();
        rules.snapshotMode();
        rules.heartbeat();
        rules.publication();
        for (TableName table : captured) {
            rules.keysAndIdentity(table);
            rules.columnTypes(table);
        }
        return List.copyOf(rules.findings);
    }

    private void add(String setting, String effect) {
        findings.add(new Finding(setting, effect));
    }

    private String setting(String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private void skippedOperations() {
        String skipped = setting("skipped.operations", "t");
        List<String> lost = new ArrayList<>();
        for (String op : skipped.toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            switch (op) {
                case "c" -> lost.add("inserts");
                case "u" -> lost.add("updates");
                case "d" -> lost.add("deletes");
                default -> { }
            }
        }
        if (!lost.isEmpty()) {
            add("skipped.operations=" + skipped, String.join(" and ", lost) + " are never sent: the topic misses "
                    + "them, and whoever reads it keeps rows as they were before");
        }
    }

    private void tombstones() {
        if ("false".equalsIgnoreCase(setting("tombstones.on.delete", "true"))) {
            add("tombstones.on.delete=false", "deletes leave no tombstone, so log compaction never removes a "
                    + "deleted key and a compacted topic keeps deleted rows forever");
        }
    }

    private void columnFilters() {
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = entry.getKey();
            if (key.equals("column.exclude.list")) {
                add(key + "=" + entry.getValue(), "these columns never reach the topic");
            } else if (key.equals("column.include.list")) {
                add(key + "=" + entry.getValue(), "every column not on this list never reaches the topic");
            } else if (key.startsWith("column.mask.")) {
                add(key + "=" + entry.getValue(), "the values of these columns are replaced (masked or hashed) in "
                        + "the topic");
            } else if (key.startsWith("column.truncate.")) {
                add(key + "=" + entry.getValue(), "longer values of these columns are cut short in the topic");
            }
        }
    }

    private void snapshotMode() {
        String mode = setting("snapshot.mode", "initial");
        if (SKIPPING_SNAPSHOT_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
            add("snapshot.mode=" + mode, "rows that existed before the connector started streaming never reach "
                    + "the topic");
        }
    }

    private void heartbeat() {
        if (setting("heartbeat.interval.ms", "0").equals("0")) {
            add("heartbeat.interval.ms", "not set: while the captured tables are idle and other tables change, the "
                    + "slot's confirmed position stays behind and PostgreSQL keeps all WAL since then");
        }
    }

    private void publication() throws SQLException {
        String publication = setting("publication.name", "dbz_publication");
        if (!catalog.publicationExists(publication)) {
            return;
        }
        List<TableName> published = catalog.publishedTables(publication);
        for (TableName table : captured) {
            if (!published.contains(table)) {
                add(table.qualified(), "captured by the include list but not published by publication "
                        + publication + ": the snapshot reads it, but none of its later changes reach the topic");
            }
        }
        for (TableName table : published) {
            if (!captured.contains(table)) {
                add("publication " + publication, "publishes " + table.qualified() + ", which the connector does "
                        + "not capture: PostgreSQL decodes its changes for nothing");
            }
        }
    }

    private void keysAndIdentity(TableName table) throws SQLException {
        boolean keyless = catalog.primaryKey(table).isEmpty();
        char identity = catalog.replicaIdentity(table);
        if (keyless && identity != 'f') {
            add(table.qualified(), "has no primary key and REPLICA IDENTITY " + identityName(identity) + ": its "
                    + "events have no key, and PostgreSQL refuses its updates and deletes while it is published");
        } else if (keyless) {
            add(table.qualified(), "has no primary key: its events have no key, so compaction and consumers "
                    + "folding by key cannot tell its rows apart");
        } else if (identity == 'd') {
            add(table.qualified(), "has REPLICA IDENTITY DEFAULT: updates carry no before image, deletes only the "
                    + "key, and unchanged TOASTed values arrive as __debezium_unavailable_value");
        }
    }

    private void columnTypes(TableName table) throws SQLException {
        boolean doubles = "double".equalsIgnoreCase(setting("decimal.handling.mode", "precise"));
        boolean millis = "connect".equalsIgnoreCase(setting("time.precision.mode", "adaptive"));
        for (Column column : catalog.columns(table)) {
            String where = table.qualified() + "." + column.name();
            if (doubles && "numeric".equals(column.type())
                    && (column.numericPrecision() == null || column.numericPrecision() > DOUBLE_DIGITS)) {
                add("decimal.handling.mode=double", where + " is " + describeNumeric(column) + ", but a double "
                        + "holds 15 significant digits: its values are rounded in the topic");
            }
            if (millis && column.type().startsWith("time") && column.datetimePrecision() != null
                    && column.datetimePrecision() > 3) {
                add("time.precision.mode=connect", where + " is " + column.type() + " with microseconds, but the "
                        + "topic keeps milliseconds: the microseconds are lost");
            }
        }
    }

    private static String describeNumeric(Column column) {
        return column.numericPrecision() == null ? "numeric without a precision"
                : "numeric(" + column.numericPrecision() + "," + column.numericScale() + ")";
    }

    private static String identityName(char identity) {
        return switch (identity) {
            case 'f' -> "FULL";
            case 'i' -> "USING INDEX";
            case 'n' -> "NOTHING";
            default -> "DEFAULT";
        };
    }
}
