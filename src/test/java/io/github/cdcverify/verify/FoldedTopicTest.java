package io.github.cdcverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

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

    private String email(int id) {
        JsonNode email = folded.rows().get(FoldedTopic.keyText(Map.of("id", id))).values().get("email");
        return email.asText();
    }

    private void add(String key, String value) {
        folded.add("t-0@" + offset++, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
