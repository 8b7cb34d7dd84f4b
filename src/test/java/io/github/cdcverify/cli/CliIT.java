package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutorial's flow through the command line, against the run's pipeline. */
@PipelineTest
class CliIT {

    @Test
    @DisplayName("setup, generate and consume: every committed change is printed")
    void setupGenerateConsume(CdcStack stack) throws Exception {
        String name = "cdcv_cli_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            CliRun setup = CliRun.of(StackArgs.of(List.of("setup", "--table", "public." + name, "--connector", name,
                    "--topic-prefix", name), StackArgs.database(stack), StackArgs.pipeline(stack)));
            assertThat(setup.exitCode()).as(setup.all()).isZero();
            assertThat(setup.out()).contains("inserted 3 rows").contains("connector RUNNING, task 0 RUNNING")
                    .contains("database.password=********");

            CliRun generate = CliRun.of(StackArgs.of(List.of("generate", "--table", "public." + name, "--count", "30",
                    "--rate", "0", "--mix", "1:0:0", "--seed", "7"), StackArgs.database(stack)));
            assertThat(generate.exitCode()).as(generate.all()).isZero();
            assertThat(generate.out()).contains("Committed 30 changes (30 inserts, 0 updates, 0 deletes)");

            CliRun consume = CliRun.of("consume", "--kafka", stack.kafkaBootstrapServers(), "--topic",
                    name + ".public." + name, "--max-events", "33", "--timeout", "60s");
            assertThat(consume.exitCode()).as(consume.all()).isZero();
            assertThat(consume.out().lines().filter(line -> line.startsWith("Operation: r"))).hasSize(3);
            assertThat(consume.out().lines().filter(line -> line.startsWith("Operation: c"))).hasSize(30);
            assertThat(consume.out()).contains("Key: {\"id\":1}").contains("\"name\":\"Alice\"")
                    .contains("Read 33 events.");
        } finally {
            StackArgs.removeEverything(stack, name);
        }
    }

    @Test
    @DisplayName("setup a second time changes nothing and still succeeds")
    void setupIsIdempotent(CdcStack stack) throws Exception {
        String name = "cdcv_cli_" + UUID.randomUUID().toString().substring(0, 8);
        String[] setupArgs = StackArgs.of(List.of("setup", "--table", "public." + name, "--connector", name,
                "--topic-prefix", name), StackArgs.database(stack), StackArgs.pipeline(stack));
        try {
            assertThat(CliRun.of(setupArgs).exitCode()).isZero();
            CliRun again = CliRun.of(setupArgs);
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("it already has rows, none added").contains("connector RUNNING");
        } finally {
            StackArgs.removeEverything(stack, name);
        }
    }

    @Test
    @DisplayName("demo runs the whole tutorial in one process and reports a clean summary")
    void demo() {
        CliRun demo = CliRun.of("demo", "--duration", "3s", "--rate", "50", "--quiet");

        assertThat(demo.exitCode()).as(demo.all()).isZero();
        assertThat(demo.out()).contains("Summary").contains("lost                   0")
                .contains("OK: every committed change arrived once, in commit order per key.");
    }
}
