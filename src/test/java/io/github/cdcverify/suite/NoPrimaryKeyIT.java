package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tables without a primary key. Debezium PostgreSQL connector documentation, "Replica identity" and "Tables without
 * primary keys" under "Data change events" (key is null).
 */
@PipelineTest
class NoPrimaryKeyIT {

    private static final String COLUMNS = "id INT NOT NULL, name TEXT";

    @Test
    @DisplayName("Replica identity DEFAULT without a primary key: inserts arrive with a null key; PostgreSQL rejects "
            + "UPDATE and DELETE (SQL state 55000) and no event follows")
    void defaultIdentityInsertsStreamUpdatesAreRejected(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "nopk_default").withSinglePartition().withColumns(COLUMNS)
                .withReplicaIdentity(ReplicaIdentity.DEFAULT).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            execute(captured, "INSERT INTO %s VALUES (1, 'Ann')");

            SQLException update = catchThrowableOfType(SQLException.class,
                    () -> execute(captured, "UPDATE %s SET name = 'Anna' WHERE id = 1"));
            SQLException delete = catchThrowableOfType(SQLException.class,
                    () -> execute(captured, "DELETE FROM %s WHERE id = 1"));
            execute(captured, "INSERT INTO %s VALUES (2, 'Ben')");

            String table = captured.table().table();
            assertThat(update.getSQLState()).isEqualTo("55000");
            assertThat(update.getMessage()).startsWith("ERROR: cannot update table \"" + table
                    + "\" because it does not have a replica identity and publishes updates");
            assertThat(delete.getSQLState()).isEqualTo("55000");
            assertThat(delete.getMessage()).startsWith("ERROR: cannot delete from table \"" + table
                    + "\" because it does not have a replica identity and publishes deletes");

            List<ChangeEvent> events = consumer.pollUntil(NoPrimaryKeyIT::hasId2, Waits.EVENTS);
            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.CREATE);
            assertThat(events).allSatisfy(event -> assertThat(event.key()).as(ChangeEventPrinter.describe(event))
                    .isNull());
            assertThat(events).extracting(ChangeEvent::after)
                    .containsExactly(row(1, "Ann"), row(2, "Ben"));
        }
    }

    @Test
    @DisplayName("Replica identity FULL without a primary key: updates and deletes arrive with the whole old row as "
            + "before and a null key")
    void fullIdentityUpdatesAndDeletesCarryTheOldRow(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "nopk_full").withSinglePartition().withColumns(COLUMNS)
                .withReplicaIdentity(ReplicaIdentity.FULL).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            execute(captured, "INSERT INTO %s VALUES (1, 'Ann')");
            execute(captured, "UPDATE %s SET name = 'Anna' WHERE id = 1");
            execute(captured, "DELETE FROM %s WHERE id = 1");
            execute(captured, "INSERT INTO %s VALUES (2, 'Ben')");

            List<ChangeEvent> events = consumer.pollUntil(NoPrimaryKeyIT::hasId2, Waits.EVENTS);

            // Debezium writes the delete's tombstone (null op) even though its key is null too, although compaction
            // cannot drop a null key: tombstones.on.delete is applied without looking at the key
            assertThat(events).extracting(ChangeEvent::op)
                    .containsExactly(Op.CREATE, Op.UPDATE, Op.DELETE, null, Op.CREATE);
            assertThat(events).allSatisfy(event -> assertThat(event.key()).as(ChangeEventPrinter.describe(event))
                    .isNull());
            assertThat(events.get(3).tombstone()).as(ChangeEventPrinter.describe(events.get(3))).isTrue();
            ChangeEvent update = events.get(1);
            assertThat(update.before()).as(ChangeEventPrinter.describe(update)).isEqualTo(row(1, "Ann"));
            assertThat(update.after()).as(ChangeEventPrinter.describe(update)).isEqualTo(row(1, "Anna"));
            ChangeEvent delete = events.get(2);
            assertThat(delete.before()).as(ChangeEventPrinter.describe(delete)).isEqualTo(row(1, "Anna"));
            assertThat(delete.after()).as(ChangeEventPrinter.describe(delete)).isNull();
        }
    }

    private static boolean hasId2(List<ChangeEvent> events) {
        return events.stream().anyMatch(event -> event.after() != null && Integer.valueOf(2).equals(event.after().get("id")));
    }

    private static Map<String, Object> row(int id, String name) {
        return Map.of("id", id, "name", name);
    }

    private static void execute(CapturedTable captured, String sqlWithTable) throws SQLException {
        try (Statement statement = captured.connection().createStatement()) {
            statement.execute(sqlWithTable.formatted(captured.table().quoted()));
        }
    }
}
