package io.github.cdcverify.cli;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code verify --connector NAME} on connectors deployed the way a user would, each broken one way on purpose: the
 * check that must catch it fails (or warns) with the words that say what happened to the data.
 */
@PipelineTest
class DeployedConnectorIT {

    private static final String NUMERIC_COLUMNS = "id INT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), "
            + "name TEXT, email TEXT";

    @Test
    @DisplayName("a healthy connector (key, REPLICA IDENTITY FULL, heartbeats): status and findings pass, slot shown")
    void healthyConnectorPasses(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_ok").withReplicaIdentity(ReplicaIdentity.FULL)
                .withSeedRows().withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")).start()) {
            writeInsertUpdateDelete(deployed);

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  status\\s+1 tasks")
                    .containsPattern("PASSED  findings\\s+0 findings")
                    .containsPattern("PASSED  data\\s+3 rows")
                    .contains("INFO " + deployed.table().qualified() + ": 3 rows, ")
                    .contains("INFO slot " + deployed.slotName() + ": active, confirmed up to ")
                    .contains("INFO captured tables: " + deployed.table().qualified())
                    .doesNotContain("WARN ");
        }
    }

    @Test
    @DisplayName("settings that lose or change data: LOSES DATA each, failing findings (exit 1); --accept each "
            + "by name: ACCEPTED, passing; advice stays a WARN that fails only with --fail-on-warnings")
    void settingsThatLoseDataFailUnlessAccepted(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_lossy").withColumns(NUMERIC_COLUMNS)
                .withConnectorConfig(c -> c.with("skipped.operations", "u,t")
                        .with("tombstones.on.delete", "false")
                        .with("decimal.handling.mode", "double")
                        .with("time.precision.mode", "connect")
                        .with("column.exclude.list", "public.cdcv_deployed_lossy_.*\\.email")
                        .with("snapshot.mode", "no_data")).start()) {
            String table = deployed.table().qualified();

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  findings\\s+8 findings")
                    .containsPattern("PASSED  data\\s+0 rows")
                    .contains("INFO " + table + ": 0 rows, and no topic " + deployed.topic() + " yet: consistent")
                    .contains("LOSES DATA skipped.operations=u,t: updates are never sent: the topic misses them")
                    .contains("WARN tombstones.on.delete=false: deletes leave no tombstone: harmless while the "
                            + "topics are not compacted")
                    .contains("LOSES DATA decimal.handling.mode=double: " + table + ".amount is numeric(30,10), "
                            + "but a double holds 15 significant digits: its values are rounded in the topic")
                    .contains("LOSES DATA time.precision.mode=connect: " + table + ".at is timestamp without time "
                            + "zone with microseconds, but the topic keeps milliseconds")
                    .contains("LOSES DATA column.exclude.list=public.cdcv_deployed_lossy_.*\\.email: these columns "
                            + "never reach the topic")
                    .contains("LOSES DATA snapshot.mode=no_data: rows that existed before the connector started "
                            + "streaming never reach the topic")
                    .contains("WARN heartbeat.interval.ms: not set")
                    .contains("WARN " + table + ": has REPLICA IDENTITY DEFAULT: updates carry no before image")
                    .contains("5 findings lose or change data (LOSES DATA above). If one is deliberate (a PII "
                            + "column left out, say), accept it by name: --accept skipped.operations --accept "
                            + "column.exclude.list --accept snapshot.mode --accept decimal.handling.mode --accept "
                            + "time.precision.mode")
                    .contains("1 of 3 checks failed.");

            CliRun accepted = verify(stack, deployed.connectorName(), "--accept", "column.exclude.list",
                    "--accept", "decimal.handling.mode", "--accept", "skipped.operations", "--accept",
                    "snapshot.mode", "--accept", "TIME.PRECISION.MODE");

            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
            assertThat(accepted.out()).containsPattern("PASSED  findings\\s+8 findings")
                    .contains("ACCEPTED skipped.operations=u,t: updates are never sent: the topic misses them, and "
                            + "whoever reads it keeps rows as they were before (--accept skipped.operations)")
                    .contains("ACCEPTED column.exclude.list=public.cdcv_deployed_lossy_.*\\.email: these columns "
                            + "never reach the topic (--accept column.exclude.list)")
                    .doesNotContain("LOSES DATA")
                    .contains("All 3 checks passed.");

            CliRun strict = verify(stack, deployed.connectorName(), "--accept", "column", "--accept",
                    "decimal.handling.mode", "--accept", "skipped.operations", "--accept", "snapshot.mode",
                    "--accept", "time.precision.mode", "--fail-on-warnings");

            assertThat(strict.exitCode()).as(strict.all()).isEqualTo(1);
            assertThat(strict.out()).containsPattern("FAILED  findings\\s+8 findings")
                    .contains("3 warnings (see above), and --fail-on-warnings makes warnings fail");
        }
    }

    @Test
    @DisplayName("a publication that does not cover the captured table: named, with what it loses")
    void publicationMissingTheTable(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_pub")
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE TABLE " + self.table("other").quoted() + " (id INT PRIMARY KEY)");
                        sql.execute("CREATE PUBLICATION \"" + self.connectorName() + "_pub\" FOR TABLE "
                                + self.table("other").quoted());
                    }
                })
                .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled")).start()) {
            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).contains("LOSES DATA " + deployed.table().qualified() + ": captured by the include "
                    + "list but not published by publication " + deployed.connectorName() + "_pub: the snapshot reads "
                    + "it, but none of its later changes reach the topic")
                    .contains("WARN publication " + deployed.connectorName() + "_pub: publishes "
                            + deployed.table("other").qualified() + ", which the connector does not capture");
        }
    }

    @Test
    @DisplayName("a paused connector fails the status check with its state and worker")
    void pausedConnectorFails(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_paused").start()) {
            deployed.connect().pause(deployed.connectorName());
            await("connector " + deployed.connectorName() + " PAUSED")
                    .atMost(Waits.EVENTS)
                    .until(() -> "PAUSED".equals(deployed.connect().status(deployed.connectorName()).state()));

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  status\\s+1 tasks")
                    .contains("Connector " + deployed.connectorName() + " is PAUSED on worker ")
                    .contains("Nothing is captured while it is PAUSED: PUT /connectors/" + deployed.connectorName()
                            + "/resume to go on.");
        }
    }

    @Test
    @DisplayName("a connector that is not there: the connectors that are, and the option")
    void missingConnectorIsNamed(CdcStack stack) {
        CliRun run = verify(stack, "cdcv_no_such_connector");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).contains("There is no connector 'cdcv_no_such_connector' on Kafka Connect at "
                + stack.connectUrl()).contains("Give the name of the deployed connector with --connector.");
    }

    @Test
    @DisplayName("--connector with a fresh stack, or --table without --connector: usage errors")
    void usageErrors() {
        assertThat(CliRun.of("verify", "--connector", "x", "--stack", "embedded").exitCode()).isEqualTo(2);
        CliRun tableAlone = CliRun.of("verify", "--table", "public.users");
        assertThat(tableAlone.exitCode()).isEqualTo(2);
        assertThat(tableAlone.err()).contains("--table, --topic, --accept, --min-coverage, --resnapshot and "
                + "--fail-on-warnings apply to a deployed connector: add --connector NAME.");
        assertThat(CliRun.of("verify", "--connector", "x", "--min-coverage", "101").err())
                .contains("'101' is not a percentage from 0 to 100");
        assertThat(CliRun.of("verify", "--accept", "skipped.operations").exitCode()).isEqualTo(2);
    }

    @Test
    @DisplayName("data: updates skipped by the connector show as rows that differ, with key, column and both values")
    void skippedUpdatesDiffer(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "deployed_skip").withSeedRows()
                .withConnectorConfig(c -> c.with("skipped.operations", "u")).start()) {
            writeInsertUpdateDelete(deployed);

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  data\\s+3 rows")
                    .contains("What reached the topics differs from the tables:")
                    .contains(deployed.table().qualified() + " (topic " + deployed.topic() + ", 3 rows, ")
                    .contains("1 row differs (column: table value / topic value): {id=2} (email: "
                            + "'bob@example.org' / 'bob@example.com')")
                    .contains("still so after re-reading both for 2 s");
        }
    }

    @Test
    @DisplayName("data: flattened records (ExtractNewRecordState), schemaless JSON: pass with __deleted rewrite; "
            + "deletes dropped leave rows in the topic")
    void flattenedRecords(CdcStack stack) throws Exception {
        try (CapturedTable rewrite = CapturedTable.on(stack, "deployed_flat").withSeedRows()
                .withConnectorConfig(c -> unwrap(c, "rewrite")).start();
             CapturedTable drop = CapturedTable.on(stack, "deployed_drop").withSeedRows()
                     .withConnectorConfig(c -> unwrap(c, "drop")).start()) {
            writeInsertUpdateDelete(rewrite);
            writeInsertUpdateDelete(drop);

            CliRun healthy = verify(stack, rewrite.connectorName());
            CliRun dropped = verify(stack, drop.connectorName());

            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).containsPattern("PASSED  findings\\s+2 findings")
                    .containsPattern("PASSED  data\\s+3 rows\\s+\\S+ s  \\(1 table, \\d+ events, \\d+ keys "
                            + "re-checked\\)");
            assertThat(dropped.exitCode()).as(dropped.all()).isEqualTo(1);
            assertThat(dropped.out()).containsPattern("FAILED  data")
                    .contains("LOSES DATA transforms.unwrap=ExtractNewRecordState: with delete.tombstone.handling.mode"
                            + "=drop, deletes and their tombstones never reach the topic")
                    .contains("1 row still in the topic but deleted from the table: {id=1}");
        }
    }

    private static io.github.cdcverify.connect.DebeziumPostgresConfig unwrap(
            io.github.cdcverify.connect.DebeziumPostgresConfig config, String deletes) {
        return config.with("transforms", "unwrap")
                .with("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState")
                .with("transforms.unwrap.delete.tombstone.handling.mode", deletes)
                .with("key.converter.schemas.enable", "false")
                .with("value.converter.schemas.enable", "false");
    }

    /**
     * On the seed rows Alice (1), Bob (2), Charlie (3): Dora inserted, Bob's email changed, Alice deleted. Only once
     * the snapshot's three records are in the topic: a snapshot still reading the table could otherwise miss Alice
     * and her dropped delete would go unnoticed (seen once on 3 brokers / 2 workers).
     */
    private static void writeInsertUpdateDelete(CapturedTable deployed) throws Exception {
        await("the snapshot's 3 records in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> TopicReader.endOffsets(deployed.stack().kafka(), deployed.topic()).values().stream()
                        .mapToLong(Long::longValue).sum() >= 3);
        String table = deployed.table().quoted();
        try (Statement sql = deployed.connection().createStatement()) {
            sql.execute("INSERT INTO " + table + " (name, email) VALUES ('Dora', 'dora@example.com')");
            sql.execute("UPDATE " + table + " SET email = 'bob@example.org' WHERE id = 2");
            sql.execute("DELETE FROM " + table + " WHERE id = 1");
        }
        deployed.awaitTopic();
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "2s", more);
    }
}
