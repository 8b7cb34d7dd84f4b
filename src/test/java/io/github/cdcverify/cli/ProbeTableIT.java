package io.github.cdcverify.cli;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --connector NAME --probe-table TABLE} on connectors deployed the way a user would: healthy ones in
 * each record format pass and leave the table empty; one that skips updates fails naming the lost updates; a table
 * the probe cannot use is a one-paragraph error, written to not at all.
 */
@PipelineTest
class ProbeTableIT {

    private static final int CHANGES = 60;

    @Test
    @DisplayName("a healthy connector with envelopes: the probe's changes all arrive as written, the table is left empty")
    void envelopePasses(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "probe_env").start()) {
            CliRun run = probe(stack, deployed, deployed.table(), "30s");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  probe\\s+\\d+ changes")
                    .containsPattern("INFO probe " + deployed.table().qualified() + ": wrote " + CHANGES
                            + " changes \\(\\d+ inserts, \\d+ updates, \\d+ deletes\\), then deleted the \\d+ rows "
                            + "left, checked too")
                    .contains("INFO probe: read ")
                    .contains("events of its rows from " + deployed.topic() + " (every partition, from the end "
                            + "offsets taken before writing)")
                    .doesNotContain("flattened");
            assertThat(rowCount(deployed, deployed.table())).isZero();
        }
    }

    @Test
    @DisplayName("healthy flattened records (ExtractNewRecordState, schemaless): deletes as __deleted rewrite, or "
            + "as the tombstones the transform keeps by default, pass; what they cannot show is said")
    void flattenedPasses(CdcStack stack) throws Exception {
        try (CapturedTable rewrite = CapturedTable.on(stack, "probe_flat").withConnectorConfig(c -> unwrap(c,
                "rewrite")).start();
             CapturedTable tombstone = CapturedTable.on(stack, "probe_tomb").withConnectorConfig(c -> unwrap(c,
                     "tombstone")).start()) {
            CliRun rewritten = probe(stack, rewrite, rewrite.table(), "30s");
            CliRun tombstoned = probe(stack, tombstone, tombstone.table(), "30s");

            assertThat(rewritten.exitCode()).as(rewritten.all()).isZero();
            assertThat(rewritten.out()).containsPattern("PASSED  probe\\s+\\d+ changes")
                    .contains("INFO probe: records are row images flattened by transform 'unwrap' "
                            + "(ExtractNewRecordState, delete.tombstone.handling.mode=rewrite): without __op, each "
                            + "key's ops are told by their order")
                    .contains("they carry no before image of updates, no source.lsn and no transaction, so those "
                            + "are not checked")
                    .contains("INFO probe: the connector sends no tombstone after a delete, so none is required");
            assertThat(tombstoned.exitCode()).as(tombstoned.all()).isZero();
            assertThat(tombstoned.out()).containsPattern("PASSED  probe\\s+\\d+ changes")
                    .contains("delete.tombstone.handling.mode=tombstone")
                    .doesNotContain("sends no tombstone");
            assertThat(rowCount(rewrite, rewrite.table())).isZero();
            assertThat(rowCount(tombstone, tombstone.table())).isZero();
        }
    }

    @Test
    @DisplayName("skipped.operations=u: the probe fails naming the lost updates, key by key")
    void skippedUpdatesAreLost(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "probe_skip")
                .withConnectorConfig(c -> c.with("skipped.operations", "u")).start()) {
            CliRun run = probe(stack, deployed, deployed.table(), "5s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  probe\\s+[1-9][\\d,]* changes")
                    .containsPattern("Expecting the stream of \\d+ events to match the ledger of \\d+ committed "
                            + "changes, but")
                    .containsPattern("key \\d+: expected \\[c, u(, u)*, d\\] but received \\[c, d\\] \\(\\d+ lost\\)")
                    .containsPattern("update\\s+\\d+\\s+0\\s+0")
                    .containsPattern("lost \\(\\d+ of \\d+\\): key \\d+ update \\(change #\\d+\\)")
                    .doesNotContain("insert (change #", "delete (change #");
            assertThat(rowCount(deployed, deployed.table())).isZero();
        }
    }

    @Test
    @DisplayName("a probe table the connector does not capture, or that does not exist: a clear error, nothing written")
    void uncapturedTableIsAnError(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "probe_other").beforeConnector((connection, self) -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE " + self.table("other").quoted() + " (id SERIAL PRIMARY KEY, name "
                        + "VARCHAR(100), email VARCHAR(100), created_at TIMESTAMPTZ DEFAULT now())");
            }
        }).start()) {
            TableName other = deployed.table("other");

            CliRun run = probe(stack, deployed, other, "5s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.out()).containsPattern("ERROR   probe\\s+0 changes")
                    .contains("Connector " + deployed.connectorName() + " does not capture probe table "
                            + other.qualified() + " (table.include.list=" + deployed.table().qualified() + "), so "
                            + "nothing the probe writes would reach a topic. Add " + other.qualified() + " to its "
                            + "table.include.list, or name a table it captures with --probe-table.")
                    .doesNotContain("\tat ", "Exception");
            assertThat(rowCount(deployed, other)).isZero();

            TableName missing = deployed.table("missing");
            CliRun absent = probe(stack, deployed, missing, "5s");

            assertThat(absent.out()).contains("Probe table " + missing.qualified() + " does not exist. Create it for "
                    + "the probe (CREATE TABLE " + missing.qualified() + " (id SERIAL PRIMARY KEY, ");
        }
        CliRun withoutConnector = CliRun.of("verify", "--probe-table", "public.users");
        assertThat(withoutConnector.exitCode()).isEqualTo(2);
        assertThat(withoutConnector.err()).contains("--probe-table writes through a deployed connector: add "
                + "--connector NAME.");
    }

    @Test
    @DisplayName("a paused connector: the probe writes nothing and says why")
    void pausedConnectorGetsNoWrites(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "probe_paused").start()) {
            deployed.connect().pause(deployed.connectorName());
            Awaitility.await("connector " + deployed.connectorName() + " PAUSED").atMost(Waits.EVENTS)
                    .until(() -> !deployed.connect().status(deployed.connectorName()).isRunning());

            CliRun run = probe(stack, deployed, deployed.table(), "5s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("ERROR   probe\\s+0 changes")
                    .contains("Connector " + deployed.connectorName() + " and its tasks are not all RUNNING (see the "
                            + "status check), so the probe wrote nothing: its changes could not arrive.");
            try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
                assertThat(topics.exists(deployed.topic())).as("a topic written to (the table starts empty)")
                        .isFalse();
            }
        }
    }

    @Test
    @DisplayName("a probe table without the generator's columns: which are missing, and the CREATE TABLE to use")
    void tableWithoutTheColumnsIsAnError(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "probe_cols").withColumns("id INT PRIMARY KEY, "
                + "label TEXT").start()) {
            String table = deployed.table().qualified();

            CliRun run = probe(stack, deployed, deployed.table(), "5s");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.out()).containsPattern("ERROR   probe\\s+0 changes")
                    .contains("Probe table " + table + " lacks what the probe writes: name, email. The probe inserts "
                            + "rows with name and email text and lets PostgreSQL number them, then updates and "
                            + "deletes them by id. Create a table of this shape for it: CREATE TABLE " + table
                            + " (id SERIAL PRIMARY KEY, name VARCHAR(100), email VARCHAR(100), created_at "
                            + "TIMESTAMPTZ DEFAULT now());")
                    .doesNotContain("\tat ");
            assertThat(rowCount(deployed, deployed.table())).isZero();
        }
    }

    private static DebeziumPostgresConfig unwrap(DebeziumPostgresConfig config, String deletes) {
        return config.with("transforms", "unwrap")
                .with("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState")
                .with("transforms.unwrap.delete.tombstone.handling.mode", deletes)
                .with("key.converter.schemas.enable", "false")
                .with("value.converter.schemas.enable", "false");
    }

    private static long rowCount(CapturedTable deployed, TableName table) throws SQLException {
        try (Statement sql = deployed.connection().createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            count.next();
            return count.getLong(1);
        }
    }

    private static CliRun probe(CdcStack stack, CapturedTable deployed, TableName table, String settle) {
        List<String> args = new ArrayList<>(List.of("verify", "--connector", deployed.connectorName(),
                "--probe-table", table.qualified(), "--changes", String.valueOf(CHANGES), "--settle", settle));
        return CliRun.of(StackArgs.of(args, StackArgs.database(stack), StackArgs.pipeline(stack)));
    }
}
