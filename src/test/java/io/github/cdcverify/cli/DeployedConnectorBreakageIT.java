package io.github.cdcverify.cli;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code verify --connector NAME} on deployed connectors broken one more way each (a task failing at run time, rows
 * that existed before a {@code no_data} snapshot, TOAST placeholders, a lossy decimal mode), and on healthy shapes
 * that must pass (several partitions, a table written to while it is checked).
 */
@PipelineTest
class DeployedConnectorBreakageIT {

    /** 22,400 characters of hex from md5: random enough that PostgreSQL stores it out of line (TOAST). */
    private static final String TOASTED_TEXT = "(SELECT string_agg(md5(random()::text || n), '') "
            + "FROM generate_series(1, 700) n)";
    private static final String TOAST_COLUMNS = "id INT PRIMARY KEY, name TEXT, doc TEXT";

    @Test
    @DisplayName("a task failing at run time (its publication dropped, the task restarted): status FAILED with the "
            + "worker, the root cause and the fix; the connector's password never shown")
    void taskFailingAtRunTime(CdcStack stack) throws Exception {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String role = "cdcv_failing_" + random;
        String password = "Pw-" + random + "-Zq";
        try (Connection admin = PostgresConnections.open(stack.postgres());
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + role + " WITH SUPERUSER REPLICATION LOGIN PASSWORD '" + password + "'");
            try (CapturedTable deployed = CapturedTable.on(stack, "deployed_failing")
                    .beforeConnector((connection, self) -> {
                        try (Statement create = connection.createStatement()) {
                            create.execute("CREATE PUBLICATION \"" + self.connectorName() + "_pub\" FOR TABLE "
                                    + self.table().quoted());
                        }
                    })
                    .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled")
                            .with("database.user", role).with("database.password", password)
                            .with("errors.max.retries", "0")).start()) {
                String name = deployed.connectorName();
                sql.execute("DROP PUBLICATION \"" + deployed.publicationName() + "\"");
                deployed.connect().restart(name, true, false);
                await("task of " + name + " FAILED after its publication was dropped")
                        .atMost(Waits.RUNNING)
                        .until(() -> deployed.connect().status(name).isFailed());

                CliRun run = verify(stack, name, "3s");

                assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
                assertThat(run.out()).containsPattern("FAILED  status\\s+1 tasks")
                        .contains("Connector " + name + " is RUNNING on worker ")
                        .containsPattern("task 0 is FAILED on worker \\S+: org.apache.kafka.connect.errors."
                                + "ConnectException: An exception occurred in the change event producer. This "
                                + "connector will be stopped. \\| root cause: org.apache.kafka.connect.errors."
                                + "ConnectException: Publication autocreation is disabled, please create one and "
                                + "restart the connector.")
                        .contains("Fix the cause, then restart it: POST /connectors/" + name
                                + "/restart?includeTasks=true&onlyFailed=true.");
                assertThat(run.all()).doesNotContain(password);
            } finally {
                sql.execute("DROP OWNED BY " + role);
                sql.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    @DisplayName("TOAST under REPLICA IDENTITY DEFAULT: an update that leaves a large text alone sends the "
            + "placeholder; the fold keeps the earlier value, so data passes and says so")
    void toastPlaceholderKeepsTheEarlierValue(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_toast").withColumns(TOAST_COLUMNS).start()) {
            String table = deployed.table().quoted();
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + table + " VALUES (1, 'first', " + TOASTED_TEXT + ")");
                sql.execute("UPDATE " + table + " SET name = 'second' WHERE id = 1");
            }
            deployed.awaitTopic();

            CliRun run = verify(stack, deployed.connectorName(), "3s");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  data\\s+1 rows")
                    .contains("INFO " + deployed.table().qualified() + ": 1 unchanged TOASTed values arrived as "
                            + "the placeholder __debezium_unavailable_value (REPLICA IDENTITY DEFAULT); each was "
                            + "taken from its key's earlier event, as a consumer keeping a copy must");
        }
    }

    @Test
    @DisplayName("snapshot.mode=no_data after rows exist: rows missing; a TOAST placeholder with no earlier value of "
            + "its key: named as unavailable")
    void noDataSnapshotAndAPlaceholderWithoutEarlierValue(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_nodata").withColumns(TOAST_COLUMNS)
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("INSERT INTO " + self.table().quoted() + " SELECT n, 'before', " + TOASTED_TEXT
                                + " FROM generate_series(1, 3) n");
                    }
                })
                .withConnectorConfig(c -> c.with("snapshot.mode", "no_data")).start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("UPDATE " + deployed.table().quoted() + " SET name = 'after' WHERE id = 2");
            }
            deployed.awaitTopic();

            CliRun run = verify(stack, deployed.connectorName(), "3s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).contains("LOSES DATA snapshot.mode=no_data: rows that existed before the connector "
                            + "started streaming never reach the topic")
                    .containsPattern("FAILED  data\\s+3 rows")
                    .contains("2 rows missing from the topic (in the table, not in the topic): {id=1}, {id=3}")
                    .containsPattern("1 row differs \\(column: table value / topic value\\): \\{id=2\\} \\(doc: "
                            + "'[0-9a-f]{57}\\.\\.\\.' \\(22400 characters\\) / unavailable \\(only the placeholder "
                            + "of an unchanged TOASTed value, and no earlier event of this key holds the value\\)\\)");
        }
    }

    @Test
    @DisplayName("decimal.handling.mode=double on numeric(30,10): a WARN, and data fails on the value a double "
            + "cannot hold while one it can hold agrees")
    void lossyDecimalMode(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_double")
                .withColumns("id INT PRIMARY KEY, amount NUMERIC(30,10)")
                .withConnectorConfig(c -> c.with("decimal.handling.mode", "double")).start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table().quoted() + " VALUES (1, 1.5), "
                        + "(2, 12345678901234567890.0123456789)");
            }
            deployed.awaitTopic();

            CliRun run = verify(stack, deployed.connectorName(), "3s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).contains("LOSES DATA decimal.handling.mode=double: " + deployed.table().qualified()
                            + ".amount is numeric(30,10), but a double holds 15 significant digits")
                    .containsPattern("FAILED  data\\s+2 rows")
                    .contains("1 row differs (column: table value / topic value): {id=2} (amount: "
                            + "'12345678901234567890.0123456789' / '1.2345678901234567E19')");
        }
    }

    @Test
    @DisplayName("a healthy connector whose topic has 3 partitions: data passes")
    void multiPartitionTopicPasses(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_parts").withSeedRows()
                .withConnectorConfig(c -> c.with("topic.creation.default.partitions", "3")).start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table().quoted() + " (name, email) SELECT 'user' || n, "
                        + "'user' || n || '@example.com' FROM generate_series(1, 30) n");
                sql.execute("UPDATE " + deployed.table().quoted() + " SET email = 'new' || id || '@example.com' "
                        + "WHERE id % 3 = 0");
                sql.execute("DELETE FROM " + deployed.table().quoted() + " WHERE id % 5 = 0");
            }
            deployed.awaitTopic();

            CliRun run = verify(stack, deployed.connectorName(), "3s");

            assertThat(partitions(stack, deployed.topic())).isEqualTo(3);
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  data\\s+27 rows")
                    .contains("INFO " + deployed.table().qualified() + ": 27 rows, ");
        }
    }

    @Test
    @DisplayName("a busy table (~150 changes/s while it is checked): data passes and says how many keys it re-checked")
    void busyTablePasses(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_busy").withSeedRows().start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table().quoted() + " (name, email) SELECT 'user' || n, "
                        + "'user' || n || '@example.com' FROM generate_series(1, 200) n");
            }
            deployed.awaitTopic();
            CliRun run;
            try (BusyWriter writer = BusyWriter.start(stack, deployed.table(), 203, 150)) {
                // Busy before the check begins: a fast check may take less than a second.
                await("the writer's first 50 updates").atMost(Waits.SHORT)
                        .until(() -> writer.changes() >= 50);
                long before = writer.changes();
                run = verify(stack, deployed.connectorName(), "30s");
                assertThat(writer.changes() - before).as("changes written while the check ran").isPositive();
            }

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  data\\s+203 rows")
                    .containsPattern("INFO " + deployed.table().qualified() + ": 203 rows, \\d+ events in "
                            + deployed.topic() + ", [1-9]\\d* keys re-checked")
                    .containsPattern("INFO WAL position at the start [0-9A-F]+/[0-9A-F]+: (slot "
                            + deployed.slotName() + " confirmed it after \\d+\\.\\d s, so the keys re-checked saw "
                            + "every change committed before the check began|no key differed, so there was nothing "
                            + "to wait for)");
        }
    }

    private static int partitions(CdcStack stack, String topic) {
        return TopicReader.endOffsets(stack.kafka(), topic).size();
    }

    private static CliRun verify(CdcStack stack, String connector, String settle) {
        return ConnectorVerify.run(stack, connector, settle);
    }
}
