package io.github.cdcverify.check;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.harness.CapturedTable;
import io.github.cdcverify.harness.LiveRun;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.github.cdcverify.verify.CdcAssertions.assertThat;

/**
 * The checks {@code cdc-verify verify} runs on any pipeline: the snapshot, every op's envelope, and a generated mix
 * that must arrive exactly (per key in commit order, nothing lost, nothing duplicated, transactions contiguous).
 */
public final class BuiltInChecks {

    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(60);

    private BuiltInChecks() {
    }

    /** The smallest generated mix the ordering check runs: enough changes for updates and deletes of many keys. */
    public static final int MIN_CHANGES = 50;

    /**
     * Every built-in check; {@code changes} sizes the generated mix.
     *
     * @throws IllegalArgumentException when {@code changes} is below {@link #MIN_CHANGES}
     */
    public static List<Check> all(int changes) {
        if (changes < MIN_CHANGES) {
            throw new IllegalArgumentException("The ordering check needs at least " + MIN_CHANGES + " changes, not "
                    + changes);
        }
        return List.of(
                check("snapshot", BuiltInChecks::snapshot),
                check("insert-update-delete", BuiltInChecks::insertUpdateDelete),
                check("ordering", stack -> ordering(stack, changes)));
    }

    /** Snapshot rows arrive in no global order on several partitions, so they are compared in key order. */
    private static int snapshot(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "verify_snapshot").leavingNoOffsets().withSeedRows()
                .start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            captured.awaitTopic();
            List<ChangeEvent> events = new ArrayList<>(consumer.pollAtLeast(3, EVENTS_TIMEOUT));
            assertThat(events).hasSize(3);
            events.sort(Comparator.comparingLong(event -> ((Number) event.key().get("id")).longValue()));
            String[] names = {"Alice", "Bob", "Charlie"};
            for (int i = 0; i < names.length; i++) {
                assertThat(events.get(i)).isRead().isSnapshot().hasNoBefore().hasKey("id", i + 1)
                        .hasAfter("name", names[i]).hasSource(captured.table().table());
            }
            return events.size();
        }
    }

    /** Under REPLICA IDENTITY FULL, so that before holds the old row for updates and deletes. */
    private static int insertUpdateDelete(CdcStack stack) throws SQLException {
        try (CapturedTable captured = CapturedTable.on(stack, "verify_iud").leavingNoOffsets()
                .withReplicaIdentity(ReplicaIdentity.FULL).start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            String table = captured.table().quoted();
            execute(captured, "INSERT INTO " + table + " (id, name, email) VALUES (?, 'Dana', 'dana@example.com')");
            captured.awaitTopic();
            execute(captured, "UPDATE " + table + " SET email = 'dana@example.org' WHERE id = ?");
            execute(captured, "DELETE FROM " + table + " WHERE id = ?");
            List<ChangeEvent> events = consumer.pollAtLeast(4, EVENTS_TIMEOUT);

            assertThat(events).hasSize(4);
            assertThat(events.get(0)).isCreate().isStreamed().hasKey("id", 1).hasNoBefore()
                    .hasAfter("email", "dana@example.com").hasSource("public", captured.table().table());
            assertThat(events.get(1)).isUpdate().hasKey("id", 1).hasBefore("email", "dana@example.com")
                    .hasAfter("email", "dana@example.org").hasLsnAfter(events.get(0));
            assertThat(events.get(2)).isDelete().hasKey("id", 1).hasBefore("email", "dana@example.org").hasNoAfter()
                    .hasLsnAfter(events.get(1));
            assertThat(events.get(3)).isTombstone().hasKey("id", 1);
            return events.size();
        }
    }

    private static void execute(CapturedTable captured, String sql) throws SQLException {
        try (PreparedStatement statement = captured.connection().prepareStatement(sql)) {
            statement.setInt(1, 1);
            statement.executeUpdate();
        }
    }

    private static int ordering(CdcStack stack, int changes) throws InterruptedException {
        try (CapturedTable captured = CapturedTable.on(stack, "verify_ordering").leavingNoOffsets().start();
             LiveRun run = LiveRun.on(captured).withGenerator(settings -> settings.withCount((long) changes)
                     .withRowsPerTransaction(3)).start()) {
            run.writes().awaitDone();
            captured.awaitTopic();
            // Reading on for a quiet period after the stream caught up lets a late duplicate show.
            run.awaitSettled(QuietPeriodReader.QUIET_PERIOD, EVENTS_TIMEOUT);
            Ledger ledger = run.writes().ledger();
            List<ChangeEvent> events = run.events();
            List<ChangeEvent> changeEvents = events.stream().filter(event -> !event.tombstone()).toList();
            assertThat(events).matchesLedger(ledger).hasNoDuplicates().isInCommitOrderPerKey(ledger);
            assertThat(changeEvents).keepsTransactionsContiguous().hasLsnNeverDecreasing();
            return events.size();
        }
    }

    private static Check check(String name, CheckBody body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int run(CdcStack stack) throws Exception {
                return body.run(stack);
            }
        };
    }

    @FunctionalInterface
    private interface CheckBody {
        int run(CdcStack stack) throws Exception;
    }
}
