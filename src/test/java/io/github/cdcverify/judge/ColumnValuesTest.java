package io.github.cdcverify.judge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnValuesTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-02-29T12:00:00.5+02:00");

    @Test
    void timestamptzEqualsDebeziumsIsoStringOfTheSameInstant() {
        assertThat(ColumnValues.same(AT, "2024-02-29T10:00:00.500000Z")).as("fraction digits as Debezium 3.7").isTrue();
        assertThat(ColumnValues.same(AT, "2024-02-29T10:00:00.5Z")).isTrue();
        assertThat(ColumnValues.same(AT, "2024-02-29T12:00:00.5+02:00")).as("another offset, same instant").isTrue();
        assertThat(ColumnValues.same(AT, "2024-02-29T10:00:00.500001Z")).isFalse();
        assertThat(ColumnValues.same(AT, "2024-02-29 10:00:00.5")).as("not ISO-8601 with offset").isFalse();
        assertThat(ColumnValues.same(AT, AT.toInstant().toEpochMilli())).as("never sent as a number").isFalse();
    }

    @Test
    void timestampEqualsMicrosOrMillisSinceTheEpoch() {
        LocalDateTime at = LocalDateTime.parse("2024-02-29T10:00:00.123456");
        long micros = 1_709_200_800_123_456L;

        assertThat(ColumnValues.same(at, micros)).as("MicroTimestamp").isTrue();
        assertThat(ColumnValues.same(at, micros / 1_000)).as("Timestamp, microseconds cut off").isTrue();
        assertThat(ColumnValues.same(at, micros + 1)).isFalse();
        assertThat(ColumnValues.same(at, "2024-02-29T10:00:00.123456")).isFalse();
    }

    @Test
    void dateEqualsDaysSinceTheEpoch() {
        assertThat(ColumnValues.same(LocalDate.parse("2024-02-29"), 19_782)).isTrue();
        assertThat(ColumnValues.same(LocalDate.parse("2024-02-29"), 19_783L)).isFalse();
    }

    @Test
    void numbersCompareByValueWhicheverTypeEitherSideChose() {
        assertThat(ColumnValues.same(4, 4L)).isTrue();
        assertThat(ColumnValues.same(4L, 4.0)).isTrue();
        assertThat(ColumnValues.same(new BigDecimal("10.00"), "10.00")).as("decimal.handling.mode=string").isTrue();
        assertThat(ColumnValues.same(new BigDecimal("10.00"), 10.5)).isFalse();
        assertThat(ColumnValues.same(4, 5L)).isFalse();
    }

    @Test
    void textEqualsOnlyTheSameText() {
        assertThat(ColumnValues.same("a@x", "a@x")).isTrue();
        assertThat(ColumnValues.same("a@x", "b@x")).isFalse();
        assertThat(ColumnValues.same("4", 4)).as("text written, a number received").isFalse();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(ColumnValues.same(null, null)).isTrue();
        assertThat(ColumnValues.same(null, "")).isFalse();
        assertThat(ColumnValues.same("", null)).isFalse();
    }

    @Test
    void showsTextQuotedNumbersBareAndInstantsInUtc() {
        assertThat(ColumnValues.show("a@x")).isEqualTo("'a@x'");
        assertThat(ColumnValues.show(17L)).isEqualTo("17");
        assertThat(ColumnValues.show(null)).isEqualTo("null");
        assertThat(ColumnValues.show(AT)).isEqualTo("'2024-02-29T10:00:00.500Z'");
    }
}
