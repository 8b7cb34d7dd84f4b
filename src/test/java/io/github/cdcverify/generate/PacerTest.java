package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void schedulesChangesEvenlyFromTheStart() {
        Pacer pacer = new Pacer(4, 1_000, null);
        assertThat(pacer.dueNanos(0)).isEqualTo(1_000);
        assertThat(pacer.dueNanos(1)).isEqualTo(1_000 + 250_000_000);
        assertThat(pacer.dueNanos(8)).isEqualTo(1_000 + 2_000_000_000L);
    }

    @Test
    void unlimitedRateNeverWaits() {
        Pacer pacer = new Pacer(0, System.nanoTime(), null);
        assertThat(pacer.dueNanos(1_000_000)).isEqualTo(pacer.dueNanos(0));
        assertThat(pacer.awaitTurn(1_000_000, () -> false)).isTrue();
    }

    @Test
    void knowsWhenTheDurationIsUsedUp() {
        Pacer pacer = new Pacer(0, 0, Duration.ofSeconds(1));
        assertThat(pacer.pastDeadline(999_999_999)).isFalse();
        assertThat(pacer.pastDeadline(1_000_000_000)).isTrue();
        assertThat(new Pacer(0, 0, null).pastDeadline(Long.MAX_VALUE / 2)).isFalse();
    }

    @Test
    void survivesStartsNearTheEndOfTheNanoTimeRangeAndHugeDurations() {
        Pacer pacer = new Pacer(0, Long.MAX_VALUE - 10, Duration.ofDays(1_000_000));
        assertThat(pacer.pastDeadline(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void paces() {
        long start = System.nanoTime();
        Pacer pacer = new Pacer(100, start, null);
        for (int i = 0; i <= 10; i++) {
            assertThat(pacer.awaitTurn(i, () -> false)).isTrue();
        }
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void stopsWaitingWhenAskedOrWhenTheDeadlinePasses() {
        long start = System.nanoTime();
        assertThat(new Pacer(0.001, start, null).awaitTurn(1, () -> true)).isFalse();

        Pacer shortRun = new Pacer(0.001, start, Duration.ofMillis(50));
        assertThat(shortRun.awaitTurn(1, () -> false)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
    }
}
