package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.scenario.PipelineTest;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
            CliRun setup = CliRun.of(args(List.of("setup", "--table", "public." + name, "--connector", name,
                    "--topic-prefix", name), StackArgs.database(stack), StackArgs.pipeline(stack)));
            assertThat(setup.exitCode()).as(setup.all()).isZero();
            assertThat(setup.out()).contains("inserted 3 rows").contains("connector RUNNING, task 0 RUNNING")
                    .contains("database.password=********");

            CliRun generate = CliRun.of(args(List.of("generate", "--table", "public." + name, "--count", "30",
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
            removeEverything(stack, name);
        }
    }

    @Test
    @DisplayName("setup a second time changes nothing and still succeeds")
    void setupIsIdempotent(CdcStack stack) throws Exception {
        String name = "cdcv_cli_" + UUID.randomUUID().toString().substring(0, 8);
        String[] setupArgs = args(List.of("setup", "--table", "public." + name, "--connector", name,
                "--topic-prefix", name), StackArgs.database(stack), StackArgs.pipeline(stack));
        try {
            assertThat(CliRun.of(setupArgs).exitCode()).isZero();
            CliRun again = CliRun.of(setupArgs);
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("it already has rows, none added").contains("connector RUNNING");
        } finally {
            removeEverything(stack, name);
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

    @SafeVarargs
    private static String[] args(List<String> command, List<String>... options) {
        List<String> all = new ArrayList<>(command);
        for (List<String> group : options) {
            all.addAll(group);
        }
        return all.toArray(String[]::new);
    }

    private static void removeEverything(CdcStack stack, String name) throws SQLException {
        new ConnectClient(stack.connectUrl()).delete(name);
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            ReplicationSlots.dropSlot(connection, DebeziumPostgresConfig.sanitize(name));
            ReplicationSlots.dropPublication(connection, DebeziumPostgresConfig.sanitize(name) + "_pub");
            new UsersTable(new TableName("public", name)).drop(connection);
        }
    }
}
