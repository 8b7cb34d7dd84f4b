package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The generator against the real PostgreSQL of the test stack: what the ledger says was committed is checked
 * against what the table, its sequence and PostgreSQL's transaction bookkeeping really hold. No connector is
 * involved; every test writes to a table of its own and drops it afterwards.
 */
@PipelineTest
class GeneratorIT {

    private static final long XID_MASK = 0xFFFF_FFFFL;

    @Test
    @DisplayName("after a run the table holds exactly the rows the ledger replays to, and the counts agree")
    void ledgerDescribesTheTable(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "ledger")) {
            Ledger ledger = new Ledger();

            GeneratorResult result = table.generator(table.settings(300).withSeed(11L), ledger).run();

            assertThat(result.totalChanges()).isEqualTo(300);
            assertThat(result.transactions()).isEqualTo(300);
            assertThat(result.seed()).isEqualTo(11L);
            assertThat(result.stoppedEarly()).isFalse();
            assertThat(ledger.size()).isEqualTo(300);
            for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
                long recorded = ledger.entries().stream().filter(entry -> entry.op() == op).count();
                assertThat(ledger.count(op)).as("ledger count of %s", op).isEqualTo(recorded).isPositive();
                assertThat(result.committed(op)).as("result count of %s", op).isEqualTo(recorded);
            }
            assertThat(ledger.entries()).extracting(LedgerEntry::sequence)
                    .as("sequence numbers 1..n in order").isEqualTo(range(1, 300));
            assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
            assertThat(table.insertsTakenFromTheIdSequence()).as("every insert took one id, none failed")
                    .isEqualTo(ledger.count(Op.CREATE));
            assertThat(table.liveRowCount()).isEqualTo(ledger.count(Op.CREATE) - ledger.count(Op.DELETE));
            assertTxIdsAreRealCommittedTransactions(table, ledger);
            assertThat(distinctTxIdsInOrder(ledger)).as("one transaction per change").hasSize(300);
        }
    }

    @Test
    @DisplayName("the changes of one transaction share its ordinal and PostgreSQL's real transaction id")
    void rowsOfATransactionShareItsRealTransactionId(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "txid")) {
            Ledger ledger = new Ledger();

            GeneratorResult result = table.generator(table.settings(10).withRowsPerTransaction(3), ledger).run();

            assertThat(result.transactions()).isEqualTo(4);
            assertThat(ledger.entries()).extracting(LedgerEntry::transactionOrdinal)
                    .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L, 4L);
            List<LedgerEntry> entries = ledger.entries();
            for (int i = 0; i < entries.size(); i++) {
                LedgerEntry entry = entries.get(i);
                assertThat(entry.txId()).as("txId of entry %d", entry.sequence()).isNotNull()
                        .isEqualTo(entries.get((int) (entry.transactionOrdinal() - 1) * 3).txId());
            }
            assertThat(distinctTxIdsInOrder(ledger)).hasSize(4);
            assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
            assertTxIdsAreRealCommittedTransactions(table, ledger);
        }
    }

    @Test
    @DisplayName("the same seed on two empty tables makes the same changes with the same values")
    void sameSeedOnEmptyTablesRepeatsTheRun(CdcStack stack) throws Exception {
        try (ScratchTable first = ScratchTable.create(stack, "seed_a");
             ScratchTable second = ScratchTable.create(stack, "seed_b");
             ScratchTable other = ScratchTable.create(stack, "seed_c")) {
            Ledger firstLedger = new Ledger();
            Ledger secondLedger = new Ledger();
            Ledger otherLedger = new Ledger();

            first.generator(first.settings(200).withSeed(42L).withRowsPerTransaction(2), firstLedger).run();
            second.generator(second.settings(200).withSeed(42L).withRowsPerTransaction(2), secondLedger).run();
            other.generator(other.settings(200).withSeed(43L).withRowsPerTransaction(2), otherLedger).run();

            assertThat(withoutTxIds(secondLedger)).isEqualTo(withoutTxIds(firstLedger));
            assertThat(rowsWithoutCreatedAt(second.rows())).isEqualTo(rowsWithoutCreatedAt(first.rows())).isNotEmpty();
            assertThat(withoutTxIds(otherLedger)).as("another seed makes another run")
                    .isNotEqualTo(withoutTxIds(firstLedger));
        }
    }

    @Test
    @DisplayName("updates and deletes also hit rows that were in the table before the run")
    void updatesAndDeletesRowsThatWereAlreadyThere(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "existing")) {
            for (int i = 0; i < 5; i++) {
                table.insert("Existing " + i, "existing" + i + "@example.com");
            }
            Map<Integer, Map<String, Object>> before = table.rows();
            Ledger ledger = new Ledger();

            table.generator(table.settings(20).withSeed(7L).withMix(new Mix(0, 1, 1)), ledger).run();

            assertThat(ledger.entries().get(0).op()).as("rows present at start are targets at once")
                    .isNotEqualTo(Op.CREATE);
            List<LedgerEntry> onExisting = ledger.entries().stream()
                    .filter(entry -> before.containsKey(entry.key())).toList();
            assertThat(onExisting).extracting(LedgerEntry::op).contains(Op.UPDATE, Op.DELETE)
                    .doesNotContain(Op.CREATE);
            // A delete of a row the generator never wrote records the values the table held.
            onExisting.stream()
                    .filter(entry -> entry.op() == Op.DELETE
                            && ledger.entriesForKey(entry.key()).get(0).equals(entry))
                    .forEach(entry -> assertThat(entry.values()).isEqualTo(before.get(entry.key())));
            assertThat(replay(before, ledger)).isEqualTo(table.rows());
            assertTxIdsAreRealCommittedTransactions(table, ledger);
        }
    }

    @Test
    @DisplayName("rows another session deletes during the run are skipped, not recorded")
    void rowsDeletedByAnotherSessionAreSkipped(CdcStack stack) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (ScratchTable table = ScratchTable.create(stack, "vanish");
             Connection other = PostgresConnections.open(stack.postgres())) {
            for (int i = 0; i < 5; i++) {
                table.insert("Doomed " + i, "doomed" + i + "@example.com");
            }
            Set<Integer> existing = table.rows().keySet();
            // Deleted but not yet committed: the generator still loads these rows, then waits on their locks.
            other.setAutoCommit(false);
            try (Statement delete = other.createStatement()) {
                assertThat(delete.executeUpdate("DELETE FROM " + table.quoted())).isEqualTo(5);
            }
            Ledger ledger = new Ledger();
            Generator generator = table.generator(table.settings(20).withSeed(7L).withMix(new Mix(0, 1, 1)),
                    ledger);
            try {
                CompletableFuture<GeneratorResult> run = CompletableFuture.supplyAsync(generator::run, runner);
                await().atMost(Waits.EVENTS).until(table::generatorWaitsForALock);
                assertThat(run).isNotDone();

                other.commit();
                await().atMost(Waits.EVENTS).until(run::isDone);
                GeneratorResult result = run.join();

                assertThat(result.totalChanges()).isEqualTo(20).isEqualTo(ledger.size());
                assertThat(ledger.keys()).doesNotContainAnyElementsOf(existing);
                assertThat(ledger.entries().get(0).op()).as("with every known row gone, an insert")
                        .isEqualTo(Op.CREATE);
                assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
                assertTxIdsAreRealCommittedTransactions(table, ledger);
            } finally {
                generator.stop();
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    @DisplayName("a statement PostgreSQL rejects rolls its transaction back; the ledger keeps only committed ones")
    void rejectedStatementRollsBackAndLeavesNoLedgerEntries(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "reject")) {
            // Ids come from the serial sequence in insert order, so the 8th insert is the one rejected.
            table.execute("ALTER TABLE " + table.quoted() + " ADD CONSTRAINT no_eighth_row CHECK (id <> 8)");
            Ledger ledger = new Ledger();
            Generator generator = table.generator(table.settings(100).withSeed(11L).withRowsPerTransaction(3),
                    ledger);

            assertThatThrownBy(generator::run)
                    .isInstanceOf(GeneratorException.class)
                    .hasMessageStartingWith("Could not insert a row (table " + table.quoted() + "): ")
                    .hasMessageContaining("no_eighth_row")
                    .hasMessageContaining("[SQLState 23514]");

            assertThat(ledger.entries()).extracting(LedgerEntry::key).doesNotContain(8);
            assertThat(ledger.size()).as("whole transactions of three only").isPositive()
                    .isEqualTo(3 * (int) ledger.entries().get(ledger.size() - 1).transactionOrdinal());
            assertThat(ledger.entries()).extracting(LedgerEntry::op).contains(Op.UPDATE);
            assertThat(replay(Map.of(), ledger)).as("nothing of the failed transaction is in the table")
                    .isEqualTo(table.rows());
            assertTxIdsAreRealCommittedTransactions(table, ledger);
        }
    }

    @Test
    @DisplayName("a COMMIT PostgreSQL refuses leaves no ledger entries for that transaction")
    void refusedCommitLeavesNoLedgerEntries(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "commit")) {
            String function = "public." + table.name().table() + "_reject";
            try {
                // A deferred constraint trigger runs at COMMIT: the transaction holding id 5 fails to commit.
                table.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.id = 5 THEN RAISE EXCEPTION 'row 5 refused at commit'; END IF; RETURN NULL; "
                        + "END $$");
                table.execute("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON " + table.quoted()
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + function + "()");
                Ledger ledger = new Ledger();
                Generator generator = table.generator(
                        table.settings(10).withMix(new Mix(1, 0, 0)).withRowsPerTransaction(2), ledger);

                assertThatThrownBy(generator::run)
                        .isInstanceOf(GeneratorException.class)
                        .hasMessageStartingWith("Could not commit transaction 3 (table " + table.quoted() + "): ")
                        .hasMessageContaining("row 5 refused at commit");

                assertThat(ledger.entries()).extracting(LedgerEntry::key).containsExactly(1, 2, 3, 4);
                assertThat(ledger.entries()).extracting(LedgerEntry::transactionOrdinal)
                        .containsExactly(1L, 1L, 2L, 2L);
                assertThat(table.rows().keySet()).containsExactly(1, 2, 3, 4);
                assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
            } finally {
                table.execute("DROP FUNCTION IF EXISTS " + function + "() CASCADE");
            }
        }
    }

    @Test
    @DisplayName("a missing table fails with a message that says to run setup")
    void missingTableSaysToRunSetup(CdcStack stack) {
        PostgresEndpoint postgres = stack.postgres();
        String missing = "gen_missing_" + randomSuffix();
        GeneratorSettings settings = GeneratorSettings.defaults().withCount(5L).withTable(missing);
        Ledger ledger = new Ledger();
        Generator generator = new Generator(postgres, settings, ledger);

        assertThatThrownBy(generator::run)
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("Could not load the existing ids (table \"public\".\"" + missing + "\")")
                .hasMessageContaining("[SQLState 42P01]")
                .hasMessageContaining("run setup first");
        assertThat(ledger.size()).isZero();
    }

    @Test
    @DisplayName("a wrong password is refused with a message that does not contain it")
    void wrongPasswordIsNotShown(CdcStack stack) {
        PostgresEndpoint postgres = stack.postgres();
        String wrong = "wrong-" + UUID.randomUUID();
        Ledger ledger = new Ledger();
        Generator generator = new Generator(() -> DriverManager.getConnection(postgres.jdbcUrl() + "?password="
                + wrong, postgres.user(), wrong), GeneratorSettings.defaults().withCount(5L), ledger);

        assertThatThrownBy(generator::run)
                .isInstanceOf(GeneratorException.class)
                .hasMessageStartingWith("Could not connect")
                .hasMessageContaining("[SQLState 28P01]")
                .hasMessageContaining("Check the user name and password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(ledger.size()).isZero();
    }

    @Test
    @DisplayName("a password written into a JDBC URL no driver accepts is not shown")
    void passwordInARejectedUrlIsNotShown(CdcStack stack) {
        PostgresEndpoint postgres = stack.postgres();
        String secret = "s3cret-" + randomSuffix();
        String typoScheme = "jdbc:postgres://" + postgres.host() + ":" + postgres.port() + "/" + postgres.database()
                + "?user=" + postgres.user() + "&password=" + secret;
        String userInfo = "jdbc:postgresql://" + postgres.user() + ":" + secret + "@" + postgres.host() + ":"
                + postgres.port() + "/" + postgres.database();

        for (String url : List.of(typoScheme, userInfo)) {
            Generator generator = new Generator(() -> DriverManager.getConnection(url, postgres.user(), secret),
                    GeneratorSettings.defaults().withCount(5L), new Ledger());
            assertThatThrownBy(generator::run)
                    .as(url.replace(secret, "<secret>"))
                    .isInstanceOf(GeneratorException.class)
                    .hasMessageStartingWith("Could not connect")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        }
    }

    @Test
    @DisplayName("stop() from another thread commits the open transaction and ends the run")
    void stopFromAnotherThreadCommitsTheOpenTransaction(CdcStack stack) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (ScratchTable table = ScratchTable.create(stack, "stop")) {
            Ledger ledger = new Ledger();
            // Slow, with transactions far larger than can fill before the stop: only stop() can commit one.
            GeneratorSettings slow = table.settings(1_000_000).withRate(50).withRowsPerTransaction(100_000);
            Generator generator = table.generator(slow, ledger);
            CompletableFuture<GeneratorResult> run = CompletableFuture.supplyAsync(generator::run, runner);
            try {
                AtomicReference<Long> openXid = new AtomicReference<>();
                await().atMost(Waits.EVENTS).until(() -> {
                    openXid.set(table.openTransactionAfterAnInsert().orElse(null));
                    return openXid.get() != null;
                });
                assertThat(ledger.size()).as("nothing committed before the stop").isZero();
                assertThat(table.rows()).as("nothing visible before the stop").isEmpty();

                generator.stop();
                await().atMost(Waits.SHORT).until(run::isDone);
                GeneratorResult result = run.join();

                assertThat(result.stoppedEarly()).isTrue();
                assertThat(result.transactions()).isEqualTo(1);
                assertThat(result.totalChanges()).isPositive().isEqualTo(ledger.size());
                assertThat(ledger.entries()).extracting(LedgerEntry::op).contains(Op.CREATE);
                assertThat(ledger.entries()).allSatisfy(entry -> {
                    assertThat(entry.transactionOrdinal()).isEqualTo(1L);
                    assertThat(entry.txId() & XID_MASK).as("the transaction seen open").isEqualTo(openXid.get());
                });
                assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows()).isNotEmpty();
                assertTxIdsAreRealCommittedTransactions(table, ledger);
            } finally {
                generator.stop();
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    @DisplayName("a generator stopped before it runs writes nothing")
    void stoppedBeforeRunWritesNothing(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "prestop")) {
            Ledger ledger = new Ledger();
            Generator generator = table.generator(table.settings(50), ledger);
            generator.stop();

            GeneratorResult result = generator.run();

            assertThat(result.stoppedEarly()).isTrue();
            assertThat(result.totalChanges()).isZero();
            assertThat(result.transactions()).isZero();
            assertThat(ledger.size()).isZero();
            assertThat(table.rows()).isEmpty();
            assertThat(table.insertsTakenFromTheIdSequence()).isZero();
        }
    }

    @Test
    @DisplayName("the duration ends the run, with the rate setting how many changes fit in it")
    void durationEndsTheRun(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "duration")) {
            Ledger ledger = new Ledger();
            GeneratorSettings settings = table.settings(1).withCount(null)
                    .withDuration(Duration.ofMillis(500)).withRate(100);

            GeneratorResult result = runBounded(table.generator(settings, ledger));

            assertThat(result.stoppedEarly()).isFalse();
            // Change i is due at i * 10 ms; the 51st would be due at the deadline itself.
            assertThat(result.totalChanges()).isBetween(25L, 50L).isEqualTo(ledger.size());
            assertThat(result.transactions()).isEqualTo(result.totalChanges());
            assertThat(result.elapsed()).isBetween(Duration.ofMillis(500), Waits.scaled(Duration.ofSeconds(5)));
            assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
        }
    }

    @Test
    @DisplayName("when the duration ends mid-transaction, the changes made so far are committed")
    void durationCommitsAPartlyFilledTransaction(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "duration_tx")) {
            Ledger ledger = new Ledger();
            GeneratorSettings settings = table.settings(1).withCount(null).withRowsPerTransaction(10_000)
                    .withDuration(Duration.ofMillis(300)).withRate(100);

            GeneratorResult result = runBounded(table.generator(settings, ledger));

            assertThat(result.stoppedEarly()).isFalse();
            assertThat(result.transactions()).isEqualTo(1);
            assertThat(result.totalChanges()).isBetween(15L, 30L).isEqualTo(ledger.size());
            assertThat(distinctTxIdsInOrder(ledger)).hasSize(1);
            assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows()).isNotEmpty();
            assertTxIdsAreRealCommittedTransactions(table, ledger);
        }
    }

    @Test
    @DisplayName("the rate holds the run back: 21 changes at 100/s take at least 200 ms")
    void pacesToTheRate(CdcStack stack) throws Exception {
        try (ScratchTable table = ScratchTable.create(stack, "rate")) {
            Ledger ledger = new Ledger();
            long start = System.nanoTime();

            GeneratorResult result = table.generator(table.settings(21).withRate(100), ledger).run();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(result.totalChanges()).isEqualTo(21);
            assertThat(replay(Map.of(), ledger)).isEqualTo(table.rows());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Runs the generator on another thread and waits for it, bounded, so a run that never ends fails the test. */
    private static GeneratorResult runBounded(Generator generator) {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<GeneratorResult> run = CompletableFuture.supplyAsync(generator::run, runner);
            await().atMost(Waits.EVENTS).until(run::isDone);
            return run.join();
        } finally {
            generator.stop();
            runner.shutdownNow();
        }
    }

    /**
     * The table the ledger implies: {@code before} with every entry applied in sequence order. Checks on the way
     * that inserts make new keys, updates and deletes hit live ones, and a delete records the row as last written.
     */
    private static Map<Integer, Map<String, Object>> replay(Map<Integer, Map<String, Object>> before, Ledger ledger) {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>(before);
        for (LedgerEntry entry : ledger.entries()) {
            switch (entry.op()) {
                case CREATE -> assertThat(rows.put(entry.key(), entry.values())).as("insert of a new key: %s", entry)
                        .isNull();
                case UPDATE -> assertThat(rows.put(entry.key(), entry.values()))
                        .as("update of a live key records the row before it: %s", entry).isNotNull()
                        .isEqualTo(entry.before());
                case DELETE -> assertThat(rows.remove(entry.key())).as("delete records the row as last written: %s",
                        entry).isEqualTo(entry.values()).isEqualTo(entry.before());
                default -> throw new AssertionError("unexpected op in the ledger: " + entry);
            }
        }
        return rows;
    }

    /** Every txId is a transaction PostgreSQL committed, and each live row's xmin is its last change's txId. */
    private static void assertTxIdsAreRealCommittedTransactions(ScratchTable table, Ledger ledger)
            throws SQLException {
        for (Long txId : distinctTxIdsInOrder(ledger)) {
            assertThat(table.transactionStatus(txId)).as("status of txId %d", txId).isEqualTo("committed");
        }
        Map<Integer, Long> xmins = table.xmins();
        assertThat(xmins).isNotEmpty();
        xmins.forEach((id, xmin) -> {
            List<LedgerEntry> changes = ledger.entriesForKey(id);
            if (!changes.isEmpty()) {
                assertThat(changes.get(changes.size() - 1).txId() & XID_MASK)
                        .as("xmin of row %d is the txId of its last change", id).isEqualTo(xmin);
            }
        });
    }

    /** The txIds of the ledger in sequence order, each once; fails if they do not strictly increase. */
    private static List<Long> distinctTxIdsInOrder(Ledger ledger) {
        List<Long> txIds = new ArrayList<>();
        for (LedgerEntry entry : ledger.entries()) {
            assertThat(entry.txId()).as("txId of %s", entry).isNotNull();
            if (txIds.isEmpty() || !txIds.get(txIds.size() - 1).equals(entry.txId())) {
                if (!txIds.isEmpty()) {
                    assertThat(entry.txId()).as("txIds increase with the sequence")
                            .isGreaterThan(txIds.get(txIds.size() - 1));
                }
                txIds.add(entry.txId());
            }
        }
        return txIds;
    }

    /** The entries without their txIds and times of writing, which differ between runs; the rest must repeat. */
    private static List<List<Object>> withoutTxIds(Ledger ledger) {
        return ledger.entries().stream()
                .map(entry -> List.<Object>of(entry.sequence(), entry.op(), entry.key(),
                        withoutCreatedAt(entry.values()), entry.transactionOrdinal()))
                .toList();
    }

    private static Map<String, Object> withoutCreatedAt(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        assertThat(copy.remove("created_at")).as("created_at of %s", row).isNotNull();
        return copy;
    }

    private static Map<Integer, Map<String, Object>> rowsWithoutCreatedAt(Map<Integer, Map<String, Object>> rows) {
        Map<Integer, Map<String, Object>> copy = new TreeMap<>();
        rows.forEach((id, row) -> copy.put(id, withoutCreatedAt(row)));
        return copy;
    }

    private static List<Long> range(long first, long last) {
        List<Long> values = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A users table of one test, {@code public.gen_<label>_<random>}, dropped again by {@link #close()}. */
    private static final class ScratchTable implements AutoCloseable {

        private final PostgresEndpoint postgres;
        private final UsersTable users;
        private final Connection connection;

        private ScratchTable(PostgresEndpoint postgres, UsersTable users, Connection connection) {
            this.postgres = postgres;
            this.users = users;
            this.connection = connection;
        }

        static ScratchTable create(CdcStack stack, String label) throws SQLException {
            UsersTable users = new UsersTable(new TableName("public", "gen_" + label + "_" + randomSuffix()));
            Connection connection = PostgresConnections.open(stack.postgres());
            try {
                users.create(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return new ScratchTable(stack.postgres(), users, connection);
        }

        TableName name() {
            return users.name();
        }

        String quoted() {
            return users.name().quoted();
        }

        /** Settings for this table with a fixed seed, so a failure can be repeated. */
        GeneratorSettings settings(long count) {
            return GeneratorSettings.defaults().withCount(count).withSeed(11L)
                    .withSchema(name().schema()).withTable(name().table());
        }

        /** A generator logging in as the stack's user, its connection named after the table. */
        Generator generator(GeneratorSettings settings, Ledger ledger) {
            return new Generator(() -> DriverManager.getConnection(postgres.jdbcUrl() + "?ApplicationName="
                    + name().table(), postgres.user(), postgres.password()), settings, ledger);
        }

        void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        void insert(String name, String email) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + quoted() + " (name, email) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, email);
                insert.executeUpdate();
            }
        }

        /** The committed rows, {@code id -> {id, name, email, created_at}}, by id. */
        Map<Integer, Map<String, Object>> rows() throws SQLException {
            Map<Integer, Map<String, Object>> rows = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, email, created_at FROM " + quoted() + " ORDER BY id");
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", result.getInt(1));
                    row.put("name", result.getString(2));
                    row.put("email", result.getString(3));
                    // As the generator reads it back: an instant, not a java.sql.Timestamp in the JVM's zone.
                    row.put("created_at", result.getObject(4, OffsetDateTime.class));
                    rows.put(result.getInt(1), row);
                }
            }
            return rows;
        }

        long liveRowCount() throws SQLException {
            return single("SELECT count(*) FROM " + quoted());
        }

        /** How many ids the serial sequence handed out, i.e. how many inserts were attempted. */
        long insertsTakenFromTheIdSequence() throws SQLException {
            // Sequences are not transactional: an id handed to a rolled-back insert stays taken.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass), 0)")) {
                select.setString(1, quoted());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        }

        /** {@code id -> xmin}: the 32-bit id of the transaction that wrote each live row's current version. */
        Map<Integer, Long> xmins() throws SQLException {
            Map<Integer, Long> xmins = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, xmin::text::bigint FROM " + quoted());
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    xmins.put(result.getInt(1), result.getLong(2));
                }
            }
            return xmins;
        }

        /** PostgreSQL's status of a full (epoch-carrying) transaction id: committed, aborted or in progress. */
        String transactionStatus(long txId) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT pg_xact_status(CAST(CAST(? AS text) AS xid8))")) {
                select.setLong(1, txId);
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return result.getString(1);
                }
            }
        }

        /** Whether the generator's connection is waiting for a lock another session holds. */
        boolean generatorWaitsForALock() throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = ? "
                            + "AND wait_event_type = 'Lock')")) {
                select.setString(1, name().table());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return result.getBoolean(1);
                }
            }
        }

        /**
         * The 32-bit xid of the generator's connection while it sits in an open transaction after an insert, or
         * empty while it does not.
         */
        Optional<Long> openTransactionAfterAnInsert() throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT backend_xid::text::bigint FROM pg_stat_activity WHERE application_name = ? "
                            + "AND state = 'idle in transaction' AND backend_xid IS NOT NULL "
                            + "AND query LIKE 'INSERT%'")) {
                select.setString(1, name().table());
                try (ResultSet result = select.executeQuery()) {
                    return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
                }
            }
        }

        private long single(String sql) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                users.drop(connection);
            } finally {
                connection.close();
            }
        }
    }
}
