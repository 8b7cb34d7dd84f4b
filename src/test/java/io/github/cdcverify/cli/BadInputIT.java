package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.setup.ConnectorTopicWait;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.SetupException;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TutorialSetup;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.github.cdcverify.cli.StackArgs.database;
import static io.github.cdcverify.cli.StackArgs.of;
import static io.github.cdcverify.cli.StackArgs.pipeline;
import static io.github.cdcverify.cli.StackArgs.setup;
import static io.github.cdcverify.cli.StackArgs.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bad-input catalogue: each wrong setting gets exit code 3 and one paragraph naming what is wrong and how to fix
 * it, no stack trace, and nothing registered that should not be.
 */
@PipelineTest
class BadInputIT {

    @Test
    @DisplayName("wal_level=replica: setup fails in preflight, before creating or registering anything")
    void walLevelReplica(CdcStack stack) throws Exception {
        String name = uniqueName("walrep");
        try (EmbeddedPostgres replica = EmbeddedPostgres.builder().setServerConfig("wal_level", "replica")
                .setServerConfig("listen_addresses", "127.0.0.1").setPGStartupWait(Waits.RUNNING).start()) {
            CliRun run = CliRun.of(of(setup(name), List.of("--db-host", "127.0.0.1", "--db-port",
                    String.valueOf(replica.getPort()), "--db-name", "postgres", "--db-user", "postgres",
                    "--db-password-file", StackArgs.passwordFile("postgres").toString()), pipeline(stack)));

            assertCleanFailure(run, "PostgreSQL is not ready for change data capture: wal_level is 'replica' but "
                    + "Debezium needs 'logical'", "ALTER SYSTEM SET wal_level = logical", "restart PostgreSQL");
            assertThat(new ConnectClient(stack.connectUrl()).exists(name)).as("connector registered").isFalse();
            try (Connection connection = replica.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = '"
                         + name + "'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("table created").isZero();
            }
        }
    }

    @Test
    @DisplayName("wrong password: the user is named, the password options are named")
    void wrongPassword(CdcStack stack) throws Exception {
        String name = uniqueName("badpw");
        CliRun run = CliRun.of(of(setup(name), database(stack, stack.postgres().user(), "not-the-password"),
                pipeline(stack)));

        assertCleanFailure(run, "refused user 'postgres': wrong password or no permission to log in",
                "--db-password-file or the CDC_DB_PASSWORD environment variable");
        assertThat(run.all()).doesNotContain("not-the-password");
        assertThat(new ConnectClient(stack.connectUrl()).exists(name)).isFalse();
    }

    @Test
    @DisplayName("database missing: says how to create it or choose another")
    void databaseMissing(CdcStack stack) throws Exception {
        String name = uniqueName("nodb");
        List<String> options = new java.util.ArrayList<>(database(stack));
        options.set(options.indexOf("--db-name") + 1, "cdcv_no_such_db");
        CliRun run = CliRun.of(of(setup(name), options, pipeline(stack)));

        assertCleanFailure(run, "Database 'cdcv_no_such_db' does not exist on PostgreSQL at 127.0.0.1:"
                + stack.postgres().port(), "CREATE DATABASE cdcv_no_such_db", "--db-name");
        assertThat(new ConnectClient(stack.connectUrl()).exists(name)).isFalse();
    }

    @Test
    @DisplayName("generate into a missing table: says to run setup first")
    void tableMissing(CdcStack stack) {
        String name = uniqueName("notable");
        CliRun run = CliRun.of(of(List.of("generate", "--table", "public." + name, "--count", "5"),
                database(stack)));

        assertCleanFailure(run, "(table \"public\".\"" + name + "\")", "SQLState 42P01",
                "The table does not exist: run setup first");
        assertThat(run.out()).doesNotContain("Committed");
    }

    @Test
    @DisplayName("a user without REPLICATION: preflight names the user and the ALTER ROLE that fixes it")
    void userWithoutReplication(CdcStack stack) throws Exception {
        String name = uniqueName("norepl");
        String role = uniqueName("role");
        try (Connection admin = PostgresConnections.open(stack.postgres());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'Login-only-7'");
            try {
                CliRun run = CliRun.of(of(setup(name), database(stack, role, "Login-only-7"), pipeline(stack)));

                assertCleanFailure(run, "user '" + role + "' has no REPLICATION privilege",
                        "ALTER ROLE \"" + role + "\" WITH REPLICATION");
                assertThat(new ConnectClient(stack.connectUrl()).exists(name)).isFalse();
            } finally {
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    @DisplayName("Kafka Connect unreachable: the URL and --connect-url are named")
    void connectUnreachable(CdcStack stack) throws Exception {
        String name = uniqueName("noconnect");
        int port = StackArgs.freePort();
        try {
            CliRun run = CliRun.of(of(setup(name), database(stack), List.of("--kafka", stack.kafkaBootstrapServers(),
                    "--connect-url", "http://127.0.0.1:" + port)));

            assertCleanFailure(run, "Kafka Connect is not reachable at http://127.0.0.1:" + port
                    + " (connection refused)", "--connect-url / CDC_CONNECT_URL");
        } finally {
            StackArgs.removeEverything(stack, name);
        }
    }

    @Test
    @DisplayName("Kafka unreachable: consume gives up after a bounded wait and names --kafka")
    void kafkaUnreachable() {
        int port = StackArgs.freePort();
        long began = System.nanoTime();
        CliRun run = CliRun.of("consume", "--kafka", "127.0.0.1:" + port, "--max-events", "1");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertCleanFailure(run, "Kafka is not reachable at 127.0.0.1:" + port + " (no answer within 10 s)",
                "--kafka or CDC_KAFKA");
        // consume's own 10 s (not scaled: the product's), then a moment to report it
        assertThat(took).isLessThan(Duration.ofSeconds(10).plus(Waits.SHORT));
    }

    @Test
    @DisplayName("invalid connector config: Connect's validation messages, one per line, nothing registered")
    void invalidConnectorConfig(CdcStack stack) throws Exception {
        String name = uniqueName("badcfg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TutorialSetup setup = new TutorialSetup().withTable(new TableName("public", name)).withConnectorName(name)
                    .withConnectorConfig(c -> c.with("topic.prefix", null).with("plugin.name", "nonsense"));

            assertThatThrownBy(() -> setup.run(stack.postgres(), new ConnectClient(stack.connectUrl()),
                    new PrintStream(out, true)))
                    .isInstanceOf(SetupException.class)
                    .hasMessageStartingWith("Kafka Connect rejected the configuration of connector '" + name + "':")
                    .hasMessageContaining(System.lineSeparator() + "  topic.prefix: ")
                    .hasMessageContaining(System.lineSeparator() + "  plugin.name: ")
                    .hasMessageEndingWith(System.lineSeparator() + "Fix these settings and run setup again.")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(stack.postgres().password()));
            assertThat(new ConnectClient(stack.connectUrl()).exists(name)).isFalse();
        } finally {
            StackArgs.removeEverything(stack, name);
        }
    }

    @Test
    @DisplayName("a table.include.list that matches no table: refused before registering, with the tables there")
    void includeListMatchesNoTable(CdcStack stack) throws Exception {
        String name = uniqueName("nomatch");
        try {
            TutorialSetup setup = new TutorialSetup().withTable(new TableName("public", name)).withConnectorName(name)
                    .withTopicPrefix(name)
                    .withConnectorConfig(c -> c.with("table.include.list", "public.cdcv_nothing_here,inventory\\..*"));

            assertThatThrownBy(() -> setup.run(stack.postgres(), new ConnectClient(stack.connectUrl()),
                    new PrintStream(new ByteArrayOutputStream(), true)))
                    .isInstanceOf(SetupException.class)
                    .hasMessageContaining("table.include.list 'public.cdcv_nothing_here,inventory\\..*' matches no "
                            + "table in database '" + stack.postgres().database() + "'")
                    .hasMessageContaining("Tables there: ")
                    .hasMessageContaining("public." + name)
                    .hasMessageContaining("Fix the list or create the table first.");
            assertThat(new ConnectClient(stack.connectUrl()).exists(name)).isFalse();

            // The same check accepts Debezium's own spelling: case-insensitive regular expressions over schema.table.
            new TutorialSetup().withTable(new TableName("public", name)).withConnectorName(name).withTopicPrefix(name)
                    .withConnectorConfig(c -> c.with("table.include.list", "PUBLIC\\." + name.toUpperCase()))
                    .run(stack.postgres(), new ConnectClient(stack.connectUrl()),
                            new PrintStream(new ByteArrayOutputStream(), true));
            assertThat(new ConnectClient(stack.connectUrl()).status(name).isRunning()).isTrue();
            // Removed only once the snapshot's rows are out: a task deleted mid-snapshot may still create its
            // topic after the clean-up deleted the topics (seen in CI's cluster stage).
            ConnectorTopicWait.await(stack.kafka(), name + ".public." + name,
                    new ConnectClient(stack.connectUrl()), name, Waits.EVENTS);
        } finally {
            StackArgs.removeEverything(stack, name);
        }
    }

    /** Exit 3, every fragment in one "Error:" paragraph on stderr, no stack trace. */
    static void assertCleanFailure(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).as(run.all()).startsWith("Error: ").contains(fragments)
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("--verbose to see");
        assertThat(run.err().strip().lines().count()).as(run.err()).isLessThanOrEqualTo(1);
    }
}
