package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorTest {

    private final FakeDatabase database = new FakeDatabase();
    private final Ledger ledger = new Ledger();

    private GeneratorSettings settings(long count) {
        return GeneratorSettings.defaults().withCount(count).withSeed(11L);
    }

    /** The table the ledger describes, replayed from what was there before. */
    private static Map<Integer, Map<String, Object>> replay(Map<Integer, Map<String, Object>> before, Ledger ledger) {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>(before);
        for (LedgerEntry entry : ledger.entries()) {
            if (entry.op() == Op.DELETE) {
                assertThat(rows.remove(entry.key())).as("deleted row as last written").isEqualTo(entry.values());
            } else {
                rows.put(entry.key(), entry.values());
            }
        }
        return rows;
    }

    @Test
    void writesTheCountAndTheLedgerDescribesTheTable() {
        GeneratorResult result = new Generator(database.factory(), settings(300), ledger).run();

        assertThat(ledger.size()).isEqualTo(300);
        assertThat(result.totalChanges()).isEqualTo(300);
        assertThat(result.transactions()).isEqualTo(300);
        assertThat(result.seed()).isEqualTo(11L);
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.committed(Op.CREATE)).isEqualTo(ledger.count(Op.CREATE)).isPositive();
        assertThat(result.committed(Op.UPDATE)).isPositive();
        assertThat(result.committed(Op.DELETE)).isPositive();
        assertThat(replay(Map.of(), ledger)).isEqualTo(database.committedRows());
        assertThat(database.autoCommit).isFalse();
        assertThat(database.closed).isTrue();
    }

    @Test
    void recordsTransactionOrdinalsAndIdsWithSeveralRowsPerTransaction() {
        GeneratorResult result = new Generator(database.factory(), settings(10).withRowsPerTransaction(3), ledger)
                .run();

        assertThat(result.transactions()).isEqualTo(4);
        assertThat(ledger.entries()).extracting(LedgerEntry::transactionOrdinal)
                .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L, 4L);
        assertThat(ledger.entries()).extracting(LedgerEntry::txId)
                .containsExactly(700L, 700L, 700L, 701L, 701L, 701L, 702L, 702L, 702L, 703L);
    }

    @Test
    void sameSeedOnAnEmptyTableRepeatsTheRun() {
        new Generator(database.factory(), settings(200), ledger).run();
        Ledger again = new Ledger();
        new Generator(new FakeDatabase().factory(), settings(200), again).run();

        assertThat(again.entries()).isEqualTo(ledger.entries());
    }

    @Test
    void updatesAndDeletesRowsThatWereAlreadyThere() {
        for (int i = 0; i < 5; i++) {
            database.seed("seed" + i, "seed" + i + "@example.com");
        }
        Map<Integer, Map<String, Object>> before = database.committedRows();

        new Generator(database.factory(), settings(20).withMix(new Mix(0, 1, 1)), ledger).run();

        assertThat(ledger.entries()).extracting(LedgerEntry::op).contains(Op.UPDATE, Op.DELETE);
        assertThat(ledger.entries().get(0).op()).as("seed rows are targets from the start").isNotEqualTo(Op.CREATE);
        assertThat(ledger.entries().get(0).key()).isBetween(1, 5);
        assertThat(replay(before, ledger)).isEqualTo(database.committedRows());
    }

    @Test
    void failedStatementRollsBackAndLeavesOnlyCommittedChangesInTheLedger() {
        database.failOnWrite = 8;
        Generator generator = new Generator(database.factory(), settings(100).withRowsPerTransaction(3), ledger);

        assertThatThrownBy(generator::run)
                .isInstanceOf(GeneratorException.class)
                .hasMessageContaining("(table \"public\".\"users\")")
                .hasMessageContaining("value too long")
                .hasMessageContaining("22001")
                .hasMessageMatching("Could not (insert a row|update row id \\d+|delete row id \\d+) .*");
        assertThat(ledger.size()).as("two committed transactions of three").isEqualTo(6);
        assertThat(database.rollbacks).isEqualTo(1);
        assertThat(replay(Map.of(), ledger)).isEqualTo(database.committedRows());
        assertThat(database.closed).isTrue();
    }

    @Test
    void failedCommitLeavesNoEntriesForThatTransaction() {
        database.failCommit = true;
        assertThatThrownBy(() -> new Generator(database.factory(), settings(5), ledger).run())
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("Could not commit transaction 1");
        assertThat(ledger.size()).isZero();
        assertThat(database.committedRows()).isEmpty();
    }

    @Test
    void missingTableSaysToRunSetup() {
        database.tableExists = false;
        assertThatThrownBy(() -> new Generator(database.factory(), settings(5), ledger).run())
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("Could not load the existing ids (table \"public\".\"users\")")
                .hasMessageContaining("run setup first");
    }

    @Test
    void connectionFailureNeverShowsThePassword() {
        Generator generator = new Generator("jdbc:nosuchdriver://db.example/app?user=u&password=s3cret", "u",
                "t0psecret", settings(5), ledger);
        assertThatThrownBy(generator::run)
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("Could not connect")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret", "t0psecret"));
    }

    @Test
    void stopFromAnotherThreadCommitsTheOpenTransactionAndReturns() throws Exception {
        // Slow enough that the run would last minutes; stop must end it promptly.
        GeneratorSettings slow = settings(1_000_000).withRate(200).withRowsPerTransaction(5);
        Generator generator = new Generator(database.factory(), slow, ledger);
        CompletableFuture<GeneratorResult> run = CompletableFuture.supplyAsync(generator::run);

        Thread.sleep(150);
        generator.stop();
        GeneratorResult result = run.get(5, TimeUnit.SECONDS);

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.totalChanges()).isPositive().isEqualTo(ledger.size());
        assertThat(database.writes).isEqualTo(ledger.size());
        assertThat(replay(Map.of(), ledger)).isEqualTo(database.committedRows());
    }

    @Test
    void stopDuringATransactionCommitsWhatItHolds() {
        GeneratorSettings settings = settings(100).withRowsPerTransaction(10);
        Generator generator = new Generator(database.factory(), settings, ledger);
        database.onWrite = () -> {
            if (database.writes == 14) {
                generator.stop();
            }
        };

        GeneratorResult result = generator.run();

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(ledger.size()).isEqualTo(14);
        assertThat(ledger.entries().get(13).transactionOrdinal()).isEqualTo(2);
        assertThat(result.transactions()).isEqualTo(2);
    }

    @Test
    void durationEndsTheRun() {
        GeneratorSettings settings = GeneratorSettings.defaults().withCount(null)
                .withDuration(Duration.ofMillis(300)).withRate(100).withSeed(1L);
        long start = System.nanoTime();
        GeneratorResult result = new Generator(database.factory(), settings, ledger).run();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.totalChanges()).isBetween(20L, 40L);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void pacesToTheRate() {
        long start = System.nanoTime();
        new Generator(database.factory(), settings(21).withRate(100), ledger).run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(List.copyOf(ledger.entries())).hasSize(21);
    }
}
