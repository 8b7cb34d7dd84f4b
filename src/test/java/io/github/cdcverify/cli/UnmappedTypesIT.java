package io.github.cdcverify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data check on columns of types Debezium has no mapping for: left out of its events under
 * {@code include.unknown.datatypes=false} (named with their type and the setting, never lost), sent as the bytes of
 * their text under {@code true} (compared), or sent in neither mode or with a value of Debezium's own (named as not
 * comparable, with the reason).
 */
@PipelineTest
class UnmappedTypesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR = "cdcv_unmapped_pair";
    private static final String COLUMNS = "id INT PRIMARY KEY, note TEXT, c_pg_lsn PG_LSN, c_tsquery TSQUERY, "
            + "c_multirange INT4MULTIRANGE, c_regclass REGCLASS, c_pair " + PAIR + ", c_interval_array INTERVAL[], "
            + "c_int2vector INT2VECTOR, c_name NAME";
    private static final String VALUES = "'a', '16/B374D848', 'fat & rat'::tsquery, '{[1,3),[5,7)}', 'pg_class', "
            + "ROW(1, 'x'), ARRAY['1 day'::interval], '1 2 3'::int2vector, 'a_name'";

    @Test
    @DisplayName("include.unknown.datatypes=false (the default): the name column's streamed nulls are LOSES DATA "
            + "(exit 1, 0 when accepted); the data check passes, each left-out column named with its type and the "
            + "setting")
    void columnsDebeziumLeavesOutAreNamed(CdcStack stack) throws Exception {
        createPairType(stack);
        try (CapturedTable deployed = table(stack, "unmapped_default", false)) {
            insertAfterSnapshot(deployed);

            CliRun run = ConnectorVerify.run(stack, deployed.connectorName(), "3s");
            CliRun accepted = ConnectorVerify.run(stack, deployed.connectorName(), "3s", "--accept",
                    "include.unknown.datatypes");

            String table = deployed.table().qualified();
            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  findings")
                    .contains("LOSES DATA include.unknown.datatypes=false: " + table + ".c_name is of type name, "
                            + "which Debezium streams as null: every streamed change shows it empty (only the "
                            + "snapshot carries its values); include.unknown.datatypes=true sends them");
            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
            assertThat(accepted.out()).containsPattern("PASSED  findings")
                    .contains("ACCEPTED include.unknown.datatypes=false: " + table + ".c_name is of type name");
            assertThat(run.out()).containsPattern("PASSED  data\\s+2 rows")
                    .doesNotContain("never in the topic")
                    .contains("INFO " + table + ".c_pg_lsn (pg_lsn) is not in the topic: Debezium has no mapping for "
                            + "type pg_lsn and leaves such columns out of its events while "
                            + "include.unknown.datatypes=false (the default); with include.unknown.datatypes=true it "
                            + "sends each value's text as bytes, which this check compares")
                    .contains("INFO " + table + ".c_tsquery (tsquery) is not in the topic: Debezium has no mapping")
                    .contains("INFO " + table + ".c_multirange (int4multirange) is not in the topic")
                    .contains("INFO " + table + ".c_regclass (regclass) is not in the topic")
                    .contains("INFO " + table + ".c_pair (" + PAIR + ") is not in the topic")
                    .contains("INFO " + table + ".c_interval_array (interval[]) is not in the topic: Debezium sends "
                            + "no column of type interval[], whatever include.unknown.datatypes says, so it cannot "
                            + "be compared")
                    .contains("INFO " + table + ".c_int2vector (int2vector) is not compared: Debezium sends an empty "
                            + "array for every int2vector value")
                    .contains("INFO " + table + ".c_name (name) is not compared: Debezium streams no name value "
                            + "while include.unknown.datatypes=false (the default): null, or an empty string in a key "
                            + "column, the value only in snapshot events; with include.unknown.datatypes=true it sends "
                            + "every value, which this check compares");
            // What the INFO line says, as Debezium 3.7 does it: the snapshot's value, the streamed insert's null.
            assertThat(namesInTopic(stack, deployed)).containsExactlyInAnyOrder("a_name", null);
        } finally {
            dropPairType(stack);
        }
    }

    @Test
    @DisplayName("include.unknown.datatypes=true: the values Debezium sends as bytes of their text are compared: "
            + "passes, and an update the connector skips fails naming column, table value and topic value")
    void columnsSentAsBytesAreCompared(CdcStack stack) throws Exception {
        createPairType(stack);
        try (CapturedTable deployed = table(stack, "unmapped_included", true)) {
            insertAfterSnapshot(deployed);

            CliRun healthy = ConnectorVerify.run(stack, deployed.connectorName(), "3s", "--accept",
                    "skipped.operations");

            String table = deployed.table().qualified();
            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).containsPattern("PASSED  data\\s+2 rows")
                    .doesNotContain("never in the topic")
                    .doesNotContain(".c_pg_lsn (").doesNotContain(".c_tsquery (").doesNotContain(".c_pair (")
                    .doesNotContain(".c_multirange (").doesNotContain(".c_regclass (")
                    .contains("INFO " + table + ".c_interval_array (interval[]) is not in the topic: Debezium sends "
                            + "no column of type interval[]")
                    .doesNotContain(".c_name (");
            assertThat(namesInTopic(stack, deployed)).containsExactlyInAnyOrder("a_name", "a_name");

            try (Statement sql = deployed.connection().createStatement()) {
                sql.executeUpdate("UPDATE " + deployed.table().quoted() + " SET c_pg_lsn = '0/1', "
                        + "c_pair = ROW(2, 'y'), c_name = 'renamed' WHERE id = 2");
                // The skipped update sends nothing; an insert after it shows the connector has passed it.
                sql.executeUpdate("INSERT INTO " + deployed.table().quoted() + " VALUES (3, " + VALUES + ")");
            }
            awaitRecords(stack, deployed, 3);
            CliRun broken = ConnectorVerify.run(stack, deployed.connectorName(), "3s", "--accept",
                    "skipped.operations");

            assertThat(broken.exitCode()).as(broken.all()).isEqualTo(1);
            assertThat(broken.out()).containsPattern("FAILED  data\\s+3 rows")
                    .contains("1 row differs (column: table value / topic value): {id=2} (c_pg_lsn: '0/1' / "
                            + "'MTYvQjM3NEQ4NDg=', c_pair: '(2,y)' / 'KDEseCk=', c_name: 'renamed' / 'a_name')");
        } finally {
            dropPairType(stack);
        }
    }

    /** Row 1 before the connector (snapshot), row 2 after it (streamed). */
    private static CapturedTable table(CdcStack stack, String label, boolean includeUnknown) {
        return CapturedTable.on(stack, label).withColumns(COLUMNS)
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("INSERT INTO " + self.table().quoted() + " VALUES (1, " + VALUES + ")");
                    }
                })
                .withConnectorConfig(c -> includeUnknown ? c.with("include.unknown.datatypes", "true")
                        .with("skipped.operations", "u") : c)
                .start();
    }

    private static void insertAfterSnapshot(CapturedTable deployed) throws SQLException {
        awaitRecords(deployed.stack(), deployed, 1);
        try (Statement sql = deployed.connection().createStatement()) {
            sql.executeUpdate("INSERT INTO " + deployed.table().quoted() + " VALUES (2, " + VALUES + ")");
        }
        awaitRecords(deployed.stack(), deployed, 2);
    }

    private static void awaitRecords(CdcStack stack, CapturedTable deployed, long records) {
        await(records + " records in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ConnectorVerify.recordsIn(stack.kafka(), deployed.topic()) >= records);
    }

    /** The {@code c_name} of each event's row image (null when null or absent). */
    private static List<String> namesInTopic(CdcStack stack, CapturedTable deployed) {
        List<String> names = new ArrayList<>();
        try (TopicReader<byte[]> reader = TopicReader.of(stack.kafka(), deployed.topic()).open()) {
            reader.readToEnd(record -> {
                try {
                    JsonNode event = JSON.readTree(record.value());
                    JsonNode name = event.path("payload").path("after").path("c_name");
                    names.add(name.isTextual() ? name.asText() : null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Waits.EVENTS);
        }
        return names;
    }

    private static void createPairType(CdcStack stack) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             Statement sql = connection.createStatement()) {
            sql.execute("DROP TYPE IF EXISTS " + PAIR);
            sql.execute("CREATE TYPE " + PAIR + " AS (a INT, b TEXT)");
        }
    }

    private static void dropPairType(CdcStack stack) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             Statement sql = connection.createStatement()) {
            sql.execute("DROP TYPE IF EXISTS " + PAIR);
        }
    }
}
