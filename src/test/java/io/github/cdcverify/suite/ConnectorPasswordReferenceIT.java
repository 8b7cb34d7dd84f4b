package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --connector-db-password}: our connector gets a Kafka Connect config provider reference as
 * {@code database.password}, Connect resolves it from a file, and Connect's REST API never shows the password.
 * It runs on the shared embedded stack of {@link OwnStack}, which the {@code @PipelineTest} end-of-run leftover check
 * does not cover, so it looks for what it may have left behind itself.
 */
@ExtendWith(OwnStack.class)
class ConnectorPasswordReferenceIT {

    @Test
    @DisplayName("database.password as ${file:...:password}: events stream, GET /connectors/NAME/config shows only "
            + "the reference")
    void theConnectorReadsThePasswordFromAFileAndConnectNeverShowsIt(EmbeddedStack stack, @TempDir Path secrets)
            throws Exception {
        // The worker must offer the file provider and read our temporary file: the embedded worker in this JVM does
        // both, whatever stack the run has.
        run(stack, secrets);
    }

    private static void run(CdcStack stack, Path secrets) throws Exception {
        // A login of its own, so that its password is a text no other setting contains.
        String role = "cdcv_ref_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Path file = Files.writeString(secrets.resolve("db.properties"), "password=" + password + "\n");
        String reference = "${file:" + file + ":password}";
        PostgresEndpoint pg = stack.postgres();
        PostgresEndpoint asRole = new PostgresEndpoint(pg.host(), pg.port(), pg.database(), role, password,
                pg.connectorHost(), pg.connectorPort()).withConnectorPassword(reference);
        CdcStack referenced = new ExternalStack(asRole, stack.kafka(), stack.connectUrl());
        sql(stack, "CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + password + "'");
        String name;
        try (CapturedTable captured = CapturedTable.on(referenced, "pwref").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            name = captured.connectorName();
            int id = (Integer) new RowChanges(captured.connection(), captured.table())
                    .insert("Erin", "erin@example.com").get("id");

            List<ChangeEvent> events = consumer.pollAtLeast(1, Waits.EVENTS);
            Map<String, String> shown = captured.connect().config(captured.connectorName());

            assertThat(events).as("events of %s", captured.table()).hasSize(1);
            assertThat(events.get(0).op()).isEqualTo(Op.CREATE);
            assertThat(events.get(0).key().get("id")).isEqualTo(id);
            assertThat(shown).containsEntry("database.password", reference).containsEntry("database.user", role);
            assertThat(shown.values()).as("GET /connectors/%s/config", captured.connectorName())
                    .noneMatch(value -> value.contains(password));
        } finally {
            sql(stack, "DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
        // The shared embedded stack is not the run's, so the run's end-of-run leftover check never looks at it.
        Leftovers.assertNoneStartingWith(stack, name);
        assertThat(rolesNamed(stack, role)).as("login roles named %s", role).isZero();
    }

    private static int rolesNamed(CdcStack stack, String role) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void sql(CdcStack stack, String statements) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }
}
