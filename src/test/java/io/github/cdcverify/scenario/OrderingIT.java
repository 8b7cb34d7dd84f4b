package io.github.cdcverify.scenario;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.setup.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.verify.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A generated mix of changes arrives exactly: per key in commit order, nothing lost or duplicated. */
@PipelineTest
class OrderingIT {

    private static final int CHANGES = 1_200;
    private static final int ROWS_PER_TRANSACTION = 4;

    @Test
    @DisplayName("1,200 inserts/updates/deletes in 4-row transactions: the stream equals the ledger")
    void streamEqualsLedger(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "ordering").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            Ledger ledger = new Ledger();
            PostgresEndpoint pg = stack.postgres();
            GeneratorResult result = new Generator(pg.jdbcUrl(), pg.user(), pg.password(),
                    GeneratorSettings.defaults().withTable(captured.table().table()).withSeed(20261124L)
                            .withCount((long) CHANGES).withRowsPerTransaction(ROWS_PER_TRANSACTION), ledger).run();
            long expectedEvents = ledger.size() + result.committed(io.github.cdcverify.event.Op.DELETE);

            List<ChangeEvent> events = consumer.pollAtLeast((int) expectedEvents, Duration.ofSeconds(60));

            assertThat(ledger.size()).isEqualTo(CHANGES);
            assertThat(ledger.keys()).hasSizeGreaterThanOrEqualTo(50);
            Verdict verdict = Verdict.compare(ledger, events);
            assertThat(verdict.clean()).as("%s%n%s", verdict.firstProblem(), verdict.summary()).isTrue();
            assertThat(events).hasSize((int) expectedEvents);
            assertTransactionsContiguousAndInCommitOrder(ledger, changeEventsOnly(events));
            assertLsnNeverDecreases(changeEventsOnly(events));
        }
    }

    private static List<ChangeEvent> changeEventsOnly(List<ChangeEvent> events) {
        return events.stream().filter(event -> !event.tombstone()).toList();
    }

    /** Each transaction's events form one unbroken run in the stream, in the order the ledger wrote them. */
    private static void assertTransactionsContiguousAndInCommitOrder(Ledger ledger, List<ChangeEvent> events) {
        Map<Long, List<Integer>> ledgerKeysByTx = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.entries()) {
            ledgerKeysByTx.computeIfAbsent(entry.txId(), tx -> new ArrayList<>()).add(entry.key());
        }
        Map<Long, List<Integer>> streamKeysByTx = new LinkedHashMap<>();
        Long previousTx = null;
        for (ChangeEvent event : events) {
            Long tx = event.source().txId();
            if (!tx.equals(previousTx)) {
                assertThat(streamKeysByTx).as("transaction %s appears again after another one, at%n%s", tx,
                        ChangeEventPrinter.describe(event)).doesNotContainKey(tx);
            }
            streamKeysByTx.computeIfAbsent(tx, t -> new ArrayList<>()).add(((Number) event.key().get("id")).intValue());
            previousTx = tx;
        }
        assertThat(streamKeysByTx).as("keys per transaction id, in stream order").isEqualTo(ledgerKeysByTx);
        assertThat(new ArrayList<>(streamKeysByTx.keySet())).as("transactions in commit order")
                .containsExactlyElementsOf(ledgerKeysByTx.keySet());
    }

    private static void assertLsnNeverDecreases(List<ChangeEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).source().lsn()).as("lsn of%n%s%nafter%n%s",
                            ChangeEventPrinter.describe(events.get(i)), ChangeEventPrinter.describe(events.get(i - 1)))
                    .isGreaterThanOrEqualTo(events.get(i - 1).source().lsn());
        }
    }
}
