package io.github.cdcverify.judge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectJsonReaderTest {

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"field\":\"after\",\"type\":\"struct\","
            + "\"fields\":[{\"field\":\"amount\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"}]}]}";

    private final ConnectJsonReader reader = new ConnectJsonReader();

    @Test
    void recordsWithTheSameSchemaShareOneParsedSchema() throws IOException {
        ConnectJsonReader.Parsed first = read("{\"schema\":" + SCHEMA + ",\"payload\":{\"op\":\"c\",\"after\":{}}}");
        ConnectJsonReader.Parsed second = read("{\"schema\":" + SCHEMA + ",\"payload\":{\"op\":\"u\",\"after\":{}}}");

        assertThat(second.schema()).isSameAs(first.schema());
        assertThat(first.payload().path("op").asText()).isEqualTo("c");
        assertThat(second.payload().path("op").asText()).isEqualTo("u");
        assertThat(first.schema().afterFields().get("amount").path("name").asText())
                .isEqualTo("org.apache.kafka.connect.data.Decimal");
    }

    @Test
    void aRecordWithAKnownPrefixKeepsOpAndAfterWhateverTheOtherFieldsHold() throws IOException {
        String envelope = "{\"type\":\"struct\",\"fields\":[{\"field\":\"before\"},{\"field\":\"after\",\"type\":"
                + "\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int32\"}]},{\"field\":\"source\"},"
                + "{\"field\":\"op\"}]}";
        read("{\"schema\":" + envelope + ",\"payload\":{\"before\":null,\"after\":{\"id\":1},\"op\":\"c\"}}");

        ConnectJsonReader.Parsed tricky = read("{\"schema\":" + envelope + ",\"payload\":{\"before\":{\"id\":2,"
                + "\"note\":\"a}\\\"b{[\"},\"after\":{\"id\":2,\"note\":\"x\\\\\"} ,\"source\":{\"lsn\":[1,{\"a\":\"]\"}]},"
                + "\"op\" : \"u\",\"ts_ms\":17}}");

        assertThat(tricky.payload().path("op").asText()).isEqualTo("u");
        assertThat(tricky.payload().path("after").path("id").asInt()).isEqualTo(2);
        assertThat(tricky.payload().path("after").path("note").asText()).isEqualTo("x\\");
        assertThat(tricky.payload().has("source")).isFalse();
    }

    @Test
    void schemalessRecordsAndRowsWithOtherFieldsAreTheirOwnPayload() throws IOException {
        ConnectJsonReader.Parsed schemaless = read("{\"id\":1,\"email\":\"a@x\"}");
        ConnectJsonReader.Parsed columnsNamedLikeAnEnvelope = read("{\"schema\":\"s\",\"payload\":\"p\",\"id\":2}");

        assertThat(schemaless.schema()).isNull();
        assertThat(schemaless.payload().path("email").asText()).isEqualTo("a@x");
        assertThat(columnsNamedLikeAnEnvelope.schema()).isNull();
        assertThat(columnsNamedLikeAnEnvelope.payload().path("id").asInt()).isEqualTo(2);
        assertThat(reader.read(null)).isNull();
    }

    private ConnectJsonReader.Parsed read(String json) throws IOException {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
