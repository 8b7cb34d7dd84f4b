package io.github.cdcverify.judge;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFormatTest {

    private static RecordFormat format(String... settings) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return RecordFormat.of(config);
    }

    private static String[] unwrap(String... more) {
        String[] base = {"transforms", "route, unwrap", "transforms.route.type", "some.Other",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void envelopesWithTombstonesByDefault() {
        RecordFormat format = format();

        assertThat(format.flattened()).isFalse();
        assertThat(format.tombstones()).isTrue();
        assertThat(format.notes()).isEmpty();
    }

    @Test
    void tombstonesOffOnDeleteAreNotRequired() {
        RecordFormat format = format("tombstones.on.delete", "false");

        assertThat(format.tombstones()).isFalse();
        assertThat(format.notes()).containsExactly("INFO probe: the connector sends no tombstone after a delete, so "
                + "none is required");
    }

    @Test
    void unwrapKeepsOnlyTombstonesByDefault() {
        RecordFormat format = format(unwrap());

        assertThat(format.unwrap()).isEqualTo("unwrap");
        assertThat(format.tombstoneMeansDelete()).isTrue();
        assertThat(format.tombstones()).isTrue();
        assertThat(format.opField()).isFalse();
        assertThat(format.notes()).singleElement().asString()
                .contains("delete.tombstone.handling.mode=tombstone", "each key's ops are told by their order");
    }

    @Test
    void rewriteSendsNoTombstoneAndOpFieldNamesTheOp() {
        RecordFormat format = format(unwrap("transforms.unwrap.delete.tombstone.handling.mode", "rewrite",
                "transforms.unwrap.add.fields", "lsn,op"));

        assertThat(format.tombstoneMeansDelete()).isFalse();
        assertThat(format.tombstones()).isFalse();
        assertThat(format.opField()).isTrue();
        assertThat(format.notes()).hasSize(2).first().asString().contains("ops are read from __op");
    }

    @Test
    void rewriteWithTombstoneKeepsThem() {
        assertThat(format(unwrap("transforms.unwrap.delete.tombstone.handling.mode", "rewrite-with-tombstone"))
                .tombstones()).isTrue();
    }
}
