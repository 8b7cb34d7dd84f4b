package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Data change events", section "truncate events", and the property
 * {@code skipped.operations} (default {@code t}: truncates are skipped).
 */
@PipelineTest
class TruncateIT {

    private static final String COLUMNS = "id INT PRIMARY KEY, name TEXT";

    @Test
    @DisplayName("truncate events: skipped by default (skipped.operations=t), the next insert arrives right after the previous one")
    void truncateIsSkippedByDefault(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "truncate_default").withSinglePartition()
                .withColumns(COLUMNS).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            writeInsertTruncateInsert(captured);

            // The later insert is in the topic, so anything emitted for the TRUNCATE before it would be too.
            List<ChangeEvent> events = Waits.untilQuietAfter(2, consumer::pollUntil);

            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isCreate().hasKey("id", 1);
            assertThat(events.get(1)).isCreate().hasKey("id", 2).hasLsnAfter(events.get(0));
        }
    }

    @Test
    @DisplayName("truncate events: with skipped.operations=none, op=t with a null key, no before or after, between the inserts")
    void truncateArrivesWhenNotSkipped(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "truncate_none").withColumns(COLUMNS).withSinglePartition()
                .withConnectorConfig(c -> c.with("skipped.operations", "none")).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            writeInsertTruncateInsert(captured);

            List<ChangeEvent> events = consumer.pollAtLeast(3, Waits.EVENTS);

            assertThat(events).hasSize(3);
            assertThat(events.get(0)).isCreate().hasKey("id", 1);
            ChangeEvent truncate = events.get(1);
            assertThat(truncate).isTruncate().hasNoKey().hasNoBefore().hasNoAfter()
                    .hasSource("public", captured.table().table()).isStreamed().hasLsnAfter(events.get(0));
            assertThat(truncate.topic()).isEqualTo(captured.topic());
            assertThat(events.get(2)).isCreate().hasKey("id", 2).hasLsnAfter(truncate);
        }
    }

    private static void writeInsertTruncateInsert(CapturedTable captured) throws Exception {
        String table = captured.table().quoted();
        Sql.run(captured.connection(), "INSERT INTO " + table + " VALUES (1, 'before')", "TRUNCATE " + table,
                "INSERT INTO " + table + " VALUES (2, 'after')");
    }
}
