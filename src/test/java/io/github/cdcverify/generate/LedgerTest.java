package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {

    static Map<String, Object> row(int id, String name, String email) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        return row;
    }

    static Ledger.Change create(int id) {
        return new Ledger.Change(Op.CREATE, id, row(id, "n" + id, "e" + id));
    }

    @Test
    void numbersEntriesInCommitOrderAcrossTransactions() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, 700L, List.of(create(1), create(2)));
        List<LedgerEntry> second = ledger.appendCommitted(2, 701L,
                List.of(new Ledger.Change(Op.UPDATE, 1, row(1, "x", "y"))));

        assertThat(ledger.entries()).extracting(LedgerEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(ledger.entries()).extracting(LedgerEntry::transactionOrdinal).containsExactly(1L, 1L, 2L);
        assertThat(ledger.entries()).extracting(LedgerEntry::txId).containsExactly(700L, 700L, 701L);
        assertThat(second).singleElement().satisfies(entry -> {
            assertThat(entry.sequence()).isEqualTo(3);
            assertThat(entry.op()).isEqualTo(Op.UPDATE);
            assertThat(entry.values()).containsEntry("name", "x");
        });
    }

    @Test
    void aForwardingLedgerHandsOnEachTransactionInCommitOrderAndKeepsOnlyCounts() {
        List<List<LedgerEntry>> handedOn = new ArrayList<>();
        Ledger ledger = Ledger.forwardingTo(handedOn::add);

        ledger.appendCommitted(1, 700L, List.of(create(1), create(2)));
        ledger.appendCommitted(2, 701L, List.of(create(3)));

        assertThat(handedOn).hasSize(2);
        assertThat(handedOn.get(1)).extracting(LedgerEntry::sequence).containsExactly(3L);
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.count(Op.CREATE)).isEqualTo(3);
        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void countsPerOpIncludingZeros() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(create(1), create(2),
                new Ledger.Change(Op.DELETE, 2, row(2, "n2", "e2"))));

        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.count(Op.CREATE)).isEqualTo(2);
        assertThat(ledger.count(Op.UPDATE)).isZero();
        assertThat(ledger.count(Op.DELETE)).isEqualTo(1);
        assertThat(ledger.countsByOp()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Op.CREATE, 2L, Op.UPDATE, 0L, Op.DELETE, 1L));
    }

    @Test
    void groupsEntriesByKeyInSequenceOrder() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(create(5), create(3)));
        ledger.appendCommitted(2, null, List.of(new Ledger.Change(Op.UPDATE, 5, row(5, "a", "b")),
                new Ledger.Change(Op.DELETE, 5, row(5, "a", "b"))));

        assertThat(ledger.entriesForKey(5)).extracting(LedgerEntry::op)
                .containsExactly(Op.CREATE, Op.UPDATE, Op.DELETE);
        assertThat(ledger.entriesForKey(3)).hasSize(1);
        assertThat(ledger.entriesForKey(99)).isEmpty();
        assertThat(ledger.keys()).containsExactly(5, 3);
    }

    @Test
    void viewsAreSnapshots() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(create(1)));
        List<LedgerEntry> entries = ledger.entries();
        var keys = ledger.keys();

        ledger.appendCommitted(2, null, List.of(create(2)));

        assertThat(entries).hasSize(1);
        assertThat(keys).containsExactly(1);
        assertThatThrownBy(() -> entries.add(entries.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesValuesSoLaterChangesToTheMapDoNotLeakIn() {
        Map<String, Object> values = row(1, "before", "e");
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(new Ledger.Change(Op.CREATE, 1, values)));
        values.put("name", "after");

        assertThat(ledger.entries().get(0).values()).containsEntry("name", "before");
        assertThatThrownBy(() -> ledger.entries().get(0).values().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsNullColumnValues() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(new Ledger.Change(Op.DELETE, 1, row(1, null, null))));
        assertThat(ledger.entries().get(0).values()).containsEntry("name", null);
    }

    @Test
    void keepsThePreviousValuesOfAnUpdateAndTheRemovedRowOfADelete() {
        Map<String, Object> previous = row(1, "old", "old@example.com");
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, null, List.of(
                new Ledger.Change(Op.CREATE, 1, row(1, "old", "old@example.com")),
                new Ledger.Change(Op.UPDATE, 1, row(1, "new", "new@example.com"), previous),
                new Ledger.Change(Op.DELETE, 1, row(1, "new", "new@example.com"))));
        previous.put("name", "changed later");

        List<LedgerEntry> entries = ledger.entries();
        assertThat(entries.get(0).before()).as("a create has no previous row").isNull();
        assertThat(entries.get(1).before()).containsEntry("name", "old");
        assertThat(entries.get(2).before()).as("a delete's previous row is the row it removed")
                .isEqualTo(entries.get(2).values()).containsEntry("name", "new");
    }

    @Test
    void anUpdateWithoutRecordedPreviousValuesHasNoBefore() {
        assertThat(new Ledger.Change(Op.UPDATE, 1, row(1, "a", "b")).before()).isNull();
    }

    @Test
    void aCreateCannotHaveAPreviousRow() {
        assertThatThrownBy(() -> new Ledger.Change(Op.CREATE, 1, row(1, "a", "b"), row(1, "x", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A create has no previous row");
    }

    @Test
    void acceptsOnlyRowChanges() {
        assertThatThrownBy(() -> new Ledger.Change(Op.READ, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("READ");
        assertThatThrownBy(() -> new LedgerEntry(1, Op.TRUNCATE, 1, Map.of(), 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAppendsGetDistinctContiguousSequencesAndKeepTransactionsTogether() throws Exception {
        Ledger ledger = new Ledger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int base = thread * 10_000;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        ledger.appendCommitted(base + i, null, List.of(create(base + 2 * i), create(base + 2 * i + 1)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<LedgerEntry> entries = ledger.entries();
        assertThat(entries).hasSize(4000);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).sequence()).isEqualTo(i + 1L);
        }
        for (int i = 0; i < entries.size(); i += 2) {
            assertThat(entries.get(i + 1).transactionOrdinal()).isEqualTo(entries.get(i).transactionOrdinal());
        }
    }
}
