package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.CountedFailure;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.KafkaTopics;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.verify.TableTopicComparison.Report;
import io.github.cdcverify.verify.TableTopicComparison;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * For every captured table: does its topic, folded by key to the latest row image, equal the table's rows, column
 * by column? Reads only. Differences get a while ({@code --settle}) to go away before they are reported, so that a table that
 * changes while it is read does not fail a healthy pipeline.
 */
final class TableDataCheck extends DeployedCheck {

    /** How long a difference may take to go away by default: time for the connector to catch up. */
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    private final List<TableName> tables;
    private final Duration settle;

    TableDataCheck(String connector, List<TableName> tables, Duration settle) {
        super("data", "rows", connector);
        this.tables = List.copyOf(tables);
        this.settle = settle;
    }

    @Override
    protected int check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception {
        deployed.requireReadableRecords(name());
        deployed.requireSameDatabase(stack.postgres());
        List<String> problems = new ArrayList<>();
        int rows = 0;
        try (Connection connection = PostgresConnections.open(stack.postgres());
             KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            SlotCatchUp catchUp = SlotCatchUp.startingNow(connection, deployed.slotName());
            CaptureCatalog catalog = new CaptureCatalog(connection);
            for (TableName table : deployed.capturedTables(catalog, tables)) {
                List<String> key = catalog.primaryKey(table);
                String topic = deployed.topic(table);
                if (key.isEmpty()) {
                    note("INFO " + table.qualified() + " is not compared: without a primary key its events "
                            + "have no key to fold by");
                } else if (!topics.exists(topic)) {
                    long count = rowCount(connection, table);
                    if (count == 0) {
                        note("INFO " + table.qualified() + ": no rows, and no topic " + topic + " yet");
                    } else {
                        problems.add(table.qualified() + ": " + count + " rows, but topic " + topic + " does not "
                                + "exist, so none of them reached Kafka");
                    }
                } else {
                    Report report = TableTopicComparison.of(connection, table, catalog.columns(table), key)
                            .withPlaceholder(deployed.unavailableValuePlaceholder()).withCatchUp(catchUp)
                            .compare(stack.kafka(), topic, settle);
                    rows += report.rows();
                    noteAll(report.notes());
                    note("INFO " + table.qualified() + ": " + report.rows() + " rows, " + report.events()
                            + " events in " + topic + ", " + report.rechecked() + " keys re-checked");
                    if (!report.clean()) {
                        problems.add(report.describe());
                    }
                }
            }
            if (catchUp.neverWaited()) {
                note("INFO WAL position at the start " + catchUp.startLsn() + ": no key differed, so there was "
                        + "nothing to wait for");
            }
        }
        if (!problems.isEmpty()) {
            throw new CountedFailure("What reached the topics differs from the tables:" + System.lineSeparator()
                    + "  " + String.join(System.lineSeparator() + "  ", problems), rows);
        }
        return rows;
    }

    private static long rowCount(Connection connection, TableName table) throws SQLException {
        try (Statement count = connection.createStatement();
             ResultSet result = count.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            result.next();
            return result.getLong(1);
        }
    }
}
