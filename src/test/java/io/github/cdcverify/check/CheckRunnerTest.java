package io.github.cdcverify.check;

import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aCleanupThatFailsAfterTheCheckFailedIsReportedToo() {
        Check failing = check("ordering", List.of(), () -> {
            AssertionError mismatch = new AssertionError("1 lost");
            mismatch.addSuppressed(new CleanupException("cdcv_verify_x", List.of("topics cdcv_verify_x.*: gone")));
            throw mismatch;
        });

        CheckResult result = new CheckRunner(out).run(null, List.of(failing)).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).startsWith("1 lost").contains("Also: Could not remove everything cdcv_verify_x "
                + "created; still there, remove by hand: topics cdcv_verify_x.*: gone");
    }

    @Test
    void warningsFailOnlyWhenAskedAndArePrintedUnderTheirCheck() {
        Check warning = check("findings", List.of("WARN tombstones.on.delete=false: ...", "INFO slot s: active"),
                () -> CheckOutcome.passed(1));

        CheckResult lenient = new CheckRunner(out).run(null, List.of(warning)).get(0);
        CheckResult strict = new CheckRunner(out).failingOnWarnings(true).run(null, List.of(warning)).get(0);

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.warnings()).isEqualTo(1);
        assertThat(strict.passed()).isFalse();
        assertThat(strict.failure()).isEqualTo("1 warning (see above), and --fail-on-warnings makes warnings fail");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("    WARN tombstones.on.delete=false: ...")
                .contains("    INFO slot s: active");
    }

    @Test
    void aCheckThatCouldNotJudgeIsAnErrorNotAFailureInTheLineAndTheJUnitXml() {
        Check unreadable = check("data", List.of(), () -> {
            throw new IllegalStateException("Connector c captures no table of database app");
        });
        Check mismatch = check("status", List.of(), () -> {
            throw new AssertionError("task 0 is FAILED");
        });

        List<CheckResult> results = new CheckRunner(out).run(null, List.of(unreadable, mismatch));

        assertThat(results.get(0).error()).isTrue();
        assertThat(results.get(0).failed()).isFalse();
        assertThat(results.get(0).line()).startsWith("ERROR   data");
        assertThat(results.get(1).failed()).isTrue();
        assertThat(results.get(1).line()).startsWith("FAILED  status");
        assertThat(JUnitXmlReport.render("cdc-verify", results)).contains("failures=\"1\" errors=\"1\"")
                .contains("<error message=\"Connector c captures no table of database app\">")
                .contains("<failure message=\"task 0 is FAILED\">");
    }

    @Test
    void aFailedOutcomeKeepsItsCountAndAnErrorOutcomeCountsNothing() {
        Check counted = check("data", List.of(),
                () -> CheckOutcome.failed("What reached the topics differs from the tables", 7));
        Check unjudged = check("probe", List.of(),
                () -> new CheckOutcome.CouldNotCheck("Connector c and its tasks are not all RUNNING"));

        List<CheckResult> results = new CheckRunner(out).run(null, List.of(counted, unjudged));

        assertThat(results.get(0).line()).startsWith("FAILED  data                        7 events");
        assertThat(results.get(0).failure()).isEqualTo("What reached the topics differs from the tables");
        assertThat(results.get(1).line()).startsWith("ERROR   probe                       0 events");
        assertThat(results.get(1).failure()).isEqualTo("Connector c and its tasks are not all RUNNING");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("    What reached the topics differs from the tables");
    }

    @Test
    void aPassedLineSaysWhatItCompared() {
        CheckResult result = new CheckResult("data", 3, "rows", java.time.Duration.ofMillis(1200), null, false,
                List.of(), "1 table, 7 events, 0 keys re-checked");

        assertThat(result.line()).isEqualTo("PASSED  data                        3 rows        1.2 s  (1 table, 7 "
                + "events, 0 keys re-checked)");
    }

    private static Check check(String name, List<String> notes, Supplier<CheckOutcome> body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckOutcome run(CdcStack stack) {
                return body.get();
            }

            @Override
            public List<String> notes() {
                return notes;
            }
        };
    }
}
