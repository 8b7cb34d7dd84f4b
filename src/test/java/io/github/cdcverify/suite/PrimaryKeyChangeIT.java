package io.github.cdcverify.suite;

import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Data change events", section "Primary key updates": an UPDATE that
 * changes the key becomes a delete of the old key (then its tombstone) and a create of the new one, linked by the
 * {@code __debezium.newkey} and {@code __debezium.oldkey} headers.
 */
@PipelineTest
class PrimaryKeyChangeIT {


    @Test
    @DisplayName("Primary key updates: delete + tombstone for the old key, create for the new, with __debezium.newkey/oldkey headers")
    void keyChangeIsDeleteTombstoneCreate(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "pk_change").withSinglePartition()
                .withColumns("id INT PRIMARY KEY, name TEXT").start();
             RawTopicReader raw = RawTopicReader.fromBeginning(stack.kafka(), captured.topic())) {
            String table = captured.table().quoted();
            Sql.run(captured.connection(), "INSERT INTO " + table + " VALUES (1, 'moving')",
                    "UPDATE " + table + " SET id = 1001 WHERE id = 1");

            List<RawRecord> records = raw.pollAtLeast(4, Waits.EVENTS);

            assertThat(records).hasSize(4);
            List<ChangeEvent> events = records.stream().map(RawRecord::event).toList();
            assertThat(events.get(0)).isCreate().hasKey("id", 1);
            assertThat(events.get(1)).isDelete().hasKey(Map.of("id", 1)).hasBefore("id", 1).hasNoAfter();
            assertThat(events.get(2)).isTombstone().hasKey(Map.of("id", 1));
            assertThat(events.get(3)).isCreate().hasKey(Map.of("id", 1001)).hasNoBefore()
                    .hasAfterExactly(Map.of("id", 1001, "name", "moving"))
                    .inTransaction(events.get(1).source().txId());

            assertThat(records.get(1).header("__debezium.newkey")).as("newkey header of the delete")
                    .isEqualTo("{\"id\":1001}");
            assertThat(records.get(3).header("__debezium.oldkey")).as("oldkey header of the create")
                    .isEqualTo("{\"id\":1}");
            assertThat(records.get(0).header("__debezium.oldkey")).as("a plain insert has no key header")
                    .isNull();
        }
    }
}
