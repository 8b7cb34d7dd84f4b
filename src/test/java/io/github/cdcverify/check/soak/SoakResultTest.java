package io.github.cdcverify.check.soak;

import io.github.cdcverify.judge.StreamChecker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary: stalls and the drain beside the counts, a failed clean-up after the verdict, never instead of it. */
class SoakResultTest {

    private static final String LEFT_BEHIND = "Could not remove everything cdcv_soak_1a2b3c4d created; still there, "
            + "remove by hand: connector cdcv_soak_1a2b3c4d: deleting connector cdcv_soak_1a2b3c4d still failed after "
            + "9 attempts in 118 s (Connect rebalancing?): DELETE /connectors/cdcv_soak_1a2b3c4d failed with HTTP "
            + "500: IO Error trying to forward REST request: Idle timeout expired";

    private static SoakResult passedAfterAStall() {
        StreamChecker checker = new StreamChecker();
        checker.finish();
        Stall stall = new Stall(Duration.ofSeconds(35), Duration.ofMillis(81_400), 4_321,
                "connector RUNNING on 127.0.0.1:8083, task 0 UNASSIGNED");
        return new SoakResult(checker, Duration.ofSeconds(100), 0, 0, null, false, List.of(stall),
                "After the last write the stream drained in 43.0 s (bound 6 min).", null);
    }

    @Test
    void aCleanUpThatFailedAfterThePassedVerdictIsReportedAfterIt() {
        SoakResult result = passedAfterAStall().withCleanupFailure(LEFT_BEHIND);

        assertThat(result.passed()).isTrue();
        List<String> lines = result.summary().lines().toList();
        assertThat(lines.get(lines.size() - 2)).startsWith("PASSED: 0 changes committed");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("clean-up failed: " + LEFT_BEHIND);
        assertThat(result.asCheckResult().passed()).isTrue();
        assertThat(result.asCheckResult().notes()).contains("WARN clean-up failed: " + LEFT_BEHIND);
    }

    @Test
    void stallsAndTheDrainAreInTheSummary() {
        String summary = passedAfterAStall().summary();

        assertThat(summary).contains("Stalls (nothing arrived for 10 s or more while changes were in flight): 1\n"
                        + "  35.0 s to 81.4 s: nothing arrived for 46.4 s (4,321 changes in flight; connector "
                        + "RUNNING on 127.0.0.1:8083, task 0 UNASSIGNED)\n"
                        + "After the last write the stream drained in 43.0 s (bound 6 min).\n"
                        + "PASSED: ")
                .doesNotContain("clean-up failed");
    }
}
