package io.github.cdcverify.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectJsonReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[{\"field\":\"after\",\"type\":\"struct\","
            + "\"fields\":[{\"field\":\"amount\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"}]}]}";

    private final ConnectJsonReader reader = new ConnectJsonReader();

    @Test
    void recordsWithTheSameSchemaShareOneParsedSchemaAndPointAtTheirPayload() throws IOException {
        byte[] first = bytes("{\"schema\":" + SCHEMA + ",\"payload\":{\"op\":\"c\",\"after\":{}}}");
        byte[] second = bytes("{\"schema\":" + SCHEMA + ",\"payload\":{\"op\":\"u\",\"after\":{}}}");

        ConnectJsonReader.Located firstAt = reader.locate(first);
        ConnectJsonReader.Located secondAt = reader.locate(second);

        assertThat(secondAt.schema()).isSameAs(firstAt.schema());
        assertThat(payload(first, firstAt).path("op").asText()).isEqualTo("c");
        assertThat(payload(second, secondAt).path("op").asText()).isEqualTo("u");
        assertThat(firstAt.schema().afterFields().get("amount").path("name").asText())
                .isEqualTo("org.apache.kafka.connect.data.Decimal");
    }

    @Test
    void aChangedSchemaIsReadAsANewOne() throws IOException {
        String other = SCHEMA.replace("amount", "total");
        ConnectJsonReader.Located first = reader.locate(bytes("{\"schema\":" + SCHEMA + ",\"payload\":{}}"));
        ConnectJsonReader.Located changed = reader.locate(bytes("{\"schema\":" + other + ",\"payload\":{}}"));

        assertThat(changed.schema()).isNotSameAs(first.schema());
        assertThat(changed.schema().afterFields()).containsOnlyKeys("total");
    }

    @Test
    void schemalessRecordsAndRowsWithOtherFieldsAreTheirOwnPayload() throws IOException {
        byte[] schemaless = bytes("{\"id\":1,\"email\":\"a@x\"}");
        byte[] columnsNamedLikeAnEnvelope = bytes("{\"schema\":\"s\",\"payload\":\"p\",\"id\":2}");

        assertThat(reader.locate(schemaless)).isEqualTo(new ConnectJsonReader.Located(0, null));
        assertThat(reader.locate(columnsNamedLikeAnEnvelope)).isEqualTo(new ConnectJsonReader.Located(0, null));
        assertThat(reader.locate(null)).as("a tombstone").isNull();
    }

    @Test
    void bytesThatAreNoJsonFailInTheParsersWords() {
        assertThatThrownBy(() -> reader.locate(bytes("{\"id\":1,")))
                .isInstanceOf(IOException.class);
    }

    private static JsonNode payload(byte[] bytes, ConnectJsonReader.Located at) throws IOException {
        return JSON.readTree(JSON.getFactory().createParser(bytes, at.payloadStart(),
                bytes.length - at.payloadStart()));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
