package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LiveRowsTest {

    @Test
    void tracksKeysAndLastValues() {
        LiveRows live = new LiveRows();
        live.put(1, Map.of("name", "a"));
        live.put(2, Map.of("name", "b"));
        live.put(1, Map.of("name", "c"));

        assertThat(live.size()).isEqualTo(2);
        assertThat(live.valuesOf(1)).containsEntry("name", "c");
    }

    @Test
    void removesFromAnyPositionKeepingTheRestReachable() {
        LiveRows live = new LiveRows();
        for (int key = 1; key <= 5; key++) {
            live.put(key, Map.of());
        }
        live.remove(2);
        live.remove(5);
        live.remove(42);

        Set<Integer> remaining = new HashSet<>();
        for (int i = 0; i < live.size(); i++) {
            remaining.add(live.keyAt(i));
        }
        assertThat(remaining).containsExactlyInAnyOrder(1, 3, 4);
        assertThat(live.contains(2)).isFalse();
        assertThat(live.valuesOf(2)).isNull();
        live.remove(1);
        live.remove(3);
        live.remove(4);
        assertThat(live.isEmpty()).isTrue();
    }
}
