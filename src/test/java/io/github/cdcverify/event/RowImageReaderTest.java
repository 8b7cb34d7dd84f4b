package io.github.cdcverify.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowImageReaderTest {

    private static final String KEY = "{\"id\":4}";
    private long offset;

    private List<ChangeEvent> read(RowImageReader reader, String key, String value) {
        return reader.read("t", 0, offset++, bytes(key), value == null ? null : bytes(value));
    }

    @Test
    void withoutOpFieldAKeysFirstImageIsACreateAndLaterOnesUpdates() {
        RowImageReader reader = new RowImageReader(false);

        ChangeEvent create = read(reader, KEY, "{\"id\":4,\"name\":\"Dora\",\"__deleted\":\"false\"}").get(0);
        ChangeEvent update = read(reader, KEY, "{\"id\":4,\"name\":\"Dot\",\"__deleted\":\"false\"}").get(0);

        assertThat(create.op()).isEqualTo(Op.CREATE);
        assertThat(create.after()).isEqualTo(Map.of("id", 4, "name", "Dora"));
        assertThat(create.before()).isNull();
        assertThat(update.op()).isEqualTo(Op.UPDATE);
        assertThat(update.after()).containsEntry("name", "Dot").doesNotContainKey("__deleted");
    }

    @Test
    void rewrittenDeleteCarriesItsImageAsBeforeAndMakesTheNextImageACreate() {
        RowImageReader reader = new RowImageReader(false);
        read(reader, KEY, "{\"id\":4,\"name\":\"Dora\"}");

        ChangeEvent delete = read(reader, KEY, "{\"id\":4,\"name\":null,\"__deleted\":\"true\"}").get(0);
        ChangeEvent again = read(reader, KEY, "{\"id\":4,\"name\":\"Eve\"}").get(0);

        assertThat(delete.op()).isEqualTo(Op.DELETE);
        assertThat(delete.after()).isNull();
        assertThat(delete.before()).containsEntry("id", 4).containsEntry("name", null);
        assertThat(again.op()).isEqualTo(Op.CREATE);
    }

    @Test
    void opFieldWinsOverTheKeysHistory() {
        RowImageReader reader = new RowImageReader(false);

        ChangeEvent event = read(reader, KEY, "{\"id\":4,\"name\":\"Dora\",\"__op\":\"u\"}").get(0);

        assertThat(event.op()).isEqualTo(Op.UPDATE);
    }

    @Test
    void anOpFieldThatIsNoDebeziumOpIsAMalformedRecordNamingItsPlace() {
        RowImageReader reader = new RowImageReader(false);

        assertThatThrownBy(() -> read(reader, KEY, "{\"id\":4,\"__op\":\"x\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("Cannot read record at topic t, partition 0, offset 0: the flattened row's "
                        + "'__op' is 'x', which is not a Debezium op. Check the ExtractNewRecordState");
    }

    @Test
    void aTombstoneOfAPresentKeyStandsForTheDroppedDeleteOnlyWhenToldSo() {
        RowImageReader dropping = new RowImageReader(true);
        RowImageReader keeping = new RowImageReader(false);
        read(dropping, KEY, "{\"id\":4,\"name\":\"Dora\"}");
        read(keeping, KEY, "{\"id\":4,\"name\":\"Dora\"}");

        List<ChangeEvent> dropped = read(dropping, KEY, null);
        List<ChangeEvent> kept = read(keeping, KEY, null);

        assertThat(dropped).extracting(ChangeEvent::op).containsExactly(Op.DELETE, null);
        assertThat(dropped.get(0).before()).isEqualTo(Map.of("id", 4));
        assertThat(dropped.get(1).tombstone()).isTrue();
        assertThat(kept).singleElement().satisfies(event -> assertThat(event.tombstone()).isTrue());
    }

    @Test
    void aJsonNullValueIsATombstone() {
        List<ChangeEvent> events = read(new RowImageReader(false), KEY, "null");

        assertThat(events).singleElement().satisfies(event -> assertThat(event.tombstone()).isTrue());
    }

    @Test
    void envelopesAreReadAsTheyAre() {
        ChangeEvent event = read(new RowImageReader(true), KEY, "{\"op\":\"u\",\"before\":null,"
                + "\"after\":{\"id\":4,\"name\":\"Dot\"},\"source\":{\"lsn\":7,\"txId\":3}}").get(0);

        assertThat(event.op()).isEqualTo(Op.UPDATE);
        assertThat(event.source().lsn()).isEqualTo(7L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
