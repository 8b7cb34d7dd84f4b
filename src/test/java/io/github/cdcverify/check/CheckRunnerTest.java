package io.github.cdcverify.check;

import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
                () -> { });

        CheckResult lenient = new CheckRunner(out).run(null, List.of(warning)).get(0);
        CheckResult strict = new CheckRunner(out).failingOnWarnings(true).run(null, List.of(warning)).get(0);

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.warnings()).isEqualTo(1);
        assertThat(strict.passed()).isFalse();
        assertThat(strict.failure()).isEqualTo("1 warning (see above), and --fail-on-warnings makes warnings fail");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("    WARN tombstones.on.delete=false: ...")
                .contains("    INFO slot s: active");
    }

    private static Check check(String name, List<String> notes, Runnable body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int run(CdcStack stack) {
                body.run();
                return 1;
            }

            @Override
            public List<String> notes() {
                return notes;
            }
        };
    }
}
