package io.github.cdcverify.judge;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys of every type give the same text from the table and from the topic, under every handling mode. */
class KeyValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Column NUMERIC = column("numeric", 2, null);
    private static final Column DATE = column("date", null, null);
    private static final Column TIMESTAMP = column("timestamp without time zone", null, 6);
    private static final Column TIMESTAMPTZ = column("timestamp with time zone", null, 6);
    private static final Column BYTEA = column("bytea", null, null);
    private static final Column UUID_KEY = column("uuid", null, null);

    @Test
    void numericKeysUnderPreciseDoubleAndString() throws Exception {
        String table = KeyValues.ofTable(NUMERIC, new BigDecimal("123.00"));

        assertThat(KeyValues.ofTopic(NUMERIC, json("\"MAw=\""), json("{\"name\":\"org.apache.kafka.connect.data."
                + "Decimal\",\"parameters\":{\"scale\":\"2\"}}"))).as("precise").isEqualTo(table);
        assertThat(KeyValues.ofTopic(NUMERIC, json("\"MAw=\""), null)).as("precise, schemaless").isEqualTo(table);
        assertThat(KeyValues.ofTopic(NUMERIC, json("123.0"), null)).as("double").isEqualTo(table);
        assertThat(KeyValues.ofTopic(NUMERIC, json("\"123.00\""), null)).as("string").isEqualTo(table);
        assertThat(KeyValues.ofTopic(NUMERIC, json("{\"scale\":2,\"value\":\"MAw=\"}"), null))
                .as("variable scale").isEqualTo(table);
        assertThat(KeyValues.ofTopic(NUMERIC, json("\"123.01\""), null)).isNotEqualTo(table);
    }

    @Test
    void temporalKeysUnderEachTimePrecisionMode() throws Exception {
        String date = KeyValues.ofTable(DATE, LocalDate.parse("2020-01-01"));
        String timestamp = KeyValues.ofTable(TIMESTAMP, LocalDateTime.parse("2020-01-01T10:00:00.123456"));
        String instant = KeyValues.ofTable(TIMESTAMPTZ, OffsetDateTime.parse("2020-01-01T10:00:00+02:00"));

        assertThat(KeyValues.ofTopic(DATE, json("18262"), null)).isEqualTo(date);
        assertThat(KeyValues.ofTopic(TIMESTAMP, json("1577872800123456"),
                json("{\"name\":\"io.debezium.time.MicroTimestamp\"}"))).as("adaptive").isEqualTo(timestamp);
        assertThat(KeyValues.ofTopic(TIMESTAMP, json("1577872800123"),
                json("{\"name\":\"org.apache.kafka.connect.data.Timestamp\"}"))).as("connect loses µs")
                .isNotEqualTo(timestamp);
        assertThat(KeyValues.ofTopic(TIMESTAMPTZ, json("\"2020-01-01T08:00:00.000000Z\""), null)).isEqualTo(instant);
        assertThat(KeyValues.ofTopic(column("time without time zone", null, 6), json("45296789012"), null))
                .isEqualTo(KeyValues.ofTable(null, TableValues.fromText("12:34:56.789012", "time")));
        assertThat(KeyValues.ofTopic(column("time with time zone", null, 6), json("\"08:15:30Z\""), null))
                .isEqualTo(KeyValues.ofTable(null, TableValues.fromText("10:15:30+02", "timetz")));
    }

    @Test
    void byteaKeysUnderEachBinaryMode() throws Exception {
        byte[] bytes = "key\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String table = KeyValues.ofTable(BYTEA, bytes);

        assertThat(KeyValues.ofTopic(BYTEA, json("\"a2V5/w==\""), json("{\"type\":\"bytes\"}"))).isEqualTo(table);
        assertThat(KeyValues.ofTopic(BYTEA, json("\"a2V5/w==\""), json("{\"type\":\"string\"}")))
                .as("base64").isEqualTo(table);
        assertThat(KeyValues.ofTopic(BYTEA, json("\"a2V5_w==\""), null)).as("base64-url-safe").isEqualTo(table);
        assertThat(KeyValues.ofTopic(BYTEA, json("\"6b6579ff\""), null)).as("hex").isEqualTo(table);
    }

    private static Column column(String type, Integer scale, Integer datetimePrecision) {
        String name = type.equals("uuid") ? "key" : type.equals("date") ? "day" : "k";
        return new Column(name, type, null, scale, datetimePrecision, null);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
