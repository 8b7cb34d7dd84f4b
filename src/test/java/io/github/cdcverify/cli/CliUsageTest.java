package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliUsageTest {

    @Test
    void unknownOptionPrintsUsageAndExitsWith2() {
        CliRun run = CliRun.of("generate", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'").contains("Usage: cdc-verify generate");
    }

    @Test
    void badValuePrintsUsageAndExitsWith2() {
        CliRun run = CliRun.of("generate", "--rate", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--rate'").contains("Usage:");
    }

    @Test
    void unknownCommandExitsWith2() {
        CliRun run = CliRun.of("explode");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("explode");
    }

    @Test
    void badDurationIsExplainedWithoutStackTrace() {
        CliRun run = CliRun.of("generate", "--duration", "soon", "--db-port", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Invalid value 'soon' for --duration").doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"up", "setup", "consume", "generate", "demo"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: cdc-verify " + command);
        }
    }
}
