package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.Shape;
import io.github.cdcverify.suite.Leftovers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} against a running pipeline, as a CI job would call it. */
@PipelineTest
class VerifyCommandIT {

    @Test
    void printsOneLinePerCheckWritesJUnitXmlAndLeavesNothingBehind(CdcStack stack, @TempDir Path directory)
            throws Exception {
        Path report = directory.resolve("reports/cdc-verify.xml");

        CliRun run = CliRun.of(StackArgs.of(List.of("verify", "--changes", "200", "--junit-xml", report.toString()),
                StackArgs.database(stack), StackArgs.pipeline(stack)));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PASSED  snapshot\\s+3 events")
                .containsPattern("PASSED  insert-update-delete\\s+4 events")
                .containsPattern("PASSED  ordering\\s+\\d+ events")
                .contains("All 3 checks passed.").contains("stack:      external");
        assertThat(Files.readString(report))
                .contains("<testsuite name=\"cdc-verify\" tests=\"3\" failures=\"0\" errors=\"0\"")
                .contains("<testcase classname=\"cdc-verify\" name=\"ordering\"");
        Leftovers.assertNoneStartingWith(stack, CapturedTable.NAME_PREFIX + "verify");
        Leftovers.assertNoOffsetsStartingWith(stack, CapturedTable.NAME_PREFIX + "verify");
        assertShapeNoted(stack, run.out());
    }

    /** The notes name the cluster's shape and what follows from it, whatever shape the run's stack has. */
    private static void assertShapeNoted(CdcStack stack, String out) {
        Shape shape = stack.shape().orElseThrow();
        assertThat(out).contains("Kafka: " + shape.brokers() + " broker" + (shape.brokers() == 1 ? "" : "s")
                + ", new topics get " + shape.partitions() + " partition");
        String perPartition = "Kafka keeps order within a partition only: order is checked per key, transaction "
                + "contiguity and source.lsn order per partition";
        if (shape.partitions() > 1) {
            assertThat(out).contains(perPartition);
        } else {
            assertThat(out).doesNotContain(perPartition);
        }
        assertThat(out.contains("The brokers do not create topics: the checks' connectors ask Connect to"))
                .as(out).isEqualTo(!shape.topicAutoCreation());
    }

    @Test
    void connectNotThereEndsTheCommandBeforeAnyCheck(CdcStack stack) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--connect-url", "http://127.0.0.1:1"));
        args.addAll(StackArgs.database(stack));
        args.addAll(List.of("--kafka", stack.kafkaBootstrapServers()));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).startsWith("Error: Kafka Connect is not reachable at http://127.0.0.1:1")
                .contains("--connect-url");
        assertThat(run.out()).doesNotContain("snapshot").doesNotContain("remove by hand");
        Leftovers.assertNoneStartingWith(stack, CapturedTable.NAME_PREFIX + "verify");
    }

    @Test
    void exitsNonZeroWithTheReasonWhenThePipelineIsNotThere() {
        CliRun run = CliRun.of("verify", "--db-host", "127.0.0.1", "--db-port", "1", "--kafka", "127.0.0.1:1",
                "--connect-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).startsWith("Error: PostgreSQL is not reachable at 127.0.0.1:1").contains("--db-port")
                .doesNotContain("\tat ");
    }
}
