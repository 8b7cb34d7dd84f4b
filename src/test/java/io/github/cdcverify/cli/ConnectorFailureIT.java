package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorFailedException;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.ConnectorDatabase;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static io.github.cdcverify.cli.StackArgs.database;
import static io.github.cdcverify.cli.StackArgs.of;
import static io.github.cdcverify.cli.StackArgs.pipeline;
import static io.github.cdcverify.cli.StackArgs.setup;
import static io.github.cdcverify.cli.StackArgs.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A connector whose task fails at run time: the wait ends at once with the task's root cause in one paragraph. */
@PipelineTest
class ConnectorFailureIT {

    @Test
    @DisplayName("a connector whose slot another connector holds: awaitRunning throws with the root cause")
    void slotAlreadyInUse(CdcStack stack) {
        try (CapturedTable owner = CapturedTable.on(stack, "slotowner").start()) {
            String twin = owner.connectorName() + "_twin";
            ConnectClient connect = owner.connect();
            PostgresEndpoint pg = stack.postgres();
            try {
                connect.createOrUpdate(twin, ConnectorDatabase.of(DebeziumPostgresConfig.forConnector(twin), pg)
                        .withTopicPrefix(twin).withTables(owner.table().qualified())
                        .withSlotName(owner.slotName()).withPublicationName(owner.publicationName())
                        // Debezium waits for a busy slot 6 x 10 s by default; the failure is what is tested here.
                        .with("slot.max.retries", "1").with("slot.retry.delay.ms", "100")
                        // Debezium retries a failed stream start forever by default; fail the task instead.
                        .with("errors.max.retries", "0").toMap());
                // The task reports RUNNING before its stream starts, so wait for the failure, then ask.
                await().atMost(Waits.RUNNING).until(() -> connect.status(twin).isFailed());

                assertThatThrownBy(() -> connect.awaitRunning(twin, Waits.RUNNING))
                        .isInstanceOfSatisfying(ConnectorFailedException.class, failed -> {
                            assertThat(failed.getMessage()).startsWith("Connector '" + twin + "' task 0 FAILED: ")
                                    .contains(owner.slotName()).contains("is active for PID")
                                    .contains("restart?includeTasks=true&onlyFailed=true")
                                    .doesNotContain("\tat ").doesNotContainPattern("\\R");
                            assertThat(failed.trace()).contains("\tat ");
                        });
            } finally {
                connect.delete(twin);
            }
        }
    }

    @Test
    @DisplayName("a task that fails while starting (no publication, autocreate disabled): start() throws, nothing stays")
    void taskFailsWhileStarting(CdcStack stack) throws Exception {
        CapturedTable.Builder builder = CapturedTable.on(stack, "nopub")
                .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled"));

        assertThatThrownBy(builder::start).isInstanceOfSatisfying(ConnectorFailedException.class, failed ->
                assertThat(failed.getMessage()).matches("Connector 'cdcv_nopub_[0-9a-f]{8}' task 0 FAILED: .*")
                        .containsIgnoringCase("publication").doesNotContainPattern("\\R"));
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            assertThat(io.github.cdcverify.setup.ReplicationSlots.slotsStartingWith(connection, "cdcv_nopub_"))
                    .isEmpty();
            assertThat(io.github.cdcverify.setup.ReplicationSlots.publicationsStartingWith(connection,
                    "cdcv_nopub_")).isEmpty();
        }
        assertThat(new ConnectClient(stack.connectUrl()).connectors()).noneMatch(n -> n.startsWith("cdcv_nopub_"));
    }

    @Test
    @DisplayName("setup as a user that may not publish the table: the CLI prints the failed task's root cause")
    void taskFailsForLackOfPermission(CdcStack stack) throws Exception {
        String name = uniqueName("noowner");
        String role = uniqueName("repl");
        TableName table = new TableName("public", name);
        try (Connection admin = PostgresConnections.open(stack.postgres());
             Statement statement = admin.createStatement()) {
            // REPLICATION passes preflight; the table belongs to someone else, so Debezium cannot publish it.
            statement.execute("CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD 'Repl-only-9'");
            new UsersTable(table).create(admin);
            new UsersTable(table).seedIfEmpty(admin);
            statement.execute("GRANT SELECT ON " + table.quoted() + " TO " + role);
            statement.execute("GRANT CREATE ON SCHEMA public TO " + role);
            try {
                CliRun run = CliRun.of(of(setup(name), database(stack, role, "Repl-only-9"), pipeline(stack)));

                BadInputIT.assertCleanFailure(run, "Connector '" + name + "' task 0 FAILED: ",
                        "Fix the cause, then restart it with POST " + stack.connectUrl() + "/connectors/" + name);
                assertThat(run.err()).containsAnyOf("permission denied", "must be owner");
                assertThat(run.out()).contains("Registered connector '" + name + "'");
            } finally {
                StackArgs.removeEverything(stack, name);
                statement.execute("DROP OWNED BY " + role);
                statement.execute("DROP ROLE " + role);
            }
        }
    }
}
