package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.FieldSchema;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Data type mappings": the value and the schema (Connect type and
 * logical type name) of every column, for rows 1 (NULL), 2 (minimum), 3 (maximum) and 4 (special) of
 * {@link DataTypesTable}, streamed as inserts. Expected values are written as the JSON the converter sends.
 */
@PipelineTest
class DataTypesIT {


    @Test
    @DisplayName("Data type mappings, basic/string/uuid/json/enum/array types and interval (interval.handling.mode "
            + "numeric): values and logical types independent of the mode options")
    void typesIndependentOfModes(CdcStack stack) throws SQLException {
        List<RawRecord> rows = captureRows(stack, "types_plain", UnaryOperator.identity());
        SoftAssertions softly = new SoftAssertions();
        Columns check = new Columns(softly, rows);
        check.column("c_smallint", "int16", null, Map.of(), "-32768", "32767", "0");
        check.column("c_int", "int32", null, Map.of(), "-2147483648", "2147483647", "0");
        check.column("c_bigint", "int64", null, Map.of(), "-9223372036854775808", "9223372036854775807", "0");
        check.column("c_real", "float", null, Map.of(), "-3.4028235E38", "3.4028235E38", "1.5");
        check.column("c_double", "double", null, Map.of(),
                "-1.7976931348623157E308", "1.7976931348623157E308", "2.2250738585072014E-308");
        check.column("c_boolean", "boolean", null, Map.of(), "false", "true", "true");
        check.column("c_text", "string", null, Map.of(),
                "\"\"", "\"" + "x".repeat(10_000) + "\"", "\"line1\\nline2 \\\"quoted\\\" \\\\ Grüße 世界 🐘\"");
        check.column("c_varchar", "string", null, Map.of(), "\"\"", "\"abcdefghij\"", "\"日本語テキスト✓🐘\"");
        // CHAR(n) is blank-padded to n characters
        check.column("c_char", "string", null, Map.of(), "\"   \"", "\"xyz\"", "\"é  \"");
        // microseconds; a month counts as 30.4375 days (365.25 / 12)
        check.column("c_interval", "int64", "io.debezium.time.MicroDuration", Map.of(),
                "-86400000000", "37091106789000", "0");
        check.column("c_uuid", "string", "io.debezium.data.Uuid", Map.of(),
                "\"00000000-0000-0000-0000-000000000000\"", "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"",
                "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"");
        // json keeps the text as written; jsonb sends PostgreSQL's normalized form
        check.column("c_json", "string", "io.debezium.data.Json", Map.of(),
                "\"{}\"", "\"{\\\"b\\\": [1, 2.5, null], \\\"a\\\": \\\"ü\\\"}\"", "\"\\\"\\\"\"");
        check.column("c_jsonb", "string", "io.debezium.data.Json", Map.of(),
                "\"{}\"", "\"{\\\"a\\\": \\\"ü\\\", \\\"b\\\": [1, 2.5, null]}\"", "\"\\\"\\\"\"");
        check.column("c_enum", "string", "io.debezium.data.Enum", Map.of("allowed", "sad,ok,happy"),
                "\"sad\"", "\"happy\"", "\"ok\"");
        check.column("c_int_array", "array", null, Map.of(), "[]", "[-2147483648,2147483647]", "[1,null,3]");
        check.column("c_text_array", "array", null, Map.of(), "[]", "[\"a,b\",\"\",\"日本\"]", "[null,\"x\"]");
        check.arrayItems("c_int_array", "int32");
        check.arrayItems("c_text_array", "string");
        softly.assertAll();
    }

    @ParameterizedTest(name = "decimal.handling.mode={0}")
    @ValueSource(strings = {"precise", "double", "string"})
    @DisplayName("Data type mappings, decimal types: NUMERIC(12,4) and NUMERIC under decimal.handling.mode")
    void numericUnderDecimalHandlingMode(String mode, CdcStack stack) throws SQLException {
        List<RawRecord> rows = captureRows(stack, "types_decimal", c -> c.with("decimal.handling.mode", mode));
        SoftAssertions softly = new SoftAssertions();
        Columns check = new Columns(softly, rows);
        switch (mode) {
            case "precise" -> {
                // Connect Decimal: the unscaled value's two's-complement big-endian bytes, base64 in JSON
                check.column("c_numeric", "bytes", "org.apache.kafka.connect.data.Decimal",
                        Map.of("scale", "4", "connect.decimal.precision", "12"),
                        quotedUnscaled("-999999999999"), quotedUnscaled("999999999999"), quotedUnscaled("1"));
                // no declared scale: a struct of the value's own scale and its unscaled bytes
                check.column("c_numeric_any", "struct", "io.debezium.data.VariableScaleDecimal", Map.of(),
                        variableScale(9, "-12345678901234567890123456789"),
                        variableScale(0, "100000000000000000000"), variableScale(9, "1"));
            }
            case "double" -> {
                check.column("c_numeric", "double", null, Map.of(), "-9.99999999999E7", "9.99999999999E7", "1.0E-4");
                check.column("c_numeric_any", "double", null, Map.of(),
                        "-1.2345678901234567E19", "1.0E20", "1.0E-9");
            }
            case "string" -> {
                check.column("c_numeric", "string", null, Map.of(),
                        "\"-99999999.9999\"", "\"99999999.9999\"", "\"0.0001\"");
                check.column("c_numeric_any", "string", null, Map.of(),
                        "\"-12345678901234567890.123456789\"", "\"100000000000000000000\"", "\"0.000000001\"");
            }
            default -> throw new IllegalArgumentException(mode);
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "time.precision.mode={0}")
    @ValueSource(strings = {"adaptive", "connect"})
    @DisplayName("Data type mappings, temporal types: DATE, TIME(6), TIMESTAMP(6), TIMESTAMPTZ under "
            + "time.precision.mode")
    void temporalUnderTimePrecisionMode(String mode, CdcStack stack) throws SQLException {
        List<RawRecord> rows = captureRows(stack, "types_time", c -> c.with("time.precision.mode", mode));
        SoftAssertions softly = new SoftAssertions();
        Columns check = new Columns(softly, rows);
        if (mode.equals("adaptive")) {
            // days since the epoch; microseconds past midnight; microseconds since the epoch
            check.column("c_date", "int32", "io.debezium.time.Date", Map.of(), "-719162", "2932896", "0");
            check.column("c_time", "int64", "io.debezium.time.MicroTime", Map.of(), "0", "86399999999", "45296789000");
            check.column("c_timestamp", "int64", "io.debezium.time.MicroTimestamp", Map.of(),
                    "-62135596800000000", "253402300799999999", "0");
        } else {
            // Kafka Connect's own types: milliseconds, the microseconds cut off
            check.column("c_date", "int32", "org.apache.kafka.connect.data.Date", Map.of(), "-719162", "2932896", "0");
            check.column("c_time", "int32", "org.apache.kafka.connect.data.Time", Map.of(), "0", "86399999", "45296789");
            check.column("c_timestamp", "int64", "org.apache.kafka.connect.data.Timestamp", Map.of(),
                    "-62135596800000", "253402300799999", "0");
        }
        // the same in both modes: an ISO-8601 string in UTC. The documentation says only that; Debezium 3.7 also
        // writes exactly as many fraction digits as the column's precision (6 here), zeros included
        check.column("c_timestamptz", "string", "io.debezium.time.ZonedTimestamp", Map.of(),
                "\"0001-01-01T00:00:00.000000Z\"", "\"9999-12-31T23:59:59.999999Z\"",
                "\"2024-02-29T10:00:00.500000Z\"");
        softly.assertAll();
    }

    @ParameterizedTest(name = "binary.handling.mode={0}")
    @ValueSource(strings = {"bytes", "base64", "hex"})
    @DisplayName("Data type mappings, binary types: BYTEA under binary.handling.mode")
    void byteaUnderBinaryHandlingMode(String mode, CdcStack stack) throws SQLException {
        List<RawRecord> rows = captureRows(stack, "types_binary", c -> c.with("binary.handling.mode", mode));
        SoftAssertions softly = new SoftAssertions();
        Columns check = new Columns(softly, rows);
        switch (mode) {
            // bytes: a Connect BYTES field, which the JSON converter writes as base64
            case "bytes" -> check.column("c_bytea", "bytes", null, Map.of(), "\"\"", "\"AP8=\"", "\"3q2+7w==\"");
            case "base64" -> check.column("c_bytea", "string", null, Map.of(), "\"\"", "\"AP8=\"", "\"3q2+7w==\"");
            case "hex" -> check.column("c_bytea", "string", null, Map.of(), "\"\"", "\"00ff\"", "\"deadbeef\"");
            default -> throw new IllegalArgumentException(mode);
        }
        softly.assertAll();
    }

    /** Starts a connector for a fresh table, inserts rows 1-4, returns their records in id order, removes it all. */
    private static List<RawRecord> captureRows(CdcStack stack, String label,
                                               UnaryOperator<DebeziumPostgresConfig> config) throws SQLException {
        AtomicReference<String> enumType = new AtomicReference<>();
        try (CapturedTable captured = CapturedTable.on(stack, label).withSinglePartition()
                .withColumns(DataTypesTable.columnDefinitions())
                .beforeConnector((connection, self) -> enumType.set(DataTypesTable.addEnumColumn(connection, self)))
                .withConnectorConfig(config).start();
             RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(), captured.topic())) {
            DataTypesTable.insertRows(captured);
            List<RawRecord> rows = reader.pollAtLeast(4, Waits.EVENTS);
            assertThat(rows).extracting(row -> row.payload().get("after").get("id").asInt())
                    .as("ids of the inserted rows").containsExactly(1, 2, 3, 4);
            return rows;
        } finally {
            dropType(stack, enumType.get());
        }
    }

    private static void dropType(CdcStack stack, String type) throws SQLException {
        if (type != null) {
            try (Connection connection = PostgresConnections.open(stack.postgres());
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TYPE IF EXISTS " + type);
            }
        }
    }

    private static String quotedUnscaled(String unscaled) {
        return "\"" + Base64.getEncoder().encodeToString(new BigInteger(unscaled).toByteArray()) + "\"";
    }

    private static String variableScale(int scale, String unscaled) {
        return "{\"scale\":" + scale + ",\"value\":" + quotedUnscaled(unscaled) + "}";
    }

    /** Soft checks of one column across rows 1-4: schema, NULL in row 1, the expected JSON in rows 2-4. */
    private record Columns(SoftAssertions softly, List<RawRecord> rows) {

        void column(String column, String type, String logicalName, Map<String, String> parameters,
                    String minimum, String maximum, String special) {
            FieldSchema schema = rows.get(0).afterSchema(column);
            softly.assertThat(schema.type()).as("%s schema type", column).isEqualTo(type);
            softly.assertThat(schema.name()).as("%s logical type", column).isEqualTo(logicalName);
            softly.assertThat(schema.parameters()).as("%s schema parameters", column).isEqualTo(parameters);
            softly.assertThat(schema.optional()).as("%s optional (nullable column)", column).isTrue();
            List<String> expected = java.util.Arrays.asList("null", minimum, maximum, special);
            for (int i = 0; i < rows.size(); i++) {
                RawRecord row = rows.get(i);
                JsonNode actual = row.payload().get("after").get(column);
                softly.assertThat(actual).as("%s in row %d of%n%s", column, i + 1, ChangeEventPrinter.describe(row.event()))
                        .isEqualTo(RawTopicReader.parse(expected.get(i)));
            }
        }

        void arrayItems(String column, String itemType) {
            FieldSchema items = rows.get(0).afterSchema(column).items();
            softly.assertThat(items).as("%s array items schema", column).isNotNull();
            if (items != null) {
                softly.assertThat(items.type()).as("%s array item type", column).isEqualTo(itemType);
                softly.assertThat(items.optional()).as("%s array items may be NULL", column).isTrue();
            }
        }
    }
}
