package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.judge.KeyValues;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedTopicTest {

    private final FoldedTopic folded = new FoldedTopic();
    private int offset;

    @Test
    void envelopesFoldToTheLatestImageAndDeletesOrTombstonesRemoveTheRow() {
        add("{\"id\":1}", "{\"op\":\"r\",\"before\":null,\"after\":{\"id\":1,\"email\":\"a@x\"}}");
        add("{\"id\":2}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":2,\"email\":\"b@x\"}}");
        add("{\"id\":1}", "{\"op\":\"u\",\"before\":null,\"after\":{\"id\":1,\"email\":\"a@y\"}}");
        add("{\"id\":2}", "{\"op\":\"d\",\"before\":{\"id\":2},\"after\":null}");
        add("{\"id\":3}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":3,\"email\":\"c@x\"}}");
        add("{\"id\":3}", null);

        assertThat(folded.rows()).containsOnlyKeys(FoldedTopic.keyText(Map.of("id", 1)));
        assertThat(email(1)).isEqualTo("a@y");
        assertThat(folded.events()).isEqualTo(6);
        assertThat(folded.unreadable()).isEmpty();
    }

    @Test
    void schemasAreReadAndFlattenedRowsHonourTheirDeletedFlag() {
        add("{\"schema\":{},\"payload\":{\"id\":1}}", "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":"
                + "\"email\",\"type\":\"string\"}]},\"payload\":{\"id\":1,\"email\":\"a@x\",\"__deleted\":\"false\"}}");
        add("{\"id\":2}", "{\"id\":2,\"email\":\"b@x\",\"__deleted\":\"false\"}");
        add("{\"id\":2}", "{\"id\":2,\"email\":\"b@x\",\"__deleted\":\"true\"}");

        assertThat(folded.rows()).containsOnlyKeys(FoldedTopic.keyText(Map.of("id", 1)));
        FoldedTopic.Row row = folded.rows().get(FoldedTopic.keyText(Map.of("id", 1)));
        assertThat(row.values()).as("every field is kept: a table's own column may be named __x")
                .containsOnlyKeys("id", "email", "__deleted");
        assertThat(row.schemas().get("email").path("type").asText()).isEqualTo("string");
    }

    @Test
    void aTruncateEmptiesTheFoldAndUnreadableRecordsAreReportedWithTheirPosition() {
        add("{\"id\":1}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":1}}");
        add(null, "{\"op\":\"t\",\"before\":null,\"after\":null}");
        add("{\"id\":4}", "not json");

        assertThat(folded.rows()).isEmpty();
        assertThat(folded.unreadable()).singleElement().asString().startsWith("t-0@2: ");
    }

    @Test
    void keysOfEitherSideAgreeOnNumbers() {
        add("{\"id\":7}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":7}}");

        assertThat(folded.rows()).containsKey(FoldedTopic.keyText(Map.of("id", 7L)));
    }

    @Test
    void anUnchangedToastedValueKeepsTheKeysEarlierValueAndStaysAPlaceholderWithoutOne() {
        add("{\"id\":1}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":1,\"email\":\"long text\"}}");
        add("{\"id\":1}", "{\"op\":\"u\",\"before\":null,\"after\":{\"id\":1,\"email\":\""
                + FoldedTopic.DEFAULT_PLACEHOLDER + "\"}}");
        add("{\"id\":2}", "{\"op\":\"u\",\"before\":null,\"after\":{\"id\":2,\"email\":\""
                + FoldedTopic.DEFAULT_PLACEHOLDER + "\"}}");

        assertThat(email(1)).isEqualTo("long text");
        assertThat(email(2)).isEqualTo(FoldedTopic.DEFAULT_PLACEHOLDER);
        assertThat(folded.placeholdersFilled()).isEqualTo(1);
        assertThat(folded.isPlaceholder(folded.rows().get(FoldedTopic.keyText(Map.of("id", 2))).values()
                .get("email"))).isTrue();
    }

    @Test
    void enveloppesWithSchemasFoldFromTheirBytesAndIntegerKeysReadStraightMatchTheTablesText() {
        String keySchema = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
                + "\"field\":\"id\"}],\"optional\":false,\"name\":\"k.Key\"},\"payload\":";
        String valueSchema = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":[{\"type\":"
                + "\"int64\",\"field\":\"id\"},{\"type\":\"string\",\"field\":\"email\"}],\"field\":\"before\"},"
                + "{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"id\"},{\"type\":\"string\","
                + "\"field\":\"email\"}],\"field\":\"after\"},{\"type\":\"struct\",\"fields\":[],\"field\":"
                + "\"source\"},{\"type\":\"string\",\"field\":\"op\"}]},\"payload\":";
        for (long id : new long[] {-5, 0, 12_345_678_901L}) {
            add(keySchema + "{\"id\":" + id + "}}", valueSchema + "{\"before\":null,\"after\":{\"id\":" + id
                    + ",\"email\":\"a\\\"}\"},\"source\":{\"x\":\"{[\"},\"op\":\"c\"}}");
        }
        add(keySchema + "{\"id\":0}}", valueSchema + "{\"before\":{\"id\":0,\"email\":\"a\"},\"after\":null,"
                + "\"source\":{},\"op\":\"d\"}}");

        assertThat(folded.rows()).as("the same text as the table's keys, read through KeyValues")
                .containsOnlyKeys(FoldedTopic.keyText(Map.of("id", -5L)), FoldedTopic.keyText(Map.of("id",
                        12_345_678_901L)));
        FoldedTopic.Row row = folded.rows().get(FoldedTopic.keyText(Map.of("id", -5L)));
        assertThat(row.values().get("email").asText()).isEqualTo("a\"}");
        assertThat(row.schemas().get("email").path("type").asText()).isEqualTo("string");
        assertThat(folded.unreadable()).isEmpty();
    }

    @Test
    void keysThatAreNoPlainIntegersAreReadThroughTheirSchema() {
        add("{\"id\":\"abc\"}", "{\"op\":\"c\",\"after\":{\"id\":\"abc\"}}");
        add("{\"id\":7.50}", "{\"op\":\"c\",\"after\":{\"id\":7.5}}");
        add("{\"a\":1,\"b\":2}", "{\"op\":\"c\",\"after\":{\"a\":1,\"b\":2}}");

        assertThat(folded.keys()).containsExactlyInAnyOrder(FoldedTopic.keyText(Map.of("id", "abc")),
                FoldedTopic.keyText(Map.of("id", 7.5)), FoldedTopic.keyText(Map.of("a", 1, "b", 2)));
    }

    @Test
    void fieldsPresentReadsNamesWithoutParsingAndSeesAColumnNoRowCarries() throws Exception {
        add("{\"id\":1}", "{\"op\":\"c\",\"after\":{\"id\":1,\"na\\\"me\":\"x\"}}");
        add("{\"id\":2}", "{\"op\":\"c\",\"after\":{\"id\":2}}");

        assertThat(folded.fieldsPresent(java.util.List.of("id", "na\"me", "email"))).containsExactly("id", "na\"me");
    }

    @Test
    void aBase64PlaceholderOfAByteaColumnAlsoTakesTheEarlierValue() {
        String base64 = java.util.Base64.getEncoder().encodeToString(FoldedTopic.DEFAULT_PLACEHOLDER.getBytes(
                StandardCharsets.UTF_8));
        add("{\"id\":1}", "{\"op\":\"c\",\"after\":{\"id\":1,\"data\":\"AAEC\"}}");
        add("{\"id\":1}", "{\"op\":\"u\",\"after\":{\"id\":1,\"data\":\"" + base64 + "\"}}");

        assertThat(folded.rows().get(FoldedTopic.keyText(Map.of("id", 1))).values().get("data").asText())
                .isEqualTo("AAEC");
        assertThat(folded.placeholdersFilled()).isEqualTo(1);
    }

    private String email(int id) {
        JsonNode email = folded.rows().get(FoldedTopic.keyText(Map.of("id", id))).values().get("email");
        return email.asText();
    }

    private void add(String key, String value) {
        folded.add("t-0@" + offset++, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uuidAndCompositeKeysThroughTheFold() {
        Column uuidKey = new Column("key", "uuid", null, null, null, null);
        Column day = new Column("day", "date", null, null, null, null);
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        FoldedTopic folded = new FoldedTopic(FoldedTopic.DEFAULT_PLACEHOLDER, List.of(uuidKey, day));
        folded.add("t-0@0", "{\"key\":\"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\",\"day\":18262}"
                .getBytes(StandardCharsets.UTF_8), "{\"key\":\"x\",\"day\":18262}".getBytes(StandardCharsets.UTF_8));

        Map<String, Object> key = new LinkedHashMap<>();
        key.put("day", LocalDate.parse("2020-01-01"));
        key.put("key", uuid);
        assertThat(folded.rows()).containsOnlyKeys(FoldedTopic.keyText(key, Map.of("key", uuidKey, "day", day)));
    }
}
