package io.github.cdcverify.cli;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data check on a topic whose earliest records retention deleted, as on every pipeline older than
 * {@code retention.ms}: {@code DeleteRecords} on every partition does what retention does after days. Rows without a
 * retained event are not verifiable, never missing; what the retained events prove is still checked.
 */
@PipelineTest
class RetainedHistoryIT {

    @Test
    @DisplayName("history deleted, then a few changes: passes, comparing the rows the retained events prove and "
            + "naming the rest not verifiable with the partitions' start and the retention settings")
    void trimmedHistoryIsNotVerifiableNotMissing(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "retained").withSeedRows().start()) {
            write(deployed, 20, "INSERT INTO %s (name, email) SELECT 'user' || n, 'user' || n || '@example.com' "
                    + "FROM generate_series(1, 20) n");
            deleteHistory(deployed);
            write(deployed, 3, "UPDATE %s SET email = 'new@example.com' WHERE id IN (5, 6)",
                    "INSERT INTO %s (name, email) VALUES ('Zoe', 'zoe@example.com')");

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  data\\s+24 rows\\s+\\S+ s  \\(1 table, 3 of 24 rows "
                            + "compared, 3 events")
                    .containsPattern("INFO " + deployed.table().qualified() + ": compared 3 of 24 rows; 21 not "
                            + "verifiable: earlier events deleted by retention \\(partition \\d+ starts at offset "
                            + "\\d+.*; cleanup.policy=delete, retention.ms=\\d+, retention.bytes=-?\\d+\\)")
                    .doesNotContain("missing from the topic");

            CliRun strict = verify(stack, deployed.connectorName(), "--min-coverage", "50");

            assertThat(strict.exitCode()).as(strict.all()).isEqualTo(1);
            assertThat(strict.out()).containsPattern("FAILED  data\\s+24 rows")
                    .contains(deployed.table().qualified() + ": only 12.5% of its rows could be compared (3 of 24), "
                            + "below --min-coverage 50.0%: earlier events deleted by retention");
        }
    }

    @Test
    @DisplayName("history deleted, then an update the connector skips: the retained window still proves the row "
            + "differs, with key, column and both values")
    void aChangeLostInTheRetainedWindowFails(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "retained_skip").withSeedRows()
                .withConnectorConfig(c -> c.with("skipped.operations", "u")).start()) {
            deleteHistory(deployed);
            write(deployed, 1, "INSERT INTO %s (name, email) VALUES ('Zoe', 'zoe@example.com')");
            // The update is skipped by the connector: only the insert's record arrives.
            write(deployed, 1, "UPDATE %s SET email = 'zoe@example.org' WHERE name = 'Zoe'",
                    "INSERT INTO %s (name, email) VALUES ('Yan', 'yan@example.com')");

            CliRun run = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("PASSED  findings")
                    .containsPattern("FAILED  data\\s+5 rows")
                    .contains("1 row differs (column: table value / topic value): {id=4} (email: 'zoe@example.org' "
                            + "/ 'zoe@example.com')")
                    .contains("compared 2 of 5 rows; 3 not verifiable")
                    .doesNotContain("missing from the topic");
        }
    }

    @Test
    @DisplayName("--resnapshot on a topic whose history is gone: the connector re-reads the table through its signal "
            + "table, every row is compared, the signal row is removed; without a signal channel: exit 3 naming "
            + "the settings to add")
    void resnapshotComparesEveryRow(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "resnap").withSeedRows()
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE TABLE " + self.table("signal").quoted() + " (id VARCHAR(42) PRIMARY "
                                + "KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048))");
                    }
                })
                .withConnectorConfig(c -> c.with("signal.data.collection", "public." + c.name() + "_signal"))
                .start();
             CapturedTable withoutSignals = CapturedTable.on(stack, "resnap_none").withSeedRows().start()) {
            deleteHistory(deployed);
            String signalTable = deployed.table("signal").quoted();

            CliRun run = verify(stack, deployed.connectorName(), "--resnapshot");
            CliRun refused = verify(stack, withoutSignals.connectorName(), "--resnapshot");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("--resnapshot: the data check first has connector "
                            + deployed.connectorName() + " re-read every captured table (an incremental snapshot): "
                            + "consumers of its topics will see op=r events for every row.")
                    .containsPattern("PASSED  data\\s+3 rows\\s+\\S+ s  \\(1 table, 3 events")
                    .contains("INFO re-snapshot through signal table public." + deployed.connectorName()
                            + "_signal: 1 tables, 3 rows re-read in ")
                    .doesNotContain("not verifiable");
            try (Statement sql = deployed.connection().createStatement();
                 ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + signalTable
                         + " WHERE type = 'execute-snapshot'")) {
                rows.next();
                // Debezium's own watermark rows (snapshot-window-open/close) stay, as after any incremental snapshot.
                assertThat(rows.getLong(1)).as("our signal rows left in " + signalTable).isZero();
            }
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
            assertThat(refused.out()).containsPattern("ERROR   data")
                    .contains("--resnapshot sends Debezium's execute-snapshot signal, but connector "
                            + withoutSignals.connectorName() + " has no signal channel. Add signal.data.collection=");
        }
    }

    /** Runs each statement (its {@code %s} the table) and waits until {@code records} more are in the topic. */
    private static void write(CapturedTable deployed, int records, String... statements) throws Exception {
        long expected = recordsEnd(deployed) + records;
        try (Statement sql = deployed.connection().createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(String.format(statement, deployed.table().quoted()));
            }
        }
        await(records + " more records in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100)).until(() -> recordsEnd(deployed) >= expected);
    }

    /** The sum of the partitions' end offsets: how many records the topic ever got (0 before it exists). */
    private static long recordsEnd(CapturedTable deployed) {
        return ConnectorVerify.recordsIn(deployed.stack().kafka(), deployed.topic());
    }

    /** What retention does after {@code retention.ms}: every partition's records so far are gone. */
    private static void deleteHistory(CapturedTable deployed) throws Exception {
        await("the snapshot in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100)).until(() -> recordsEnd(deployed) >= 3);
        Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
        TopicReader.endOffsets(deployed.stack().kafka(), deployed.topic()).forEach((partition, end) ->
                everything.put(new TopicPartition(deployed.topic(), partition), RecordsToDelete.beforeOffset(end)));
        try (Admin admin = Admin.create(deployed.stack().kafka().clientProperties(Map.of()))) {
            admin.deleteRecords(everything).all().get(Waits.scaled(Duration.ofSeconds(30)).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "3s", more);
    }
}
