package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.judge.ColumnComparison.NotComparable;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ColumnComparison} of the types read through {@link TableValues}, against Debezium's JSON shapes. */
class TypedColumnComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void timeUnderEachTimePrecisionMode() throws Exception {
        Object time = TableValues.fromText("12:34:56.789012", "time");
        Object midnightEnd = TableValues.fromText("24:00:00", "time");

        assertThat(same(time, "45296789012", "{\"name\":\"io.debezium.time.MicroTime\"}")).as("adaptive").isTrue();
        assertThat(same(midnightEnd, "86400000000", "{\"name\":\"io.debezium.time.MicroTime\"}")).isTrue();
        assertThat(same(TableValues.fromText("12:34:56.789", "time"), "45296789",
                "{\"name\":\"io.debezium.time.Time\"}")).as("adaptive, time(3)").isTrue();
        assertThat(same(time, "45296789", "{\"name\":\"org.apache.kafka.connect.data.Time\"}"))
                .as("connect loses the microseconds").isFalse();
        assertThat(same(time, "45296789013", "{\"name\":\"io.debezium.time.MicroTime\"}")).isFalse();
    }

    @Test
    void timetzIsComparedInUtc() throws Exception {
        assertThat(same(TableValues.fromText("10:15:30.123456+02", "timetz"), "\"08:15:30.123456Z\"", null)).isTrue();
        assertThat(same(TableValues.fromText("01:00:00+05:30", "timetz"), "\"19:30:00Z\"", null))
                .as("across midnight").isTrue();
        assertThat(same(TableValues.fromText("23:00:00-03", "timetz"), "\"02:00:00Z\"", null)).isTrue();
        assertThat(same(TableValues.fromText("10:15:30+02", "timetz"), "\"10:15:30Z\"", null)).isFalse();
    }

    @Test
    void intervalAsMicrosecondsOrIsoText() throws Exception {
        PGInterval interval = new PGInterval("1 year 2 mons 3 days 04:05:06.789");

        assertThat(same(interval, "37091106789000", "{\"name\":\"io.debezium.time.MicroDuration\"}")).isTrue();
        assertThat(same(interval, "37091106789001", null)).as("Debezium's floating point: within 1 µs").isTrue();
        assertThat(same(interval, "37091106790000", null)).isFalse();
        assertThat(same(interval, "\"P1Y2M3DT4H5M6.789S\"", "{\"name\":\"io.debezium.time.Interval\"}")).isTrue();
        assertThat(same(new PGInterval("-1 days"), "\"P0Y0M-1DT0H0M0S\"", null)).isTrue();
        assertThat(same(interval, "\"P1Y2M3DT4H5M6.788S\"", null)).isFalse();
    }

    @Test
    void moneyReadAsNumericUnderEachDecimalMode() throws Exception {
        BigDecimal money = new BigDecimal("566950.15");

        assertThat(same(money, "\"A2EY5w==\"", "{\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"parameters\":{\"scale\":\"2\"}}")).as("precise").isTrue();
        assertThat(same(money, "566950.15", null)).as("double").isTrue();
        assertThat(same(money, "\"566950.15\"", null)).as("string").isTrue();
        assertThat(same(money, "\"566950.16\"", null)).isFalse();
        assertThat(same(TableValues.fromText("Infinity", "numeric"), "\"POSITIVE_INFINITY\"", null)).as("string")
                .isTrue();
        assertThat(same(TableValues.fromText("NaN", "numeric"), "\"NAN\"", null)).as("string").isTrue();
        assertThat(same(TableValues.fromText("-Infinity", "numeric"), "\"-Infinity\"", null)).as("double").isTrue();
        assertThat(same(TableValues.fromText("NaN", "numeric"), "\"NEGATIVE_INFINITY\"", null)).isFalse();
        assertThatThrownBy(() -> same(TableValues.fromText("NaN", "numeric"), "null", null)).as("precise sends null")
                .isInstanceOf(NotComparable.class);
    }

    @Test
    void bitsAsBooleanOrLittleEndianBytesInEachBinaryMode() throws Exception {
        Object varbit = TableValues.fromText("10110000111", "varbit");

        assertThat(same(varbit, "\"hwU=\"", "{\"name\":\"io.debezium.data.Bits\"}")).as("bytes").isTrue();
        assertThat(same(varbit, "\"8705\"", null)).as("hex").isTrue();
        assertThat(same(TableValues.fromText("1010", "bit"), "\"Cg==\"", null)).isTrue();
        assertThat(same(TableValues.fromText("1011", "bit"), "\"Cg==\"", null)).isFalse();
        assertThat(same(TableValues.fromText("1", "bit"), "true", null)).as("bit(1)").isTrue();
        assertThat(same(TableValues.fromText("0", "bit"), "true", null)).isFalse();
    }

    @Test
    void hstoreAsJsonTextOrMap() throws Exception {
        Object hstore = TableValues.fromText("{\"a\": \"1\", \"b\": null}", "hstore");

        assertThat(same(hstore, "\"{\\\"a\\\":\\\"1\\\",\\\"b\\\":null}\"", null)).as("json").isTrue();
        assertThat(same(hstore, "{\"b\":null,\"a\":\"1\"}", null)).as("map").isTrue();
        assertThat(same(hstore, "{\"a\":\"2\",\"b\":null}", null)).isFalse();
    }

    @Test
    void arraysElementByElementWithTheirItemSchema() throws Exception {
        List<Object> numbers = List.of(TableValues.fromText("1.50", "numeric"));
        List<Object> dates = List.of(TableValues.fromText("2020-01-01", "date"));
        List<Object> instants = List.of(TableValues.fromText("2020-01-01 10:00:00+02", "timestamptz"));
        List<Object> doubles = List.of(1.5d, Double.NaN, Double.POSITIVE_INFINITY);

        assertThat(same(numbers, "[\"AJY=\"]", "{\"items\":{\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"parameters\":{\"scale\":\"2\"}}}")).isTrue();
        assertThat(same(numbers, "[{\"scale\":1,\"value\":\"Dw==\"}]", "{\"items\":{}}")).isTrue();
        assertThat(same(dates, "[18262]", null)).isTrue();
        assertThat(same(instants, "[\"2020-01-01T08:00:00.000000Z\"]", null)).isTrue();
        assertThat(same(doubles, "[1.5,\"NaN\",\"Infinity\"]", null)).isTrue();
        assertThat(same(List.of(), "[]", null)).isTrue();
        assertThat(same(dates, "[18263]", null)).isFalse();
        assertThat(same(dates, "[]", null)).isFalse();
    }

    @Test
    void rangesOfInstantsWhateverEachSessionsTimeZone() throws Exception {
        Object range = TableValues.fromText("[\"2020-01-01 02:00:00+02\",\"2020-01-02 00:00:00+00\")", "tstzrange");

        assertThat(same(range, "\"[\\\"2020-01-01 00:00:00+00\\\",\\\"2020-01-02 01:00:00+01\\\")\"", null)).isTrue();
        assertThat(same(range, "\"[\\\"2020-01-01 00:00:00+00\\\",\\\"2020-01-02 01:00:00+01\\\"]\"", null))
                .as("another bound").isFalse();
        assertThat(same("[1,5)", "\"[1,5)\"", null)).isTrue();
    }

    @Test
    void geometricStructsOrNamedNotComparable() throws Exception {
        assertThat(same(TableValues.fromText("(1.5,2)", "point"), "{\"x\":1.5,\"y\":2.0,\"wkb\":\"AQ==\"}", null))
                .isTrue();
        assertThat(same(TableValues.fromText("<(0,0),1>", "circle"), "{\"center\":{\"x\":0.0,\"y\":0.0},"
                + "\"radius\":1.0}", null)).isTrue();
        assertThat(same(TableValues.fromText("{1,-1,0}", "line"), "{\"a\":1.0,\"b\":-1.0,\"c\":0.5}", null))
                .isFalse();
        assertThat(same(TableValues.fromText("((0,0),(1,0),(1,1))", "polygon"), "{\"wkb\":\"AQMAAAABAAAABAAAAAAAAAAAAAAA"
                + "AAAAAAAAAAAAAAAAAADwPwAAAAAAAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAAAAAAAAAAAAAAA=\"}", null))
                .as("a polygon's ring, closed in WKB").isTrue();
        assertThat(same(TableValues.fromText("(1,1),(0,0)", "box"), "{\"wkb\":\"AQMAAAABAAAABQAAAAAAAAAAAPA/AAAAAAAA8D8"
                + "AAAAAAADwPwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/\"}", null))
                .as("a box's corners").isTrue();
        String lseg = "{\"wkb\":\"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\"}";
        assertThat(same(TableValues.fromText("[(0,0),(1,1)]", "lseg"), lseg, null)).isTrue();
        assertThat(same(TableValues.fromText("[(0,0),(1,2)]", "lseg"), lseg, null)).isFalse();
        assertThatThrownBy(() -> same(new TableValues.Infinite("infinity"), "2147483647", null))
                .isInstanceOf(NotComparable.class).hasMessageContaining("no exact mapping of infinity");
    }

    @Test
    void aValueInAShapeNoModeGivesIsNamedNotAnError() throws Exception {
        List<Object> bcDates = List.of(TableValues.fromText("0044-03-15", "date"));

        assertThatThrownBy(() -> same(new TableValues.Unreadable("date", "0044-03-15 BC"), "[1]", null))
                .isInstanceOf(NotComparable.class).hasMessageContaining("date text is not one cdc-verify reads");
        assertThatThrownBy(() -> same(new PGInterval("1 day"), "\"P99999999999Y0M0DT0H0M0S\"", null))
                .isInstanceOf(NotComparable.class).hasMessageContaining("a value in a shape cdc-verify does not read");
        assertThat(same(bcDates, "[-700000]", null)).isFalse();
    }

    private static boolean same(Object table, String topic, String schema) throws Exception {
        return ColumnComparison.same(table, JSON.readTree(topic), schema == null ? null : JSON.readTree(schema),
                null);
    }
}
