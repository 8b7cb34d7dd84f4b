package io.github.cdcverify.suite;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.setup.ConnectorCleanup;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TutorialSetup;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.ExternalStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Replication slots are never left behind, and one nobody reads is reported with the WAL it holds back. */
@PipelineTest
class SlotHygieneIT {

    @Test
    @DisplayName("a scenario that fails inside its CapturedTable leaves no slot, publication, table or connector")
    void failedScenarioLeavesNothing(CdcStack stack) throws Exception {
        AtomicReference<CapturedTable> used = new AtomicReference<>();

        assertThatThrownBy(() -> {
            try (CapturedTable captured = CapturedTable.on(stack, "failing").start()) {
                used.set(captured);
                assertThat(activeSlot(stack, captured.slotName())).as("slot in use while it runs").isTrue();
                throw new AssertionError("this scenario fails on purpose");
            }
        }).hasMessage("this scenario fails on purpose");

        CapturedTable captured = used.get();
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            assertThat(ReplicationSlots.slotsStartingWith(connection, captured.slotName())).isEmpty();
            assertThat(ReplicationSlots.publicationsStartingWith(connection, captured.publicationName())).isEmpty();
            assertThat(tableExists(connection, captured.table())).isFalse();
        }
        assertThat(new ConnectClient(stack.connectUrl()).exists(captured.connectorName())).isFalse();
        assertThat(Leftovers.topicsStartingWith(stack, captured.topicPrefix())).as("topics").isEmpty();
    }

    @Test
    @DisplayName("a clean-up that cannot remove the topics says which and why; the rest is still removed")
    void cleanupFailureIsReported(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "cleanup_report").start()) {
            new RowChanges(captured.connection(), captured.table()).insert("Gus", "gus@example.com");
            captured.awaitTopic();
            CdcStack kafkaGone = new ExternalStack(stack.postgres(), "127.0.0.1:" + closedPort(), stack.connectUrl());

            assertThatThrownBy(ConnectorCleanup.of(kafkaGone, captured.connectorName())
                    .withSlotAndPublication(captured.slotName(), captured.publicationName())
                    .withTopicPrefix(captured.topicPrefix())::run)
                    .isInstanceOf(CleanupException.class)
                    .hasMessageStartingWith("Could not remove everything " + captured.connectorName()
                            + " created; still there, remove by hand: topics " + captured.topicPrefix()
                            + ".*: Could not list the topics");
            assertThat(new ConnectClient(stack.connectUrl()).exists(captured.connectorName())).as("connector")
                    .isFalse();
            try (Connection connection = PostgresConnections.open(stack.postgres())) {
                assertThat(ReplicationSlots.slotsStartingWith(connection, captured.slotName())).as("slot").isEmpty();
            }
            assertThat(Leftovers.topicsStartingWith(stack, captured.topicPrefix())).as("topics still there")
                    .containsExactly(captured.topic());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    @DisplayName("setup warns about an inactive slot and the WAL it retains")
    void setupWarnsAboutInactiveSlot(CdcStack stack) throws Exception {
        String idle = "cdcv_idle_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String name = "cdcv_warn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            try (PreparedStatement create = connection.prepareStatement(
                    "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                create.setString(1, idle);
                create.execute();
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new TutorialSetup().withTable(new TableName("public", name)).withConnectorName(name)
                        .withTopicPrefix(name)
                        .run(stack.postgres(), new ConnectClient(stack.connectUrl()),
                                new PrintStream(out, true, StandardCharsets.UTF_8));

                assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("Warning: replication slot " + idle
                        + " \\(\\d+ (bytes|kB|MB|GB) of WAL retained\\) is inactive: PostgreSQL keeps that WAL until "
                        + "the slot is read again or dropped\\. If nothing uses it any more, drop it with "
                        + "SELECT pg_drop_replication_slot\\('<name>'\\)\\.");
                // the snapshot of the seeded rows creates the topic; removing it before then races the task
                await("topic of the seeded rows").atMost(Waits.EVENTS)
                        .until(() -> !Leftovers.topicsStartingWith(stack, name + ".").isEmpty());
            } finally {
                ReplicationSlots.dropSlot(connection, idle);
                ConnectorCleanup.of(stack, name).withTables(List.of(new TableName("public", name))).run();
            }
        }
    }

    private static boolean activeSlot(CdcStack stack, String slot) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static boolean tableExists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = ?")) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
