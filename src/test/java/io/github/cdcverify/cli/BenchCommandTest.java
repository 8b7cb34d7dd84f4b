package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench command's usage and bad input; each case fails before any pipeline starts. */
class BenchCommandTest {

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: cdc-verify bench", "--quick", "--latency-count", "--latency-rate",
                "--rows", "--skip-throughput", "--baseline", "--connector-property", "--data-check", "--data-rows",
                "--data-events");
    }

    @Test
    void aValueThatIsNoNumberIsAUsageError() {
        CliRun run = CliRun.of("bench", "--latency-count", "many");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--latency-count'");
    }

    @Test
    void anImpossibleCountIsExplainedInOneParagraph() {
        CliRun run = CliRun.of("bench", "--latency-count", "0");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).contains("--latency-count must be at least 1").doesNotContain("\tat ");
    }

    @Test
    void dataCheckWithFewerEventsThanRowsIsRefusedBeforeTheRun() {
        CliRun run = CliRun.of("bench", "--data-check", "--data-rows", "10", "--data-events", "5");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).contains("--data-check needs at least 1 row and at least as many events as rows "
                + "(every row is inserted once): got 10 rows and 5 events.").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Starting the pipeline");
    }

    @Test
    void aBaselineThatIsNoReportIsRefusedBeforeTheRun(@TempDir Path directory) throws Exception {
        Path notAReport = Files.writeString(directory.resolve("notes.json"), "{\"hello\": 1}");

        CliRun missing = CliRun.of("bench", "--baseline", directory.resolve("missing.json").toString());
        CliRun wrong = CliRun.of("bench", "--baseline", notAReport.toString());

        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(3);
        assertThat(missing.err()).contains("is not a file").doesNotContain("Starting the pipeline");
        assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(3);
        assertThat(wrong.err()).contains("not a bench report");
        assertThat(wrong.out()).doesNotContain("Starting the pipeline");
    }
}
