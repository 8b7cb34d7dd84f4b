package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MixTest {

    @Test
    void parsesThreeWeights() {
        assertThat(Mix.parse("60:30:10")).isEqualTo(new Mix(60, 30, 10));
    }

    @Test
    void allowsBlanksAroundWeights() {
        assertThat(Mix.parse(" 1 : 2 :3 ")).isEqualTo(new Mix(1, 2, 3));
    }

    @Test
    void allowsZeroWeightsAsLongAsOneIsPositive() {
        assertThat(Mix.parse("100:0:0")).isEqualTo(new Mix(100, 0, 0));
        assertThat(Mix.parse("0:0:1").total()).isEqualTo(1);
    }

    @Test
    void toStringIsParseable() {
        Mix mix = new Mix(7, 2, 1);
        assertThat(Mix.parse(mix.toString())).isEqualTo(mix);
        assertThat(Mix.DEFAULT).hasToString("60:30:10");
    }

    @Test
    void rejectsWrongNumberOfParts() {
        assertThatThrownBy(() -> Mix.parse("60:40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'60:40'")
                .hasMessageContaining("insert:update:delete");
        assertThatThrownBy(() -> Mix.parse("1:2:3:4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mix.parse("1:2:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonNumbersNamingTheWeight() {
        assertThatThrownBy(() -> Mix.parse("60:x:10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("update weight 'x'");
        assertThatThrownBy(() -> Mix.parse("6.5:3:1")).hasMessageContaining("insert weight '6.5'");
    }

    @Test
    void rejectsNegativeWeights() {
        assertThatThrownBy(() -> Mix.parse("60:30:-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delete weight must be 0 or more, but was -1");
    }

    @Test
    void rejectsAllZero() {
        assertThatThrownBy(() -> new Mix(0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void rejectsWeightsWhoseSumOverflows() {
        assertThatThrownBy(() -> new Mix(Integer.MAX_VALUE, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void rejectsNullAndBlank() {
        assertThatThrownBy(() -> Mix.parse(null)).hasMessageContaining("60:30:10");
        assertThatThrownBy(() -> Mix.parse("  ")).hasMessageContaining("60:30:10");
    }

    @Test
    void picksOnlyOpsWithWeight() {
        Random random = new Random(1);
        Mix onlyUpdates = new Mix(0, 5, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(onlyUpdates.pick(random)).isEqualTo(Op.UPDATE);
        }
    }

    @Test
    void picksRoughlyInProportion() {
        Random random = new Random(42);
        Map<Op, Integer> counts = new EnumMap<>(Op.class);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(Mix.DEFAULT.pick(random), 1, Integer::sum);
        }
        assertThat(counts.get(Op.CREATE)).isBetween(59_000, 61_000);
        assertThat(counts.get(Op.UPDATE)).isBetween(29_000, 31_000);
        assertThat(counts.get(Op.DELETE)).isBetween(9_500, 10_500);
    }
}
