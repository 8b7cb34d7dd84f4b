package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.datacheck.KeylessComparison;
import io.github.cdcverify.datacheck.TableReport;
import io.github.cdcverify.datacheck.TableTopicComparison;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TopicRouting;
import io.github.cdcverify.stack.CdcStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For every captured table: does its topic, folded by key to the latest row image, equal the table's rows, column
 * by column? Reads only. Differences get a while ({@code --settle}) to go away before they are reported, so that a
 * table that changes while it is read does not fail a healthy pipeline. Where retention removed a topic's earliest
 * records, rows without a retained event are counted as not verifiable, never as missing, and the result says how
 * many rows were compared. A run that could compare nothing is an error, never a pass.
 */
final class TableDataCheck extends DeployedCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TableDataCheck.class);

    /** How long a difference may take to go away by default: time for the connector to catch up. */
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    private final List<TableName> tables;
    private final Duration settle;
    private final Set<String> accepted;
    private final double minCoverage;
    private final Map<TableName, String> namedTopics;
    private final boolean resnapshot;

    /**
     * @param minCoverage the share of a table's rows, in percent, that must be verifiable from its topic
     * @param namedTopics topics the user named per table ({@code --topic}), where the connector's naming or
     *                    transforms cannot be evaluated
     * @param resnapshot  whether to have the connector re-read every table first ({@link Resnapshot}), so that
     *                    every row is compared even where retention deleted the topics' history
     */
    TableDataCheck(String connector, List<TableName> tables, Duration settle, Set<String> accepted,
                   double minCoverage, Map<TableName, String> namedTopics, boolean resnapshot) {
        super("data", "rows", connector);
        this.tables = List.copyOf(tables);
        this.settle = settle;
        this.accepted = Set.copyOf(accepted);
        this.minCoverage = minCoverage;
        this.namedTopics = Map.copyOf(namedTopics);
        this.resnapshot = resnapshot;
    }

    /** What the tables compared so far add up to. */
    private static final class Tally {
        final List<String> problems = new ArrayList<>();
        final List<String> notCompared = new ArrayList<>();
        final List<String> topicUnknown = new ArrayList<>();
        int tables;
        long rows;
        long compared;
        long events;
        int rechecked;
    }

    @Override
    protected CheckOutcome check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception {
        deployed.requireReadableRecords(name());
        deployed.requireSameDatabase(stack.postgres());
        Tally tally = new Tally();
        try (Connection connection = PostgresConnections.open(stack.postgres());
             KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            SlotCatchUp catchUp = SlotCatchUp.startingNow(connection, deployed.slotName());
            CaptureCatalog catalog = new CaptureCatalog(connection);
            List<TableName> captured = deployed.capturedTables(catalog, tables);
            if (captured.isEmpty()) {
                throw new IllegalStateException("Connector " + connector + " captures no table of database "
                        + stack.postgres().database() + ": " + deployed.tableFilterDescription() + " match none "
                        + "of its tables, so there is nothing to compare. Check those lists, or point --db-name at "
                        + "the database the connector reads.");
            }
            if (resnapshot) {
                resnapshot(stack, connection, topics, catalog, deployed, captured);
            }
            for (TableName table : captured) {
                compareTable(stack, connection, topics, catalog, catchUp, deployed, table, tally);
            }
            if (catchUp.neverWaited()) {
                note("INFO WAL position at the start " + catchUp.startLsn() + ": no key differed, so there was "
                        + "nothing to wait for");
            }
        }
        tally.notCompared.forEach(table -> note("WARN not compared: " + table));
        if (!tally.topicUnknown.isEmpty() && tally.problems.isEmpty()) {
            throw new IllegalStateException("Cannot tell which topic holds " + String.join("; ",
                    tally.topicUnknown) + ". Name each such table's topic with --topic SCHEMA.TABLE=TOPIC"
                    + (tally.tables == 0 ? "." : " (" + tally.tables + " other tables were compared and agree)."));
        }
        if (tally.tables == 0) {
            throw new IllegalStateException("Could compare no table of connector " + connector + ": "
                    + String.join("; ", tally.notCompared) + ". Nothing was checked, so this is no pass.");
        }
        compared(tally.tables + " table" + (tally.tables == 1 ? "" : "s") + ", "
                + (tally.compared == tally.rows ? "" : String.format(Locale.ROOT, "%,d of %,d rows compared, ",
                tally.compared, tally.rows)) + tally.events + " events, " + tally.rechecked + " keys re-checked"
                + (tally.notCompared.isEmpty() ? "" : "; " + tally.notCompared.size() + " not compared"));
        if (!tally.problems.isEmpty()) {
            tally.topicUnknown.forEach(table -> tally.problems.add("not compared, its topic unknown: " + table));
            return CheckOutcome.failed("What reached the topics differs from the tables:" + System.lineSeparator()
                    + "  " + String.join(System.lineSeparator() + "  ", tally.problems), (int) tally.rows);
        }
        return CheckOutcome.passed((int) tally.rows);
    }

    /**
     * The table's topic as the connector names it; where that cannot be evaluated, the one candidate topic (its
     * name if the unknown transform kept it, or any under the connector's prefix) whose events come from the table.
     */
    private Optional<String> topicOf(CdcStack stack, KafkaTopics topics, DeployedConnector deployed, TableName table,
                                     Tally tally) {
        TopicRouting.Resolution resolution = deployed.topicOf(table, namedTopics);
        if (resolution.topic().isPresent()) {
            return resolution.topic();
        }
        Set<String> candidates = new LinkedHashSet<>(topics.startingWith(deployed.topicPrefix()));
        if (topics.exists(resolution.guess())) {
            candidates.add(resolution.guess());
        }
        Optional<String> found = TopicDiscovery.bySourceBlock(stack.kafka(), candidates, table);
        if (found.isPresent()) {
            note("INFO " + table.qualified() + ": its topic " + found.get() + " was found from its events' source "
                    + "block, since " + resolution.unknownBecause());
        } else {
            tally.topicUnknown.add(table.qualified() + " (" + resolution.unknownBecause() + ", and no single topic "
                    + "under " + deployed.topicPrefix() + " holds its events)");
        }
        return found;
    }

    /** Re-reads every comparable table through the connector's own snapshot before anything is compared. */
    private void resnapshot(CdcStack stack, Connection connection, KafkaTopics topics, CaptureCatalog catalog,
                            DeployedConnector deployed, List<TableName> captured) throws SQLException {
        Resnapshot signal = Resnapshot.of(deployed);
        Map<TableName, String> topicByTable = new LinkedHashMap<>();
        Map<TableName, Long> rows = new LinkedHashMap<>();
        for (TableName table : captured) {
            Optional<String> topic = deployed.topicOf(table, namedTopics).topic();
            if (topic.isPresent() && topics.exists(topic.get()) && !catalog.primaryKey(table).isEmpty()) {
                topicByTable.put(table, topic.get());
                rows.put(table, rowCount(connection, table));
            }
        }
        long began = System.nanoTime();
        signal.run(connection, stack.kafka(), topicByTable, rows, settle.multipliedBy(10), LOG::info);
        note(String.format(Locale.ROOT, "INFO re-snapshot through %s: %d tables, %,d rows re-read in %.1f s",
                signal.channel(), topicByTable.size(), rows.values().stream().mapToLong(Long::longValue).sum(),
                (System.nanoTime() - began) / 1e9));
    }

    private void compareTable(CdcStack stack, Connection connection, KafkaTopics topics, CaptureCatalog catalog,
                              SlotCatchUp catchUp, DeployedConnector deployed, TableName table, Tally tally)
            throws SQLException {
        List<String> key = deployed.messageKeyColumns(table).orElse(catalog.primaryKey(table));
        Optional<String> resolved = topicOf(stack, topics, deployed, table, tally);
        if (resolved.isEmpty()) {
            return;
        }
        String topic = resolved.get();
        boolean keyless = key.isEmpty();
        if (keyless && catalog.replicaIdentity(table) != 'f') {
            tally.notCompared.add(table.qualified() + " (no primary key and no message.key.columns: its events have "
                    + "no key to fold by, and without REPLICA IDENTITY FULL its updates and deletes do not carry the "
                    + "whole old row, so it cannot be compared as a multiset of rows either)");
            return;
        }
        if (!topics.exists(topic)) {
            long count = rowCount(connection, table);
            tally.tables++;
            tally.rows += count;
            if (count == 0) {
                note("INFO " + table.qualified() + ": 0 rows, and no topic " + topic + " yet: consistent");
            } else {
                tally.problems.add(table.qualified() + ": " + count + " rows, but topic " + topic + " does not "
                        + "exist, so none of them reached Kafka");
            }
            return;
        }
        List<Column> columns = catalog.columns(table);
        Map<String, String> leftOut = deployed.acceptedColumnChanges(table, columns.stream().map(Column::name)
                .toList(), accepted);
        TableReport report = keyless
                ? KeylessComparison.of(connection, table, columns).withCatchUp(catchUp).withProgress(LOG::info)
                .withIncludeUnknownDatatypes(deployed.includesUnknownDatatypes())
                .withColumnsLeftOut(leftOut).compare(stack.kafka(), topic, settle)
                : compareByKey(stack, connection, deployed, table, key, columns, leftOut, catchUp, topic);
        tally(report, topics.topicSettings(topic), topic, tally);
    }

    private TableReport compareByKey(CdcStack stack, Connection connection, DeployedConnector deployed, TableName table,
                                List<String> key, List<Column> columns, Map<String, String> leftOut,
                                SlotCatchUp catchUp, String topic) throws SQLException {
        TableTopicComparison comparison = TableTopicComparison.of(connection, table, columns, key)
                .withPlaceholder(deployed.unavailableValuePlaceholder());
        deployed.topicOf(table, namedTopics).shared()
                .ifPresent(shared -> comparison.withMergedTopic(shared.keyField(), shared.keyValue()));
        return comparison.withCatchUp(catchUp)
                .withProgress(LOG::info)
                .withIncludeUnknownDatatypes(deployed.includesUnknownDatatypes())
                .withCompleteHistory(resnapshot)
                .withColumnsLeftOut(leftOut)
                .compare(stack.kafka(), topic, settle);
    }

    private void tally(TableReport report, Map<String, String> settings, String topic, Tally tally) {
        TableName table = report.table();
        noteAll(report.notes());
        noteCompaction(settings, topic);
        if (report.compared() == 0 && report.rows() > 0 && report.clean()) {
            tally.notCompared.add(table.qualified() + " (none of its " + report.rows() + " rows has an event left "
                    + "in " + topic + ": " + history(settings, report) + ")");
            return;
        }
        tally.tables++;
        tally.rows += report.rows();
        tally.compared += report.compared();
        tally.events += report.events();
        tally.rechecked += report.rechecked();
        if (report.unverifiable() == 0) {
            note("INFO " + table.qualified() + ": " + report.rows() + " rows, " + report.events() + " events in "
                    + topic + ", " + report.rechecked() + " keys re-checked");
        } else {
            note(String.format(Locale.ROOT, "INFO %s: compared %,d of %,d rows; %,d not verifiable: %s (%,d events "
                            + "in %s, %d keys re-checked)", table.qualified(), report.compared(), report.rows(),
                    report.unverifiable(), history(settings, report), report.events(), topic, report.rechecked()));
        }
        if (!report.clean()) {
            tally.problems.add(report.describe());
        }
        double coverage = report.rows() == 0 ? 100 : 100.0 * report.compared() / report.rows();
        if (coverage < minCoverage) {
            tally.problems.add(String.format(Locale.ROOT, "%s: only %.1f%% of its rows could be compared (%,d of "
                    + "%,d), below --min-coverage %s%%: %s", table.qualified(), coverage, report.compared(),
                    report.rows(), minCoverage, history(settings, report)));
        }
    }

    /** Why rows are not verifiable: the trimmed partitions and the topic's retention settings. */
    private static String history(Map<String, String> settings, TableReport report) {
        return "earlier events deleted by retention (" + report.trimmedDescription() + "; cleanup.policy="
                + settings.get("cleanup.policy") + ", retention.ms=" + settings.get("retention.ms")
                + ", retention.bytes=" + settings.get("retention.bytes") + ")";
    }

    private void noteCompaction(Map<String, String> settings, String topic) {
        String policy = settings.getOrDefault("cleanup.policy", "delete");
        if (policy.contains("compact")) {
            note("INFO " + topic + " is compacted (cleanup.policy=" + policy + "): it keeps the latest event of "
                    + "each key, which is all the comparison needs; tombstones go after delete.retention.ms="
                    + settings.get("delete.retention.ms") + ", and a deleted key with them");
        }
    }

    private static long rowCount(Connection connection, TableName table) throws SQLException {
        try (Statement count = connection.createStatement();
             ResultSet result = count.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            result.next();
            return result.getLong(1);
        }
    }
}
