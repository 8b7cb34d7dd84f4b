package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Debezium PostgreSQL connector documentation, "Snapshots" and the {@code snapshot.mode} property. */
@PipelineTest
class SnapshotModesIT {


    @Test
    @DisplayName("Snapshots: snapshot.mode=initial reads the rows present before registration (op=r), then streams")
    void initialReadsExistingRowsThenStreams(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "snap_initial").withSeedRows().withSinglePartition()
                .withConnectorConfig(c -> c.with("snapshot.mode", "initial")).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            int id = (Integer) new RowChanges(captured.connection(), captured.table())
                    .insert("Dora", "dora@example.com").get("id");

            List<ChangeEvent> events = consumer.pollUntil(SnapshotModesIT::containsCreate, Waits.EVENTS);

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.READ, Op.READ, Op.READ, Op.CREATE);
            assertThat(events).extracting(event -> event.key().get("id")).containsExactly(1, 2, 3, id);
            assertThat(events.subList(0, 3)).allSatisfy(read -> assertThat(read.source().isSnapshot())
                    .as(ChangeEventPrinter.describe(read)).isTrue());
            ChangeEvent insert = events.get(3);
            assertThat(insert.source().snapshot()).as(ChangeEventPrinter.describe(insert)).isNull();
        }
    }

    @Test
    @DisplayName("Snapshots: snapshot.mode=no_data (formerly never) reads no existing row; the first event is the "
            + "later insert")
    void noDataSkipsExistingRowsButStreams(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "snap_no_data").withSeedRows()
                .withConnectorConfig(c -> c.with("snapshot.mode", "no_data")).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            int id = (Integer) new RowChanges(captured.connection(), captured.table())
                    .insert("Dora", "dora@example.com").get("id");

            List<ChangeEvent> events = consumer.pollUntil(SnapshotModesIT::containsCreate, Waits.EVENTS);

            assertThat(events).as("events up to the first insert").hasSize(1);
            ChangeEvent first = events.get(0);
            assertThat(first.op()).as(ChangeEventPrinter.describe(first)).isEqualTo(Op.CREATE);
            assertThat(first.key()).as(ChangeEventPrinter.describe(first)).containsExactly(
                    java.util.Map.entry("id", id));
            assertThat(id).as("the seed rows took ids 1..3 before registration").isEqualTo(4);
            assertThat(first.after()).as(ChangeEventPrinter.describe(first))
                    .containsEntry("name", "Dora").containsEntry("email", "dora@example.com");
        }
    }

    private static boolean containsCreate(List<ChangeEvent> events) {
        return events.stream().anyMatch(event -> event.op() == Op.CREATE);
    }
}
