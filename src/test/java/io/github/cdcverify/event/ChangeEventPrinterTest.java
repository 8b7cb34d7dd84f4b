package io.github.cdcverify.event;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.event.UsersTopicFixtures.DAVID;
import static io.github.cdcverify.event.UsersTopicFixtures.DAVID_RENAMED;
import static io.github.cdcverify.event.UsersTopicFixtures.KEY_4;
import static io.github.cdcverify.event.UsersTopicFixtures.TOPIC;
import static io.github.cdcverify.event.UsersTopicFixtures.bytes;
import static io.github.cdcverify.event.UsersTopicFixtures.envelope;
import static io.github.cdcverify.event.UsersTopicFixtures.source;
import static io.github.cdcverify.event.UsersTopicFixtures.streamedSource;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventPrinterTest {

    private final ChangeEventParser parser = new ChangeEventParser();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ChangeEventPrinter printer =
            new ChangeEventPrinter(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    private ChangeEvent event(String key, String value) {
        return parser.parse(TOPIC, 0, 42L, key == null ? null : bytes(key), value == null ? null : bytes(value));
    }

    @Test
    void createShowsKeyAndAfterLikeTheTutorialConsumer() {
        ChangeEvent create = event(KEY_4, envelope("c", "null", DAVID, streamedSource(), "null"));

        assertThat(printer.format(create)).isEqualTo("""
                Key: {"id":4}
                Operation: c, Data: {"id":4,"name":"David Smith","email":"david.smith@example.com",\
                "created_at":"2026-02-02T10:30:00.123456Z"}""");
    }

    @Test
    void updateAndSnapshotReadShowAfter() {
        ChangeEvent update = event(KEY_4, envelope("u", DAVID, DAVID_RENAMED, streamedSource(), "null"));
        ChangeEvent read = event(KEY_4, envelope("r", "null", DAVID, source("\"first\"", 1L, "1"), "null"));

        assertThat(printer.format(update)).endsWith("Operation: u, Data: " + DAVID_RENAMED);
        assertThat(printer.format(read)).endsWith("Operation: r, Data: " + DAVID);
    }

    @Test
    void deleteShowsBefore() {
        ChangeEvent delete = event(KEY_4, envelope("d", DAVID, "null", streamedSource(), "null"));

        assertThat(printer.format(delete)).isEqualTo("Key: {\"id\":4}\nOperation: d, Data: " + DAVID);
    }

    @Test
    void tombstoneSaysTheKeyWasDeleted() {
        ChangeEvent tombstone = event(KEY_4, null);

        assertThat(printer.format(tombstone)).isEqualTo("Key: {\"id\":4}\nTombstone (key deleted)");
    }

    @Test
    void truncateNamesTheTableAndHasNullKey() {
        ChangeEvent truncate = event(null, """
                {"source":%s,"op":"t","ts_ms":1770028200999}""".formatted(streamedSource()));

        assertThat(printer.format(truncate)).isEqualTo("Key: null\nOperation: t, Table: public.users");
    }

    @Test
    void printWritesTheFormattedLinesToTheStream() {
        ChangeEvent create = event(KEY_4, envelope("c", "null", DAVID, streamedSource(), "null"));

        printer.print(create);
        printer.print(event(KEY_4, null));

        assertThat(buffer.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "Key: {\"id\":4}",
                "Operation: c, Data: " + DAVID,
                "Key: {\"id\":4}",
                "Tombstone (key deleted)");
    }

    @Test
    void toJsonIsCompactAndKeepsOrder() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("z", 1);
        row.put("a", List.of("x", true));
        row.put("n", null);
        row.put("d", new BigDecimal("1E+3"));

        assertThat(ChangeEventPrinter.toJson(row)).isEqualTo("{\"z\":1,\"a\":[\"x\",true],\"n\":null,\"d\":1000}");
        assertThat(ChangeEventPrinter.toJson(null)).isEqualTo("null");
        assertThat(ChangeEventPrinter.toJson("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void toJsonFallsBackToToStringInsteadOfThrowing() {
        Object unserializable = new Object() {
            @Override
            public String toString() {
                return "opaque";
            }
        };

        assertThat(ChangeEventPrinter.toJson(unserializable)).isEqualTo("opaque");
    }

    @Test
    void describeDumpsEveryPartOfTheEvent() {
        String transaction = """
                {"id":"771:23456","total_order":1,"data_collection_order":1}""";
        ChangeEvent update = event(KEY_4, envelope("u", DAVID, DAVID_RENAMED, streamedSource(), transaction));

        String description = ChangeEventPrinter.describe(update);

        assertThat(description.lines().toList()).contains(
                "event dbserver1.public.users-0@42",
                "  op: u (update)",
                "  key: {\"id\":4}",
                "  before: " + DAVID,
                "  after: " + DAVID_RENAMED,
                "  source: public.users (streamed)",
                "  source.lsn: 23456",
                "  source.txId: 771",
                "  source.snapshot: \"false\"",
                "  source.sequence: \"[null,\\\"23456\\\"]\"",
                "  ts_ms: 1770028200456",
                "  transaction: " + transaction);
    }

    @Test
    void describeMarksSnapshotReadsAndTombstones() {
        ChangeEvent read = event(KEY_4, envelope("r", "null", DAVID, source("\"last\"", 1L, "1"), "null"));

        assertThat(ChangeEventPrinter.describe(read)).contains("  source: public.users (snapshot last)")
                .contains("  before: null");
        assertThat(ChangeEventPrinter.describe(event(KEY_4, null)))
                .isEqualTo("event dbserver1.public.users-0@42 (tombstone)\n  key: {\"id\":4}");
    }
}
