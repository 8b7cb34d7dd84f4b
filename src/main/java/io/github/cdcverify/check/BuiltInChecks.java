package io.github.cdcverify.check;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.stack.CdcStack;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;

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
    private static CheckOutcome snapshot(CdcStack stack) {
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
            return CheckOutcome.passed(events.size());
        }
    }

    /** Under REPLICA IDENTITY FULL, so that before holds the old row for updates and deletes. */
    private static CheckOutcome insertUpdateDelete(CdcStack stack) throws SQLException {
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
            return CheckOutcome.passed(events.size());
        }
    }

    private static void execute(CapturedTable captured, String sql) throws SQLException {
        try (PreparedStatement statement = captured.connection().prepareStatement(sql)) {
            statement.setInt(1, 1);
            statement.executeUpdate();
        }
    }

    private static CheckOutcome ordering(CdcStack stack, int changes) throws Exception {
        return closing(CapturedTable.on(stack, "verify_ordering").leavingNoOffsets().start(),
                captured -> ordering(captured, changes));
    }

    /**
     * The {@code ordering} check on a table captured already (tests break its connector on purpose): writes
     * {@code changes} in transactions of 3 rows and judges the stream against their ledger as soon as the outcome
     * is certain ({@link LiveRun#assertMatchesLedger}): a stream that stops short fails after
     * {@link LiveRun#DEFAULT_STALL} of silence with what it lost, not after the whole 60 s.
     *
     * @return passed or failed (naming what is lost, duplicated, changed, unexpected or out of order), counting
     *         the events received
     */
    static CheckOutcome ordering(CapturedTable captured, int changes) throws Exception {
        return closing(LiveRun.on(captured).withGenerator(settings -> settings.withCount((long) changes)
                .withRowsPerTransaction(3)).start(), run -> {
            run.writes().awaitDone();
            captured.awaitTopic(); // a topic that never came is an error with the connector's status, not a loss
            try {
                run.assertMatchesLedger(EVENTS_TIMEOUT);
                List<ChangeEvent> changeEvents = run.events().stream().filter(event -> !event.tombstone()).toList();
                assertThat(changeEvents).keepsTransactionsContiguous().hasLsnNeverDecreasing();
            } catch (AssertionError mismatch) {
                // the result line then says how many events the check read, not 0
                return CheckOutcome.failed(mismatch.getMessage(), run.events().size());
            }
            return CheckOutcome.passed(run.events().size());
        });
    }

    /**
     * {@code body} on {@code resource}, then closes it, as try-with-resources does, except that a clean-up failing
     * after a failed outcome is added to that outcome ({@code Also: ...}) rather than replacing it.
     */
    private static <R extends AutoCloseable> CheckOutcome closing(R resource, CheckBody<R> body) throws Exception {
        CheckOutcome outcome;
        try {
            outcome = body.run(resource);
        } catch (Throwable thrown) {
            try {
                resource.close();
            } catch (Exception cleanup) {
                thrown.addSuppressed(cleanup);
            }
            throw thrown;
        }
        try {
            resource.close();
        } catch (Exception cleanup) {
            if (outcome instanceof CheckOutcome.Failed failed) {
                return failed.also(cleanup.getMessage());
            }
            throw cleanup;
        }
        return outcome;
    }

    private static Check check(String name, CheckBody<CdcStack> body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckOutcome run(CdcStack stack) throws Exception {
                return body.run(stack);
            }
        };
    }

    @FunctionalInterface
    private interface CheckBody<T> {
        CheckOutcome run(T on) throws Exception;
    }
}
