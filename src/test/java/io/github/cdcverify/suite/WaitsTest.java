package io.github.cdcverify.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitsTest {

    @Test
    void theScaleIsOneUnlessSetToAPositiveNumber() {
        assertThat(Waits.scale(null)).isEqualTo(1);
        assertThat(Waits.scale(" ")).isEqualTo(1);
        assertThat(Waits.scale("2")).isEqualTo(2);
        assertThat(Waits.scale("1.5")).isEqualTo(1.5);
        for (String wrong : new String[] {"0", "-1", "fast", "NaN"}) {
            assertThatThrownBy(() -> Waits.scale(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cdc.timeout-scale is '" + wrong + "', not a positive number: every wait of the "
                            + "scenarios is multiplied by it, e.g. -Dcdc.timeout-scale=2 on a slow machine (default 1).");
        }
    }
}
