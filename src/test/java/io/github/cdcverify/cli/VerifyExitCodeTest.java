package io.github.cdcverify.cli;

import io.github.cdcverify.check.CheckResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyExitCodeTest {

    private static final CheckResult PASSED = result(null, false);
    private static final CheckResult FAILED = result("1 lost", false);
    private static final CheckResult ERROR = result("cannot read", true);

    @Test
    void everyExitCodeMeansOneThing() {
        assertThat(VerifyCommand.exitCode(List.of(PASSED, PASSED))).isZero();
        assertThat(VerifyCommand.exitCode(List.of(PASSED, ERROR))).isEqualTo(3);
        assertThat(VerifyCommand.exitCode(List.of(ERROR, FAILED))).as("a certain defect outranks an unfinished check")
                .isEqualTo(1);
    }

    @Test
    void theVerdictLineCountsFailuresAndChecksThatCouldNotJudge() {
        assertThat(VerifyCommand.verdict(List.of(PASSED, PASSED))).isEqualTo("All 2 checks passed.");
        assertThat(VerifyCommand.verdict(List.of(PASSED, ERROR))).isEqualTo("1 of 2 checks could not check the "
                + "pipeline (ERROR).");
        assertThat(VerifyCommand.verdict(List.of(FAILED, ERROR, PASSED))).isEqualTo("1 of 3 checks failed; 1 of 3 "
                + "checks could not check the pipeline (ERROR).");
    }

    private static CheckResult result(String failure, boolean error) {
        return new CheckResult("c", 1, Duration.ZERO, failure, error);
    }
}
