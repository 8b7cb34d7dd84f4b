package io.github.cdcverify.event;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.event.UsersTopicFixtures.DAVID;
import static io.github.cdcverify.event.UsersTopicFixtures.DAVID_RENAMED;
import static io.github.cdcverify.event.UsersTopicFixtures.KEY_4;
import static io.github.cdcverify.event.UsersTopicFixtures.TOPIC;
import static io.github.cdcverify.event.UsersTopicFixtures.bytes;
import static io.github.cdcverify.event.UsersTopicFixtures.envelope;
import static io.github.cdcverify.event.UsersTopicFixtures.resource;
import static io.github.cdcverify.event.UsersTopicFixtures.source;
import static io.github.cdcverify.event.UsersTopicFixtures.streamedSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventParserTest {

    private final ChangeEventParser parser = new ChangeEventParser();

    private ChangeEvent parse(String key, String value) {
        return parser.parse(TOPIC, 0, 42L, key == null ? null : bytes(key), value == null ? null : bytes(value));
    }

    @Nested
    class Envelopes {

        @Test
        void withSchemaWrapperReadsThePayload() {
            ChangeEvent event = parser.parse(TOPIC, 2, 7L,
                    resource("key-with-schema.json"), resource("create-with-schema.json"));

            assertThat(event.position()).isEqualTo("dbserver1.public.users-2@7");
            assertThat(event.tombstone()).isFalse();
            assertThat(event.op()).isEqualTo(Op.CREATE);
            assertThat(event.key()).containsExactly(Map.entry("id", 4));
            assertThat(event.before()).isNull();
            assertThat(event.after()).containsExactly(
                    Map.entry("id", 4),
                    Map.entry("name", "David Smith"),
                    Map.entry("email", "david.smith@example.com"),
                    Map.entry("created_at", "2026-02-02T10:30:00.123456Z"));
            assertThat(event.tsMs()).isEqualTo(1770028200456L);
            assertThat(event.transaction()).isNull();
            assertThat(event.source().table()).isEqualTo("users");
        }

        @Test
        void withoutSchemaWrapperReadsTheTopLevelObject() {
            ChangeEvent event = parse(KEY_4, envelope("c", "null", DAVID, streamedSource(), "null"));

            assertThat(event.op()).isEqualTo(Op.CREATE);
            assertThat(event.key()).isEqualTo(Map.of("id", 4));
            assertThat(event.after()).containsEntry("name", "David Smith")
                    .containsEntry("created_at", "2026-02-02T10:30:00.123456Z");
            assertThat(event.tsMs()).isEqualTo(1770028200456L);
        }

        @Test
        void bothConverterSettingsGiveTheSameEvent() {
            ChangeEvent wrapped = parser.parse(TOPIC, 0, 42L,
                    resource("key-with-schema.json"), resource("create-with-schema.json"));
            ChangeEvent plain = parse(KEY_4, envelope("c", "null", DAVID, streamedSource(), "null"));

            assertThat(wrapped).isEqualTo(plain);
        }

        @Test
        void rowFieldsKeepTheirColumnOrder() {
            ChangeEvent event = parse(KEY_4, envelope("c", "null", DAVID, streamedSource(), "null"));

            assertThat(event.after().keySet()).containsExactly("id", "name", "email", "created_at");
            assertThat(event.source().fields().keySet()).startsWith("version", "connector", "name", "ts_ms");
        }

        @Test
        void aKeyWhoseColumnsAreNamedSchemaAndPayloadIsNotMistakenForAWrapper() {
            ChangeEvent event = parse("""
                    {"schema":"public","payload":"x"}""", envelope("c", "null", DAVID, streamedSource(), "null"));

            assertThat(event.key()).containsExactly(Map.entry("schema", "public"), Map.entry("payload", "x"));
        }
    }

    @Nested
    class Ops {

        @Test
        void updateCarriesBeforeAndAfterWithReplicaIdentityFull() {
            ChangeEvent event = parse(KEY_4, envelope("u", DAVID, DAVID_RENAMED, streamedSource(), "null"));

            assertThat(event.op()).isEqualTo(Op.UPDATE);
            assertThat(event.before()).containsEntry("name", "David Smith");
            assertThat(event.after()).containsEntry("name", "David J. Smith");
        }

        @Test
        void updateWithReplicaIdentityDefaultHasNoBefore() {
            ChangeEvent event = parse(KEY_4, envelope("u", "null", DAVID_RENAMED, streamedSource(), "null"));

            assertThat(event.op()).isEqualTo(Op.UPDATE);
            assertThat(event.before()).isNull();
            assertThat(event.after()).containsEntry("name", "David J. Smith");
        }

        @Test
        void deleteWithReplicaIdentityDefaultHasOnlyTheKeyInBefore() {
            // pgoutput sends only the key columns; Debezium still lists every column, the non-key ones as null.
            String keyOnly = """
                    {"id":4,"name":null,"email":null,"created_at":null}""";

            ChangeEvent event = parse(KEY_4, envelope("d", keyOnly, "null", streamedSource(), "null"));

            assertThat(event.op()).isEqualTo(Op.DELETE);
            assertThat(event.after()).isNull();
            assertThat(event.before()).containsEntry("id", 4).containsEntry("name", null)
                    .containsKeys("email", "created_at");
        }

        @Test
        void deleteWithReplicaIdentityFullHasTheWholeOldRow() {
            ChangeEvent event = parse(KEY_4, envelope("d", DAVID, "null", streamedSource(), "null"));

            assertThat(event.op()).isEqualTo(Op.DELETE);
            assertThat(event.before()).containsEntry("email", "david.smith@example.com");
            assertThat(event.after()).isNull();
        }

        @ParameterizedTest(name = "snapshot={0}")
        @CsvSource({
                "'\"first\"', first, true",
                "'\"true\"', true, true",
                "'\"last\"', last, true",
                "'\"last_in_data_collection\"', last_in_data_collection, true",
                "'\"incremental\"', incremental, true",
                "'\"false\"', false, false",
                "true, true, true",
                "false, false, false",
                "null, , false"
        })
        void readKeepsTheSnapshotMarkerAsText(String snapshotJson, String expected, boolean isSnapshot) {
            ChangeEvent event = parse(KEY_4, envelope("r", "null", DAVID, source(snapshotJson, 23456L, "771"), "null"));

            assertThat(event.op()).isEqualTo(Op.READ);
            assertThat(event.source().snapshot()).isEqualTo(expected);
            assertThat(event.source().isSnapshot()).isEqualTo(isSnapshot);
            assertThat(event.source().fields()).containsKey("snapshot");
        }

        @Test
        void truncateHasNoKeyAndNoRows() {
            String truncate = """
                    {"source":%s,"transaction":null,"op":"t","ts_ms":1770028200999}""".formatted(streamedSource());

            ChangeEvent event = parse(null, truncate);

            assertThat(event.op()).isEqualTo(Op.TRUNCATE);
            assertThat(event.key()).isNull();
            assertThat(event.before()).isNull();
            assertThat(event.after()).isNull();
            assertThat(event.tombstone()).isFalse();
            assertThat(event.source().table()).isEqualTo("users");
            assertThat(event.tsMs()).isEqualTo(1770028200999L);
        }

        @Test
        void logicalDecodingMessageParsesWithoutRows() {
            // pg_logical_emit_message(false, 'audit', 'hello'): non-transactional, so no txId and no table.
            String message = """
                    {"op":"m","ts_ms":1770028201000,"source":{"version":"3.7.0.Final","connector":"postgresql",\
                    "name":"dbserver1","ts_ms":1770028200999,"snapshot":"false","db":"inventory",\
                    "sequence":"[null,\\"23900\\"]","schema":"","table":"","txId":null,"lsn":23900,"xmin":null},\
                    "message":{"prefix":"audit","content":"aGVsbG8="}}""";

            ChangeEvent event = parser.parse("dbserver1.message", 0, 3L, bytes("""
                    {"prefix":"audit"}"""), bytes(message));

            assertThat(event.op()).isEqualTo(Op.MESSAGE);
            assertThat(event.before()).isNull();
            assertThat(event.after()).isNull();
            assertThat(event.key()).containsEntry("prefix", "audit");
            assertThat(event.source().txId()).isNull();
            assertThat(event.source().lsn()).isEqualTo(23900L);
        }
    }

    @Nested
    class Tombstones {

        @ParameterizedTest
        @NullAndEmptySource
        void nullOrEmptyValueIsATombstone(String value) {
            ChangeEvent event = parser.parse(TOPIC, 1, 43L, bytes(KEY_4), value == null ? null : bytes(value));

            assertThat(event.tombstone()).isTrue();
            assertThat(event.key()).isEqualTo(Map.of("id", 4));
            assertThat(event.op()).isNull();
            assertThat(event.before()).isNull();
            assertThat(event.after()).isNull();
            assertThat(event.source()).isNull();
            assertThat(event.tsMs()).isNull();
            assertThat(event.position()).isEqualTo("dbserver1.public.users-1@43");
        }

        @Test
        void tombstoneKeyWithSchemaWrapperIsUnwrapped() {
            ChangeEvent event = parser.parse(TOPIC, 0, 43L, resource("key-with-schema.json"), null);

            assertThat(event.tombstone()).isTrue();
            assertThat(event.key()).containsExactly(Map.entry("id", 4));
        }

        @Test
        void nullKeyIsNullForKeylessTables() {
            ChangeEvent event = parse(null, envelope("c", "null", DAVID, streamedSource(), "null"));

            assertThat(event.key()).isNull();
            assertThat(event.after()).isNotNull();
        }
    }

    @Nested
    class SourceAndMetadata {

        @Test
        void sourceFieldsAreTypedAndAllKept() {
            ChangeEvent event = parse(KEY_4, envelope("c", "null", DAVID, source("\"false\"", 24023128L, "771"),
                    "null"));

            Source source = event.source();
            assertThat(source.connector()).isEqualTo("postgresql");
            assertThat(source.name()).isEqualTo("dbserver1");
            assertThat(source.db()).isEqualTo("inventory");
            assertThat(source.schema()).isEqualTo("public");
            assertThat(source.table()).isEqualTo("users");
            assertThat(source.lsn()).isInstanceOf(Long.class).isEqualTo(24023128L);
            assertThat(source.txId()).isInstanceOf(Long.class).isEqualTo(771L);
            assertThat(source.tsMs()).isEqualTo(1770028200123L);
            assertThat(source.fields())
                    .containsEntry("version", "3.7.0.Final")
                    .containsEntry("sequence", "[null,\"24023128\"]")
                    .containsEntry("ts_ns", 1770028200123456000L)
                    .containsEntry("xmin", null)
                    .containsKeys("origin", "origin_lsn");
        }

        @Test
        void lsnBeyondIntRangeStaysExact() {
            long lsn = 0x1_6B37_4D48L;
            ChangeEvent event = parse(KEY_4, envelope("c", "null", DAVID, source("\"false\"", lsn, "4294967301"),
                    "null"));

            assertThat(event.source().lsn()).isEqualTo(lsn);
            assertThat(event.source().txId()).isEqualTo(4294967301L);
            assertThat(event.source().fields().get("lsn")).isInstanceOf(Long.class);
        }

        @Test
        void transactionBlockIsKept() {
            String transaction = """
                    {"id":"771:24023128","total_order":3,"data_collection_order":2}""";

            ChangeEvent event = parse(KEY_4, envelope("c", "null", DAVID, streamedSource(), transaction));

            assertThat(event.transaction()).containsExactly(
                    Map.entry("id", "771:24023128"),
                    Map.entry("total_order", 3),
                    Map.entry("data_collection_order", 2));
        }

        @Test
        void absentTransactionBlockIsNull() {
            String noTransaction = """
                    {"before":null,"after":%s,"source":%s,"op":"c","ts_ms":1770028200456}"""
                    .formatted(DAVID, streamedSource());

            assertThat(parse(KEY_4, noTransaction).transaction()).isNull();
        }

        @Test
        void columnValuesBecomePlainJavaTypes() {
            String row = """
                    {"id":4,"big":9223372036854775807,"huge":92233720368547758070,"ratio":0.25,\
                    "precise":0.12345678901234567890123,"flag":true,"tags":["a",1],"nested":{"x":null}}""";

            Map<String, Object> after = parse(KEY_4, envelope("c", "null", row, streamedSource(), "null")).after();

            assertThat(after.get("id")).isInstanceOf(Integer.class);
            assertThat(after.get("big")).isEqualTo(Long.MAX_VALUE);
            assertThat(after.get("huge")).isEqualTo(new BigDecimal("92233720368547758070"));
            assertThat(after.get("ratio")).isEqualTo(0.25d);
            assertThat(after.get("precise")).isEqualTo(new BigDecimal("0.12345678901234567890123"));
            assertThat(after.get("flag")).isEqualTo(Boolean.TRUE);
            assertThat(after.get("tags")).isEqualTo(List.of("a", 1));
            assertThat(after.get("nested")).isInstanceOf(java.util.LinkedHashMap.class);
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void invalidJsonNamesPositionAndProblem() {
            assertThatThrownBy(() -> parser.parse(TOPIC, 3, 1234L, bytes(KEY_4), bytes("{\"op\":\"c\",")))
                    .isInstanceOfSatisfying(MalformedEventException.class, e -> {
                        assertThat(e.topic()).isEqualTo(TOPIC);
                        assertThat(e.partition()).isEqualTo(3);
                        assertThat(e.offset()).isEqualTo(1234L);
                        assertThat(e.getMessage())
                                .contains(TOPIC, "partition 3", "offset 1234", "value is not valid JSON",
                                        "JSON converter")
                                .doesNotContain("\n");
                    });
        }

        @Test
        void plainTextValueIsNotJson() {
            assertThatThrownBy(() -> parse(KEY_4, "David Smith was here"))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void jsonArrayIsRejected() {
            assertThatThrownBy(() -> parse(KEY_4, "[" + DAVID + "]"))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("offset 42")
                    .hasMessageContaining("value is a JSON array, expected a JSON object");
        }

        @Test
        void objectWithoutOpListsItsFields() {
            // What a consumer sees when ExtractNewRecordState flattened the envelope to the bare row.
            assertThatThrownBy(() -> parse(KEY_4, DAVID))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("not a Debezium change event envelope: no 'op' field")
                    .hasMessageContaining("[id, name, email, created_at]")
                    .hasMessageContaining(TOPIC);
        }

        @Test
        void unknownOpIsRejected() {
            assertThatThrownBy(() -> parse(KEY_4, envelope("x", "null", DAVID, streamedSource(), "null")))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("not a Debezium op [c, u, d, r, t, m]")
                    .hasMessageContaining("'x'");
        }

        @Test
        void invalidKeyIsReportedAsTheKey() {
            assertThatThrownBy(() -> parse("not json", envelope("c", "null", DAVID, streamedSource(), "null")))
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("key is not valid JSON");
        }

        @Test
        void longGarbageIsAbbreviatedInTheMessage() {
            String longArray = "[" + "1,".repeat(500) + "1]";

            assertThatThrownBy(() -> parse(KEY_4, longArray))
                    .isInstanceOf(MalformedEventException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700).contains("..."));
        }
    }
}
