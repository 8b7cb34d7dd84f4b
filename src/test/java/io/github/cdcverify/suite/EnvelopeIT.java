package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.suite.Envelopes.asDebeziumRow;
import static io.github.cdcverify.suite.Envelopes.assertStreamedSource;
import static io.github.cdcverify.suite.Envelopes.rowOf;
import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Every envelope field of snapshot reads, inserts, updates and deletes, exactly. */
@PipelineTest
class EnvelopeIT {


    @Test
    @DisplayName("rows present before registration arrive as op=r with before null and source.snapshot set")
    void snapshotReads(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "snapshot").withSeedRows().start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            // On several partitions the rows arrive in no global order; Debezium read them in key order.
            List<ChangeEvent> events = consumer.pollAtLeast(3, Waits.EVENTS).stream()
                    .sorted(Comparator.comparingInt(event -> (Integer) event.key().get("id"))).toList();

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.READ, Op.READ, Op.READ);
            assertThat(events).extracting(event -> event.after().get("name"))
                    .containsExactly("Alice", "Bob", "Charlie");
            assertThat(events).extracting(event -> event.after().get("email"))
                    .containsExactlyElementsOf(UsersTable.SEED_ROWS.stream().map(row -> row.get(1)).toList());
            assertThat(events).extracting(ChangeEvent::key)
                    .containsExactly(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3));
            events.forEach(event -> assertThat(event).isRead().hasNoBefore().isSnapshot()
                    .hasSource("public", captured.table().table()));
            assertThat(events.get(0).source().snapshot()).isEqualTo("first");
            assertThat(events.get(2).source().snapshot()).isIn("last", "last_in_data_collection");
        }
    }

    @Test
    @DisplayName("insert: op=c, before null, after equals the row written, key {id: N}, source complete")
    void insert(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "insert").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            Map<String, Object> row = new RowChanges(captured.connection(), captured.table())
                    .insert("David Smith", "david@example.com");

            ChangeEvent event = single(consumer);

            assertThat(event).isCreate().hasKey(Map.of("id", row.get("id"))).hasNoBefore();
            assertThat(rowOf(event.after())).isEqualTo(asDebeziumRow(row));
            assertThat(event.after()).containsOnlyKeys("id", "name", "email", "created_at");
            assertStreamedSource(event, stack.postgres().database(), captured.table().table());
            assertThat(event.topic()).isEqualTo(captured.topic());
        }
    }

    @Test
    @DisplayName("update under REPLICA IDENTITY DEFAULT: op=u, before null, after is the new row")
    void updateWithDefaultIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "update_default").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            RowChanges changes = new RowChanges(captured.connection(), captured.table());
            Map<String, Object> inserted = changes.insert("Eve", "eve@example.com");
            Map<String, Object> updated = changes.updateEmail((Integer) inserted.get("id"), "eve@example.org");

            List<ChangeEvent> events = consumer.pollAtLeast(2, Waits.EVENTS);

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.UPDATE);
            ChangeEvent update = events.get(1);
            assertThat(update).isUpdate().hasNoBefore().hasKey(Map.of("id", inserted.get("id")))
                    .hasAfter("email", "eve@example.org").hasLsnAfter(events.get(0));
            assertThat(rowOf(update.after())).isEqualTo(asDebeziumRow(updated));
            assertStreamedSource(update, stack.postgres().database(), captured.table().table());
        }
    }

    @Test
    @DisplayName("update under REPLICA IDENTITY FULL: op=u, before is the whole old row")
    void updateWithFullIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "update_full")
                .withReplicaIdentity(ReplicaIdentity.FULL).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            RowChanges changes = new RowChanges(captured.connection(), captured.table());
            Map<String, Object> inserted = changes.insert("Frank", "frank@example.com");
            Map<String, Object> updated = changes.updateEmail((Integer) inserted.get("id"), "frank@example.org");

            ChangeEvent update = consumer.pollAtLeast(2, Waits.EVENTS).get(1);

            assertThat(update).isUpdate().hasBefore("email", "frank@example.com").hasAfter("email", "frank@example.org");
            assertThat(rowOf(update.before())).isEqualTo(asDebeziumRow(inserted));
            assertThat(rowOf(update.after())).isEqualTo(asDebeziumRow(updated));
        }
    }

    @Test
    @DisplayName("delete under REPLICA IDENTITY DEFAULT: op=d, before holds only the key, after null, then a tombstone")
    void deleteWithDefaultIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "delete_default").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            RowChanges changes = new RowChanges(captured.connection(), captured.table());
            int id = (Integer) changes.insert("Grace", "grace@example.com").get("id");
            changes.delete(id);

            List<ChangeEvent> events = consumer.pollAtLeast(3, Waits.EVENTS);

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.DELETE, null);
            ChangeEvent delete = events.get(1);
            Map<String, Object> keyOnly = new java.util.HashMap<>();
            keyOnly.put("id", id);
            keyOnly.put("name", null);
            keyOnly.put("email", null);
            keyOnly.put("created_at", null);
            assertThat(delete.before()).as(ChangeEventPrinter.describe(delete)).isEqualTo(keyOnly);
            assertThat(delete).isDelete().hasKey("id", id).hasNoAfter();
            assertStreamedSource(delete, stack.postgres().database(), captured.table().table());
            assertThat(events.get(2)).isTombstone().hasKey(Map.of("id", id));
        }
    }

    @Test
    @DisplayName("delete under REPLICA IDENTITY FULL: op=d, before is the whole old row, then a tombstone")
    void deleteWithFullIdentity(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "delete_full")
                .withReplicaIdentity(ReplicaIdentity.FULL).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            RowChanges changes = new RowChanges(captured.connection(), captured.table());
            Map<String, Object> inserted = changes.insert("Heidi", "heidi@example.com");
            Map<String, Object> deleted = changes.delete((Integer) inserted.get("id"));

            List<ChangeEvent> events = consumer.pollAtLeast(3, Waits.EVENTS);

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.DELETE, null);
            assertThat(rowOf(events.get(1).before())).isEqualTo(asDebeziumRow(deleted));
            assertThat(events.get(1)).isDelete().hasBefore("name", "Heidi").hasNoAfter();
            assertThat(events.get(2)).isTombstone();
        }
    }

    private static ChangeEvent single(ChangeEventConsumer consumer) {
        List<ChangeEvent> events = consumer.pollAtLeast(1, Waits.EVENTS);
        assertThat(events).as("events within %s", Waits.EVENTS).hasSize(1);
        return events.get(0);
    }
}
