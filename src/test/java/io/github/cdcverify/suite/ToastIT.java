package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Data type mappings", section "TOASTed values" (and the property
 * {@code unavailable.value.placeholder}): an unchanged TOASTed column is not in the WAL under REPLICA IDENTITY
 * DEFAULT, so Debezium sends a placeholder; under FULL it is part of the old tuple and arrives whole.
 */
@PipelineTest
class ToastIT {

    private static final String PLACEHOLDER = "__debezium_unavailable_value";
    private static final String COLUMNS = "id INT PRIMARY KEY, note TEXT, doc TEXT";

    @Test
    @DisplayName("TOASTed values (REPLICA IDENTITY DEFAULT): an unchanged 16 kB text arrives as __debezium_unavailable_value")
    void unchangedToastedValueIsAPlaceholderUnderDefaultIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "toast_default").withSinglePartition()
                .withColumns(COLUMNS).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            String doc = incompressibleText(16_000, 1L);
            insertAndUpdateNote(captured, doc);

            List<ChangeEvent> events = consumer.pollAtLeast(2, Waits.EVENTS);

            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isCreate().hasAfterExactly(Map.of("id", 1, "note", "first", "doc", doc));
            assertThat(events.get(1)).isUpdate().hasKey("id", 1).hasNoBefore()
                    .hasAfterExactly(Map.of("id", 1, "note", "second", "doc", PLACEHOLDER));
        }
    }

    @Test
    @DisplayName("TOASTed values (REPLICA IDENTITY FULL): an unchanged 16 kB text arrives whole in before and after")
    void unchangedToastedValueArrivesWholeUnderFullIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "toast_full").withSinglePartition().withColumns(COLUMNS)
                .withReplicaIdentity(ReplicaIdentity.FULL).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            String doc = incompressibleText(16_000, 2L);
            insertAndUpdateNote(captured, doc);

            List<ChangeEvent> events = consumer.pollAtLeast(2, Waits.EVENTS);

            assertThat(events).hasSize(2);
            assertThat(events.get(1)).isUpdate().hasKey("id", 1)
                    .hasBefore("note", "first").hasBefore("doc", doc)
                    .hasAfterExactly(Map.of("id", 1, "note", "second", "doc", doc));
        }
    }

    private static void insertAndUpdateNote(CapturedTable captured, String doc) throws SQLException {
        Connection connection = captured.connection();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + captured.table().quoted()
                + " (id, note, doc) VALUES (1, 'first', ?)")) {
            insert.setString(1, doc);
            insert.executeUpdate();
        }
        assertStoredOutOfLine(connection, captured);
        Sql.run(connection, "UPDATE " + captured.table().quoted() + " SET note = 'second' WHERE id = 1");
    }

    /** The value really lives in the table's TOAST relation, so the test proves what it claims. */
    private static void assertStoredOutOfLine(Connection connection, CapturedTable captured) throws SQLException {
        String toastTable;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, captured.table().quoted());
            try (var row = query.executeQuery()) {
                row.next();
                toastTable = row.getString(1);
            }
        }
        assertThat(Sql.queryLong(connection, "SELECT count(*) FROM " + toastTable))
                .as("chunks in %s", toastTable).isPositive();
    }

    /** Random letters and digits: compresses poorly, so PostgreSQL must move it out of line. */
    private static String incompressibleText(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
