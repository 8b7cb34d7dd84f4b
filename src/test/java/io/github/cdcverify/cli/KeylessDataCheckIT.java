package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.suite.Waits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data check of tables without a key: under REPLICA IDENTITY FULL compared as multisets of whole rows
 * (duplicate rows included). Without FULL they are named as not compared (DeployedFindingsIT).
 */
@PipelineTest
class KeylessDataCheckIT {

    @Test
    @DisplayName("a keyless REPLICA IDENTITY FULL table with duplicate rows, updated and deleted: passes; an update "
            + "the connector skips fails naming the row on each side")
    void keylessFullTableIsComparedAsAMultisetOfRows(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "keyless_full").withColumns("name TEXT, email TEXT, "
                        + "n INT")
                .withReplicaIdentity(ReplicaIdentity.FULL)
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")).start()) {
            String table = deployed.table().quoted();
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + table + " VALUES ('Ann', 'ann@example.com', 1), "
                        + "('Ann', 'ann@example.com', 1), ('Ann', 'ann@example.com', 1), "
                        + "('Ben', 'ben@example.com', 2), "
                        + "('Cy', NULL, NULL)");
                // One of three equal rows changes, one of the two left is deleted: the topic must say which.
                sql.execute("UPDATE " + table + " SET n = 5 WHERE ctid = (SELECT ctid FROM " + table
                        + " WHERE name = 'Ann' LIMIT 1)");
                sql.execute("DELETE FROM " + table + " WHERE ctid = (SELECT ctid FROM " + table
                        + " WHERE name = 'Ann' AND n = 1 LIMIT 1)");
            }
            awaitRecords(deployed, 5 + 1 + 1);

            CliRun healthy = verify(stack, deployed.connectorName());

            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).containsPattern("PASSED  data\\s+4 rows")
                    .doesNotContain("not compared: " + deployed.table().qualified());

            // One of Ben's events written to the topic a second time: the topic now holds his row twice.
            duplicateRecordOf(deployed, "Ben");
            CliRun duplicated = verify(stack, deployed.connectorName());

            assertThat(duplicated.exitCode()).as(duplicated.all()).isEqualTo(1);
            assertThat(duplicated.out()).containsPattern("FAILED  data\\s+4 rows")
                    .contains("1 row in the topic not in the table: (name='Ben', email='ben@example.com', n='2')")
                    .doesNotContain("in the table not in the topic");
        }
    }

    @Test
    @DisplayName("an update the connector skips on a keyless FULL table: fails naming the row on each side")
    void aSkippedUpdateIsNamedOnBothSides(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "keyless_skip").withColumns("name TEXT, n INT")
                .withReplicaIdentity(ReplicaIdentity.FULL)
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")
                        .with("skipped.operations", "u")).start()) {
            String table = deployed.table().quoted();
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + table + " VALUES ('Ann', 1), ('Ann', 1)");
                sql.execute("UPDATE " + table + " SET n = 2 WHERE ctid = (SELECT ctid FROM " + table + " LIMIT 1)");
                // An insert after the skipped update shows the connector has passed it.
                sql.execute("INSERT INTO " + table + " VALUES ('Ben', 3)");
            }
            awaitRecords(deployed, 3);

            CliRun run = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  data\\s+3 rows")
                    .contains("1 row in the table not in the topic: (name='Ann', n='2')")
                    .contains("1 row in the topic not in the table: (name='Ann', n='1')");
        }
    }

    @Test
    @DisplayName("a keyless FULL table whose update leaves a TOASTed value alone: passes (the value is not lost)")
    void anUnchangedToastedValueOfAKeylessFullTablePasses(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "keyless_toast").withColumns("name TEXT, doc TEXT, n INT")
                .withReplicaIdentity(ReplicaIdentity.FULL)
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        // Stored out of line and uncompressed: TOASTed, as a large document is.
                        sql.execute("ALTER TABLE " + self.table().quoted() + " ALTER COLUMN doc SET STORAGE EXTERNAL");
                    }
                })
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", "10000")).start()) {
            String table = deployed.table().quoted();
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + table + " SELECT 'Ann', string_agg(md5(i::text), '') , 1 "
                        + "FROM generate_series(1, 700) i");
                sql.execute("UPDATE " + table + " SET n = 2");
            }
            awaitRecords(deployed, 2);

            CliRun run = verify(stack, deployed.connectorName());

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).containsPattern("PASSED  data\\s+1 rows?");
            // Why it passes: under FULL, Debezium 3.7 sends the whole value in the update's after, no placeholder.
            assertThat(updateEvent(deployed)).contains("\"n\":2").doesNotContain("__debezium_unavailable_value")
                    .contains("\"doc\":\"c4ca4238a0b923820dcc509a6f75849b");
        }
    }

    /** The value of the topic's one update event, as text. */
    private static String updateEvent(CapturedTable deployed) {
        List<String> updates = new ArrayList<>();
        try (TopicReader<byte[]> reader = TopicReader.of(deployed.stack().kafka(), deployed.topic()).open()) {
            reader.readToEnd(record -> {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                if (value.contains("\"op\":\"u\"")) {
                    updates.add(value);
                }
            }, Waits.EVENTS);
        }
        assertThat(updates).as("update events in " + deployed.topic()).hasSize(1);
        return updates.get(0);
    }

    /** Writes the topic's first create event whose row holds {@code name} again, as a producer retry might. */
    private static void duplicateRecordOf(CapturedTable deployed, String name) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (TopicReader<byte[]> reader = TopicReader.of(deployed.stack().kafka(), deployed.topic()).open()) {
            reader.readToEnd(record -> {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                if (found.isEmpty() && value.contains("\"name\":\"" + name + "\"") && value.contains("\"op\":\"c\"")) {
                    found.add(record);
                }
            }, Waits.EVENTS);
        }
        assertThat(found).as("a create event of " + name).hasSize(1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(deployed.stack().kafka().clientProperties(
                Map.of()), new ByteArraySerializer(), new ByteArraySerializer())) {
            ConsumerRecord<byte[], byte[]> record = found.get(0);
            producer.send(new ProducerRecord<>(deployed.topic(), record.partition(), record.key(), record.value()))
                    .get();
        }
    }

    private static void awaitRecords(CapturedTable deployed, long records) {
        await(records + " records in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ConnectorVerify.recordsIn(deployed.stack().kafka(), deployed.topic()) >= records);
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "2s", more);
    }
}
