package io.github.cdcverify.judge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class WrittenValueComparisonTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-02-29T12:00:00.5+02:00");

    @Test
    void timestamptzEqualsDebeziumsIsoStringOfTheSameInstant() {
        assertThat(ColumnComparison.asWritten(AT, "2024-02-29T10:00:00.500000Z")).as("fraction digits as Debezium 3.7").isTrue();
        assertThat(ColumnComparison.asWritten(AT, "2024-02-29T10:00:00.5Z")).isTrue();
        assertThat(ColumnComparison.asWritten(AT, "2024-02-29T12:00:00.5+02:00")).as("another offset, same instant").isTrue();
        assertThat(ColumnComparison.asWritten(AT, "2024-02-29T10:00:00.500001Z")).isFalse();
        assertThat(ColumnComparison.asWritten(AT, "2024-02-29 10:00:00.5")).as("not ISO-8601 with offset").isFalse();
        assertThat(ColumnComparison.asWritten(AT, AT.toInstant().toEpochMilli())).as("never sent as a number").isFalse();
    }

    @Test
    void timestampEqualsMicrosOrMillisSinceTheEpoch() {
        LocalDateTime at = LocalDateTime.parse("2024-02-29T10:00:00.123456");
        long micros = 1_709_200_800_123_456L;

        assertThat(ColumnComparison.asWritten(at, micros)).as("MicroTimestamp").isTrue();
        assertThat(ColumnComparison.asWritten(at, micros / 1_000)).as("Timestamp, microseconds cut off").isTrue();
        assertThat(ColumnComparison.asWritten(at, micros + 1)).isFalse();
        assertThat(ColumnComparison.asWritten(at, "2024-02-29T10:00:00.123456")).isFalse();
    }

    @Test
    void dateEqualsDaysSinceTheEpoch() {
        assertThat(ColumnComparison.asWritten(LocalDate.parse("2024-02-29"), 19_782)).isTrue();
        assertThat(ColumnComparison.asWritten(LocalDate.parse("2024-02-29"), 19_783L)).isFalse();
    }

    @Test
    void numbersCompareByValueWhicheverTypeEitherSideChose() {
        assertThat(ColumnComparison.asWritten(4, 4L)).isTrue();
        assertThat(ColumnComparison.asWritten(4L, 4.0)).isTrue();
        assertThat(ColumnComparison.asWritten(new BigDecimal("10.00"), "10.00")).as("decimal.handling.mode=string").isTrue();
        assertThat(ColumnComparison.asWritten(new BigDecimal("10.00"), 10.5)).isFalse();
        assertThat(ColumnComparison.asWritten(4, 5L)).isFalse();
    }

    @Test
    void textEqualsOnlyTheSameText() {
        assertThat(ColumnComparison.asWritten("a@x", "a@x")).isTrue();
        assertThat(ColumnComparison.asWritten("a@x", "b@x")).isFalse();
        assertThat(ColumnComparison.asWritten("4", 4)).as("text written, a number received").isFalse();
    }

    @Test
    void nullEqualsOnlyNull() {
        assertThat(ColumnComparison.asWritten(null, null)).isTrue();
        assertThat(ColumnComparison.asWritten(null, "")).isFalse();
        assertThat(ColumnComparison.asWritten("", null)).isFalse();
    }

    @Test
    void showsTextQuotedNumbersBareAndInstantsInUtc() {
        assertThat(WrittenValueComparison.show("a@x")).isEqualTo("'a@x'");
        assertThat(WrittenValueComparison.show(17L)).isEqualTo("17");
        assertThat(WrittenValueComparison.show(null)).isEqualTo("null");
        assertThat(WrittenValueComparison.show(AT)).isEqualTo("'2024-02-29T10:00:00.500Z'");
    }
}
