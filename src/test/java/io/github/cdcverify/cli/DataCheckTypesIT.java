package io.github.cdcverify.cli;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data check ({@code verify --connector}) on columns of every type family and on keys that are not integers,
 * under Debezium's default handling modes and others: a healthy pipeline passes with every supported column
 * compared, and a value the topic missed is named with its key, column, table value and topic value.
 */
@PipelineTest
class DataCheckTypesIT {

    private static final String KEY_COLUMNS = "k_numeric NUMERIC(10,2), k_date DATE, k_uuid UUID, k_text TEXT, "
            + "k_bytea BYTEA, k_ts TIMESTAMPTZ, k_time TIME, note TEXT, "
            + "PRIMARY KEY (k_numeric, k_date, k_uuid, k_text, k_bytea, k_ts, k_time)";
    private static final String KEY_ROWS = "(123.00, '2020-01-01', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '007', "
            + "'\\xdeadbeef', '2020-01-01 10:00:00+02', '12:34:56.789012', 'a'), "
            + "(-0.01, '0001-01-01', '00000000-0000-0000-0000-000000000000', '', '\\x', '1970-01-01 00:00:00+00', "
            + "'00:00:00', 'b'), "
            + "(99999999.99, '9999-12-31', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '日本 🐘', '\\x00', "
            + "'2024-02-29 23:59:59.999999-03:30', '24:00:00', 'c')";

    private static final String INFINITE_DATE = ".c_date_infinite (date) is not compared: no exact mapping of infinity "
            + "and -infinity (Debezium sends a number of its own)";

    @Test
    @DisplayName("a column of every type family in Debezium's default modes: passes, each column compared")
    void everyTypeInDefaultModes(CdcStack stack) throws Exception {
        CliRun run = verifyTypesTable(stack, "types_default", UnaryOperator.identity());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertEveryColumnCompared(run, INFINITE_DATE, ".c_numeric_special (numeric) is not compared: no exact mapping "
                + "of NaN and infinities under decimal.handling.mode=precise (Debezium sends null)");
    }

    @Test
    @DisplayName("every type family under decimal string, interval string, hstore map, binary base64-url-safe, "
            + "adaptive_time_microseconds: passes, each column compared")
    void everyTypeInOtherModes(CdcStack stack) throws Exception {
        CliRun run = verifyTypesTable(stack, "types_modes", c -> c.with("decimal.handling.mode", "string")
                .with("interval.handling.mode", "string").with("hstore.handling.mode", "map")
                .with("binary.handling.mode", "base64-url-safe")
                .with("time.precision.mode", "adaptive_time_microseconds"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertEveryColumnCompared(run, INFINITE_DATE);
    }

    @Test
    @DisplayName("millisecond temporal values, numeric, money and binary values under time connect, decimal double "
            + "and binary hex: money is a finding (19 digits), accepted; the values kept pass, each column compared")
    void lossyModesOnValuesTheyKeep(CdcStack stack) throws Exception {
        List<TypesTable.Column> columns = List.of(
                new TypesTable.Column("c_time", "TIME(3)", "'00:00:00'", "'23:59:59.999'", "'12:34:56.789'"),
                new TypesTable.Column("c_ts", "TIMESTAMP(3)", "'1970-01-01 00:00:00'", "'2020-01-01 10:00:00.123'",
                        "'1969-12-31 23:59:59.999'"),
                new TypesTable.Column("c_tstz", "TIMESTAMPTZ(3)", "'2020-01-01 10:00:00.123+02'",
                        "'1970-01-01 00:00:00+00'", "'2024-02-29 12:00:00.5-03:30'"),
                new TypesTable.Column("c_timetz", "TIMETZ(3)", "'10:15:30.123+05:30'", "'00:00:00+00'",
                        "'23:59:59.999-15:59'"),
                new TypesTable.Column("c_date", "DATE", "'2020-01-01'", "'0001-01-01'", "'9999-12-31'"),
                new TypesTable.Column("c_ts_array", "TIMESTAMP(3)[]", "'{}'", "'{\"2020-01-01 10:00:00.123\"}'",
                        "'{NULL}'"),
                new TypesTable.Column("c_money", "MONEY", "'566950.15'", "'-1.5'", "'0'"),
                new TypesTable.Column("c_numeric", "NUMERIC(12,4)", "'-99999999.9999'", "'0.0001'", "'1.5'"),
                new TypesTable.Column("c_num_array", "NUMERIC(10,2)[]", "'{1.50,NULL}'", "'{}'", "'{-99999999.99}'"),
                new TypesTable.Column("c_bytea", "BYTEA", "'\\x'", "'\\x00ff'", "'\\xdeadbeef'"),
                new TypesTable.Column("c_varbit", "VARBIT(20)", "B''", "B'1011'", "B'10110000111'"),
                new TypesTable.Column("c_bytea_array", "BYTEA[]", "'{}'", "ARRAY['\\xdead'::bytea]",
                        "ARRAY['\\x'::bytea]"));
        CliRun run = verifyTable(stack, "types_lossy", columns, c -> c.with("time.precision.mode", "connect")
                .with("decimal.handling.mode", "double").with("binary.handling.mode", "hex"),
                "--accept", "decimal.handling.mode");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PASSED  data\\s+4 rows").doesNotContain("is not compared")
                .contains("ACCEPTED decimal.handling.mode=double: ").contains(".c_money is money, up to 19 digits "
                        + "with its cents, but a double holds 15 significant digits")
                .doesNotContain("c_numeric is numeric");
    }

    @Test
    @DisplayName("keys of numeric, date, uuid, text, bytea, timestamptz and time columns, composite: pass in the "
            + "default modes")
    void nonIntegerKeysInDefaultModes(CdcStack stack) throws Exception {
        CliRun run = verifyKeysTable(stack, "keys_default", UnaryOperator.identity());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PASSED  data\\s+3 rows").doesNotContain("missing from the topic");
    }

    @Test
    @DisplayName("the same keys under decimal double (accepted), binary hex, adaptive_time_microseconds: pass")
    void nonIntegerKeysInOtherModes(CdcStack stack) throws Exception {
        CliRun run = verifyKeysTable(stack, "keys_modes", c -> c.with("decimal.handling.mode", "double")
                .with("binary.handling.mode", "hex").with("time.precision.mode", "adaptive_time_microseconds"),
                "--accept", "decimal.handling.mode");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PASSED  data\\s+3 rows").doesNotContain("missing from the topic");
    }

    @Test
    @DisplayName("the same keys as strings: decimal string, binary base64 (a string schema, read as base64): pass")
    void nonIntegerKeysAsStrings(CdcStack stack) throws Exception {
        CliRun run = verifyKeysTable(stack, "keys_strings", c -> c.with("decimal.handling.mode", "string")
                .with("binary.handling.mode", "base64"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PASSED  data\\s+3 rows").doesNotContain("missing from the topic");
    }

    @Test
    @DisplayName("an update the connector skips, in a column of each type family: fails naming key, column, table "
            + "value and topic value")
    void aValueTheTopicMissedIsNamedInEachTypeFamily(CdcStack stack) throws Exception {
        List<TypesTable.Column> columns = List.of(column("c_time"), column("c_int_array"), column("c_hstore"),
                column("c_interval"), column("c_money"), column("c_varbit"), column("c_tstzrange"),
                column("c_xml"), column("c_timetz"), column("c_num_array"), column("c_hstore_array"));
        try (CapturedTable deployed = CapturedTable.on(stack, "types_skip").withColumns("id INT PRIMARY KEY")
                .beforeConnector((connection, self) -> {
                    TypesTable.addColumns(connection, self, columns);
                    TypesTable.insertRows(connection, self, columns, 2);
                })
                .withConnectorConfig(c -> c.with("skipped.operations", "u")).start()) {
            try {
                awaitRecords(deployed, 1);
                try (Statement sql = deployed.connection().createStatement()) {
                    sql.executeUpdate("UPDATE " + deployed.table().quoted() + " SET c_time = '12:00:00.000001', "
                            + "c_int_array = '{7}', c_hstore = 'a=>2', c_interval = '-1 days 00:00:01', "
                            + "c_money = '1.23', c_varbit = B'1', c_tstzrange = 'empty', c_xml = '<b/>', "
                            + "c_timetz = '00:00:00+01', c_num_array = '{1.51}', c_hstore_array = ARRAY['k=>v'::hstore] "
                            + "WHERE id = 2");
                }
                // The skipped update sends nothing; an insert after it shows the connector has passed it.
                TypesTable.insertRows(deployed.connection(), deployed, columns, 3);
                awaitRecords(deployed, 2);

                CliRun run = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");

                assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
                assertThat(run.out()).containsPattern("FAILED  data\\s+2 rows")
                        .contains("1 row differs (column: table value / topic value): {id=2} (")
                        .contains("c_time: '12:00:00.000001' / '0'")
                        .contains("c_int_array: '{7}' / '[]'")
                        .contains("c_hstore: '{\"a\":\"2\"}' / '{}'")
                        .contains("c_interval: '-1 days 1 secs' / '-86400000000'")
                        .contains("c_money: '1.23' / 'gAAAAAAAAAA='")
                        .contains("c_varbit: '1' / ''")
                        .contains("c_tstzrange: 'empty' / '[\"2020-01-01 00:00:00+00\",\"2020-01-01 22:00:00+00\")'")
                        .contains("c_xml: '<b/>' / '<a/>'")
                        .contains("c_timetz: '23:00Z' / '00:00:00Z'")
                        .contains("c_num_array: '{1.51}' / '[]'")
                        .contains("c_hstore_array: '{{\"k\":\"v\"}}' / '[]'");
            } finally {
                TypesTable.dropTypes(deployed.connection(), deployed);
            }
        }
    }

    private static TypesTable.Column column(String name) {
        return TypesTable.COMPARED.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** Rows 1 and 2 before the connector (snapshot), 3 and 4 after it (streamed), then {@code verify}. */
    private static CliRun verifyTypesTable(CdcStack stack, String label, UnaryOperator<DebeziumPostgresConfig> modes)
            throws Exception {
        List<TypesTable.Column> columns = new ArrayList<>(TypesTable.COMPARED);
        columns.addAll(TypesTable.NOT_COMPARED);
        return verifyTable(stack, label, columns, modes);
    }

    private static CliRun verifyTable(CdcStack stack, String label, List<TypesTable.Column> columns,
                                      UnaryOperator<DebeziumPostgresConfig> modes, String... more) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, label).withColumns("id INT PRIMARY KEY")
                .beforeConnector((connection, self) -> {
                    TypesTable.addColumns(connection, self, columns);
                    TypesTable.insertRows(connection, self, columns, 1, 2);
                })
                .withConnectorConfig(modes).start()) {
            try {
                awaitRecords(deployed, 2);
                TypesTable.insertRows(deployed.connection(), deployed, columns, 3, 4);
                awaitRecords(deployed, 4);
                return verify(stack, deployed.connectorName(), more);
            } finally {
                TypesTable.dropTypes(deployed.connection(), deployed);
            }
        }
    }

    /** Every column compared but those named, each with the reason it is not. */
    private static void assertEveryColumnCompared(CliRun run, String... notCompared) {
        assertThat(run.out()).containsPattern("PASSED  data\\s+4 rows");
        for (TypesTable.Column column : TypesTable.COMPARED) {
            assertThat(run.out()).as(column.name()).doesNotContain("." + column.name() + " (");
        }
        for (String line : notCompared) {
            assertThat(run.out()).contains(line);
        }
        assertThat(run.out().split("is not compared", -1)).as("lines naming a column not compared")
                .hasSize(notCompared.length + 1);
    }

    /** A composite key of seven types, two rows in the snapshot, one streamed, one updated, one deleted. */
    private static CliRun verifyKeysTable(CdcStack stack, String label, UnaryOperator<DebeziumPostgresConfig> modes,
                                          String... more) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, label).withColumns(KEY_COLUMNS)
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("INSERT INTO " + self.table().quoted() + " VALUES " + KEY_ROWS);
                    }
                })
                .withConnectorConfig(modes).start()) {
            awaitRecords(deployed, 3);
            try (Statement sql = deployed.connection().createStatement()) {
                sql.executeUpdate("INSERT INTO " + deployed.table().quoted() + " VALUES (1.5, '2020-01-02', "
                        + "gen_random_uuid(), 'x', '\\x01', now(), '01:02:03', 'd')");
                sql.executeUpdate("UPDATE " + deployed.table().quoted() + " SET note = 'changed' WHERE note = 'a'");
                sql.executeUpdate("DELETE FROM " + deployed.table().quoted() + " WHERE note = 'b'");
            }
            // An insert, an update, a delete and its tombstone.
            awaitRecords(deployed, 7);
            return verify(stack, deployed.connectorName(), more);
        }
    }

    private static void awaitRecords(CapturedTable deployed, long records) {
        await(records + " records in " + deployed.topic()).atMost(Waits.RUNNING)
                .pollInterval(Duration.ofMillis(100)).until(() -> TopicReader.endOffsets(deployed.stack().kafka(),
                        deployed.topic()).values().stream().mapToLong(Long::longValue).sum() >= records);
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "3s", more);
    }
}
