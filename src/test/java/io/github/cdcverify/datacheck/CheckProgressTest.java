package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 5 * SECOND;
    private final List<String> lines = new ArrayList<>();
    private final CheckProgress progress = new CheckProgress("public.users", lines::add, () -> now, 10 * SECOND);

    @Test
    void aRunShorterThanTheIntervalPrintsNothing() {
        progress.expectEvents(100_000);
        for (int i = 0; i < 100_000; i++) {
            progress.event();
        }
        now += 9 * SECOND;
        progress.comparing();
        for (int i = 0; i < 50_000; i++) {
            progress.row();
        }
        progress.tick();

        assertThat(lines).isEmpty();
    }

    @Test
    void aLongRunPrintsEveryIntervalWithRateAndTimeLeft() {
        progress.expectEvents(3_000_000);
        readEvents(1_000_000, 10);

        assertThat(lines).containsExactly(
                "data public.users: 1,000,000 of 3,000,000 events read (100,000/s), about 20 s left");

        readEvents(500_000, 5);
        assertThat(lines).as("not due again before another 10 s").hasSize(1);
        readEvents(500_000, 5);
        assertThat(lines).hasSize(2).last().asString()
                .isEqualTo("data public.users: 2,000,000 of 3,000,000 events read (100,000/s), about 10 s left");
    }

    @Test
    void comparingCountsRowsAgainstTheEstimateAndSaysNoTimeLeftWithoutOne() {
        progress.expectEvents(40_960);
        readEvents(40_960, 1);
        progress.comparing();
        progress.expectRows(100_000);
        for (int i = 0; i < 40_960; i++) {
            progress.row();
        }
        assertThat(lines).as("rows counted within the first 10 s").isEmpty();
        now += 20 * SECOND;
        progress.tick();

        assertThat(lines).containsExactly("data public.users: 40,960 events read; 40,960 of ~100,000 rows compared "
                + "(2,048/s), about 29 s left");

        CheckProgress unknown = new CheckProgress("t", lines::add, () -> now, 10 * SECOND);
        unknown.comparing();
        now += 10 * SECOND;
        unknown.tick();
        assertThat(lines).last().asString().isEqualTo("data t: 0 events read; 0 rows compared (0/s)");
    }

    @Test
    void aStallLongerThanSeveralIntervalsPrintsOneLine() {
        progress.expectEvents(-1);
        now += 35 * SECOND;
        progress.tick();
        progress.tick();

        assertThat(lines).containsExactly("data public.users: 0 events read (0/s)");
    }

    /** Reads {@code count} events spread over {@code seconds}, the clock moving as they arrive. */
    private void readEvents(int count, int seconds) {
        long step = seconds * SECOND / count;
        for (int i = 0; i < count; i++) {
            now += step;
            progress.event();
        }
        progress.tick();
    }
}
