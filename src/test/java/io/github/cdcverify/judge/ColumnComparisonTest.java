package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void looselyComparesNumbersByValueInMapsAndLists() {
        assertThat(ColumnComparison.loosely(4, 4L)).isTrue();
        assertThat(ColumnComparison.loosely(4, 4.0)).isTrue();
        assertThat(ColumnComparison.loosely(Map.of("id", 1, "tags", List.of(2, 3)),
                Map.of("id", 1L, "tags", List.of(2L, 3.0)))).isTrue();
        assertThat(ColumnComparison.loosely(Map.of("id", 1), Map.of("id", 2L))).isFalse();
        assertThat(ColumnComparison.loosely(List.of(1, 2), List.of(1))).isFalse();
        assertThat(ColumnComparison.loosely("4", 4)).as("text is not a number").isFalse();
        assertThat(ColumnComparison.loosely(Double.NaN, Double.NaN)).isTrue();
    }

    @Test
    void readsDebeziumsUtcTimestampsAsTheStandardParserDoes() {
        for (String text : List.of("2026-12-07T23:52:46Z", "2026-12-07T23:52:46.1Z", "2026-12-07T23:52:46.123456Z",
                "2026-12-07T23:52:46.123456789Z", "0001-01-01T00:00:00Z", "2024-02-29T12:00:00.5Z",
                "9999-12-31T23:59:59.999999Z", "2026-12-07T23:52:46+02:00", "2026-12-07T23:52:46.5-05:30")) {
            assertThat(ColumnComparison.parseInstant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        for (String notAnInstant : List.of("2026-13-07T23:52:46Z", "2023-02-29T00:00:00Z", "2026-12-07T24:00:00Z",
                "2026-12-07T23:52:46.1234567890Z", "2026-12-07 23:52:46Z", "2026-1x-07T23:52:46Z",
                "26-12-07T23:52:46Z", "")) {
            assertThat(ColumnComparison.parseInstant(notAnInstant)).as(notAnInstant).isNull();
        }
    }

    @Test
    void numericUnderEachDecimalHandlingMode() throws Exception {
        BigDecimal amount = new BigDecimal("12345678901234567890.0123456789");
        String unscaled = Base64.getEncoder().encodeToString(amount.unscaledValue().toByteArray());
        JsonNode decimalSchema = json("{\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":"
                + "{\"scale\":\"10\"}}");

        assertThat(ColumnComparison.same(amount, text(unscaled), decimalSchema, null)).as("precise").isTrue();
        assertThat(ColumnComparison.same(amount, text(unscaled), null, 10)).as("precise, schemaless").isTrue();
        assertThat(ColumnComparison.same(amount, text(amount.toPlainString()), null, 10)).as("string").isTrue();
        assertThat(ColumnComparison.same(amount, json(String.valueOf(amount.doubleValue())), null, 10))
                .as("double loses digits").isFalse();
        assertThat(ColumnComparison.same(new BigDecimal("8.50"), json("8.5"), null, 2)).as("8.50 = 8.5").isTrue();
        assertThat(ColumnComparison.same(new BigInteger("7").intValue(), json("7"), null, null)).isTrue();
    }

    @Test
    void realsCompareAsTheirOwnType() throws Exception {
        assertThat(ColumnComparison.same(1.1f, json("1.1"), null, null)).isTrue();
        assertThat(ColumnComparison.same(2.5d, json("2.5"), null, null)).isTrue();
        assertThat(ColumnComparison.same(2.5d, json("2.25"), null, null)).isFalse();
    }

    @Test
    void timestampsInMicrosMillisOrIsoText() throws Exception {
        LocalDateTime local = LocalDateTime.parse("2026-12-01T10:15:30.123456");
        long micros = 1_796_120_130_123_456L;

        assertThat(ColumnComparison.same(local, json(String.valueOf(micros)),
                json("{\"name\":\"io.debezium.time.MicroTimestamp\"}"), null)).isTrue();
        assertThat(ColumnComparison.same(local, json(String.valueOf(micros / 1_000)),
                json("{\"name\":\"org.apache.kafka.connect.data.Timestamp\"}"), null)).as("ms lose the µs").isFalse();
        assertThat(ColumnComparison.same(OffsetDateTime.parse("2026-12-01T10:15:30.123456Z"),
                text("2026-12-01T10:15:30.123456Z"), null, null)).isTrue();
    }

    @Test
    void nullsAndTheUnavailableValuePlaceholder() throws Exception {
        assertThat(ColumnComparison.same(null, json("null"), null, null)).isTrue();
        assertThat(ColumnComparison.same("x", json("null"), null, null)).isFalse();
        assertThat(ColumnComparison.same("a long text", text("__debezium_unavailable_value"), null, null)).isFalse();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().textNode(value);
    }
}
