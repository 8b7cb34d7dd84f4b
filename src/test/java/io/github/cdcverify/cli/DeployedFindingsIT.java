package io.github.cdcverify.cli;

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
 * Verdicts of {@code verify --connector} that a CI job can rely on: each setting that drops or changes records fails
 * the findings check, naming the setting and what it does, until it is accepted by name; a connector that captures
 * nothing, or whose tables cannot be compared, is "could not check" (exit 3), never a pass.
 */
@PipelineTest
class DeployedFindingsIT {

    @Test
    @DisplayName("errors.tolerance=all, event.processing.failure.handling.mode=skip, slot.drop.on.stop, a Filter, "
            + "MaskField and Cast transform, REPLICA IDENTITY NOTHING: LOSES DATA each (exit 1); all accepted: exit 0")
    void connectSettingsAndTransformsThatDropRecords(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "lossy_transforms")
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("ALTER TABLE " + self.table().quoted() + " REPLICA IDENTITY NOTHING");
                    }
                })
                .withConnectorConfig(c -> c.with("errors.tolerance", "all")
                        .with("errors.deadletterqueue.topic.name", "cdcv_dlq")
                        .with("event.processing.failure.handling.mode", "skip")
                        .with("slot.drop.on.stop", "true")
                        .with("predicates", "tombstones")
                        .with("predicates.tombstones.type",
                                "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")
                        .with("transforms", "drop,hide,cast")
                        .with("transforms.drop.type", "org.apache.kafka.connect.transforms.Filter")
                        .with("transforms.drop.predicate", "tombstones")
                        .with("transforms.hide.type", "org.apache.kafka.connect.transforms.MaskField$Value")
                        .with("transforms.hide.fields", "ts_ms")
                        .with("transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value")
                        .with("transforms.cast.spec", "ts_ms:string")).start()) {
            String table = deployed.table().qualified();

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  findings\\s+8 findings")
                    .contains("LOSES DATA errors.tolerance=all: a record that a transform or converter fails on is "
                            + "skipped without failing the task, so it never reaches the topic; errors."
                            + "deadletterqueue.topic.name=cdcv_dlq does not keep it")
                    .contains("LOSES DATA event.processing.failure.handling.mode=skip: a change Debezium cannot "
                            + "process is skipped instead of stopping the connector")
                    .contains("LOSES DATA slot.drop.on.stop=true: the replication slot is dropped whenever the "
                            + "connector stops")
                    .contains("LOSES DATA transforms.drop=Filter: drops records: they never reach the topic (for "
                            + "records matching predicate tombstones = RecordIsTombstone)")
                    .contains("LOSES DATA transforms.hide=MaskField$Value: replaces the values of fields ts_ms")
                    .contains("LOSES DATA transforms.cast=Cast$Value: changes the types of fields (ts_ms:string)")
                    .contains("LOSES DATA " + table + ": has REPLICA IDENTITY NOTHING: PostgreSQL refuses its "
                            + "updates and deletes while it is published")
                    .contains("accept it by name: --accept errors.tolerance --accept "
                            + "event.processing.failure.handling.mode --accept slot.drop.on.stop --accept "
                            + "transforms.drop --accept transforms.hide --accept transforms.cast --accept " + table);

            CliRun accepted = verify(stack, deployed.connectorName(), "--accept", table, "--accept",
                    "errors.tolerance", "--accept", "event.processing.failure.handling.mode", "--accept",
                    "slot.drop.on.stop", "--accept", "transforms");

            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
            assertThat(accepted.out()).containsPattern("PASSED  findings\\s+8 findings")
                    .contains("ACCEPTED transforms.drop=Filter: drops records").doesNotContain("LOSES DATA");
        }
    }

    @Test
    @DisplayName("tombstones.on.delete=false on a compacted topic: LOSES DATA (exit 1); accepted: exit 0")
    void compactedTopicWithoutTombstones(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "compacted").withSeedRows()
                .withConnectorConfig(c -> c.with("tombstones.on.delete", "false")
                        .with("topic.creation.default.cleanup.policy", "compact")
                        .with("heartbeat.interval.ms", "10000")).start()) {
            deployed.awaitTopic();
            await("the snapshot's 3 rows in " + deployed.topic()).atMost(Waits.RUNNING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ConnectorVerify.recordsIn(stack.kafka(), deployed.topic()) >= 3);

            CliRun run = verify(stack, deployed.connectorName());
            CliRun accepted = verify(stack, deployed.connectorName(), "--accept", "tombstones.on.delete");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  findings")
                    .contains("LOSES DATA tombstones.on.delete=false: deletes leave no tombstone on a compacted "
                            + "topic: compaction never removes a deleted key, so the topic keeps deleted rows forever")
                    .contains("INFO " + deployed.topic() + " is compacted (cleanup.policy=compact)");
            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        }
    }

    @Test
    @DisplayName("a publication that publishes inserts only, some rows (WHERE) and some columns: LOSES DATA each")
    void publicationThatPublishesPartOfTheTable(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "partial_pub")
                .withReplicaIdentity(ReplicaIdentity.FULL)
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE PUBLICATION \"" + self.connectorName() + "_pub\" FOR TABLE "
                                + self.table().quoted() + " (id, name) WHERE (id > 100) WITH (publish = 'insert')");
                    }
                })
                .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled")
                        .with("heartbeat.interval.ms", "10000")).start()) {
            String table = deployed.table().qualified();
            String publication = deployed.connectorName() + "_pub";

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  findings\\s+3 findings")
                    .contains("LOSES DATA publication " + publication + ": does not publish updates and deletes "
                            + "(its publish parameter): they never reach the topic")
                    .contains("LOSES DATA " + table + ": publication " + publication + " publishes only its rows "
                            + "WHERE (id > 100): changes to other rows never reach the topic")
                    .contains("LOSES DATA " + table + ": publication " + publication + " publishes only the columns "
                            + "id, name: the others never reach the topic in streamed changes");

            CliRun accepted = verify(stack, deployed.connectorName(), "--accept", "publication", "--accept", table);

            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        }
    }

    @Test
    @DisplayName("a connector whose include list matches no table: could not check (exit 3), never PASSED 0 rows")
    void connectorCapturingNothingCannotBeChecked(CdcStack stack) {
        try (CapturedTable deployed = CapturedTable.on(stack, "captures_nothing")
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE PUBLICATION \"" + self.connectorName() + "_pub\" FOR TABLE "
                                + self.table().quoted());
                    }
                })
                .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled")
                        .with("table.include.list", "public.cdcv_no_such_table_anywhere")).start()) {
            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.out()).containsPattern("ERROR   data\\s+0 rows")
                    .contains("Connector " + deployed.connectorName() + " captures no table of database "
                            + stack.postgres().database() + ": its table.include.list=public.cdcv_no_such_table_"
                            + "anywhere match none of its tables, so there is nothing to compare.")
                    .contains("1 of 3 checks could not check the pipeline (ERROR).")
                    .doesNotContain("PASSED  data");
        }
    }

    @Test
    @DisplayName("a database of keyless tables without REPLICA IDENTITY FULL: data could compare nothing, exit 3 "
            + "(under FULL they are compared as multisets of rows: KeylessDataCheckIT)")
    void keylessTablesOnlyCannotBeChecked(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "keyless_only").withColumns("name TEXT, email TEXT")
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")).start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table().quoted() + " VALUES ('Ann', 'ann@example.com')");
            }
            deployed.awaitTopic();

            // Its finding (PostgreSQL refuses its updates and deletes) is accepted: this test is about the data check.
            CliRun run = verify(stack, deployed.connectorName(), "--accept", deployed.table().qualified());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.out()).containsPattern("PASSED  findings")
                    .contains("WARN not compared: " + deployed.table().qualified() + " (no primary key and no "
                            + "message.key.columns: its events have no key to fold by, and without REPLICA IDENTITY "
                            + "FULL its updates and deletes do not carry the whole old row, so it cannot be compared "
                            + "as a multiset of rows either)")
                    .containsPattern("ERROR   data\\s+0 rows")
                    .contains("Could compare no table of connector " + deployed.connectorName() + ": "
                            + deployed.table().qualified() + " (no primary key and no message.key.columns: its events "
                            + "have no key to fold by, and without REPLICA IDENTITY FULL").contains("Nothing was "
                            + "checked, so this is no pass.");
        }
    }

    @Test
    @DisplayName("a keyless table with message.key.columns: folded and compared by those columns; a change the "
            + "connector skips fails with that key")
    void messageKeyColumnsMakeAKeylessTableComparable(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "msg_key").withColumns("name TEXT, email TEXT")
                .withReplicaIdentity(ReplicaIdentity.FULL)
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")
                        .with("message.key.columns", "public\\." + c.name() + ":email")
                        .with("skipped.operations", "u")).start()) {
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table().quoted() + " VALUES ('Ann', 'ann@example.com'), "
                        + "('Ben', 'ben@example.com')");
            }
            deployed.awaitTopic();

            CliRun healthy = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("UPDATE " + deployed.table().quoted() + " SET name = 'Anne' "
                        + "WHERE email = 'ann@example.com'");
            }
            CliRun skipped = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");

            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).containsPattern("PASSED  data\\s+2 rows\\s+\\S+ s  \\(1 table, ");
            assertThat(skipped.exitCode()).as(skipped.all()).isEqualTo(1);
            assertThat(skipped.out()).contains("1 row differs (column: table value / topic value): "
                    + "{email=ann@example.com} (name: 'Anne' / 'Ann')");
        }
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "2s", more);
    }
}
