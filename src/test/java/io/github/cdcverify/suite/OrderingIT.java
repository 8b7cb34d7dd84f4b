package io.github.cdcverify.suite;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A generated mix of changes arrives exactly: per key in commit order, nothing lost or duplicated. */
@PipelineTest
class OrderingIT {

    private static final int CHANGES = 1_200;
    private static final int ROWS_PER_TRANSACTION = 4;

    @Test
    @DisplayName("1,200 inserts/updates/deletes in 4-row transactions: the stream equals the ledger")
    void streamEqualsLedger(CdcStack stack) throws InterruptedException {
        try (CapturedTable captured = CapturedTable.on(stack, "ordering").start();
             LiveRun run = LiveRun.on(captured).withGenerator(settings -> settings.withSeed(20261124L)
                     .withCount((long) CHANGES).withRowsPerTransaction(ROWS_PER_TRANSACTION)).start()) {
            run.writes().awaitDone();
            run.awaitCaughtUp(Waits.RUNNING);
            Ledger ledger = run.writes().ledger();
            List<ChangeEvent> events = run.events();

            assertThat(ledger.size()).isEqualTo(CHANGES);
            assertThat(ledger.keys()).hasSizeGreaterThanOrEqualTo(50);
            assertThat(events).hasSize(ledger.size() + (int) ledger.count(Op.DELETE)).matchesLedger(ledger)
                    .isInCommitOrderPerKey(ledger).hasNoDuplicates().keepsTransactionsContiguous().hasLsnNeverDecreasing();
            assertTransactionsInCommitOrder(ledger, changeEventsOnly(events));
        }
    }

    private static List<ChangeEvent> changeEventsOnly(List<ChangeEvent> events) {
        return events.stream().filter(event -> !event.tombstone()).toList();
    }

    /**
     * Within each partition, each transaction's events carry its txId and come in the order the ledger wrote them,
     * transactions in commit order. Kafka orders nothing across partitions, so each partition is compared with the
     * ledger's changes of the keys it holds.
     */
    private static void assertTransactionsInCommitOrder(Ledger ledger, List<ChangeEvent> events) {
        Map<Integer, Integer> partitionOfKey = new HashMap<>();
        Map<Integer, Map<Long, List<Integer>>> streamKeysByTx = new TreeMap<>();
        for (ChangeEvent event : events) {
            int key = ((Number) event.key().get("id")).intValue();
            partitionOfKey.put(key, event.partition());
            streamKeysByTx.computeIfAbsent(event.partition(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(event.source().txId(), tx -> new ArrayList<>()).add(key);
        }
        Map<Integer, Map<Long, List<Integer>>> ledgerKeysByTx = new TreeMap<>();
        for (LedgerEntry entry : ledger.entries()) {
            ledgerKeysByTx.computeIfAbsent(partitionOfKey.get(entry.key()), p -> new LinkedHashMap<>())
                    .computeIfAbsent(entry.txId(), tx -> new ArrayList<>()).add(entry.key());
        }
        streamKeysByTx.forEach((partition, stream) -> {
            Map<Long, List<Integer>> expected = ledgerKeysByTx.get(partition);
            assertThat(stream).as("keys per transaction id in partition %s, in stream order", partition)
                    .isEqualTo(expected);
            assertThat(new ArrayList<>(stream.keySet())).as("transactions of partition %s in commit order", partition)
                    .containsExactlyElementsOf(expected.keySet());
        });
        assertThat(streamKeysByTx.keySet()).as("partitions").containsExactlyElementsOf(ledgerKeysByTx.keySet());
    }
}
