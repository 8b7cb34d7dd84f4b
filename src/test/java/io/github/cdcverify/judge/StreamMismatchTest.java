package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link StreamChecker} tells a waiting caller (is anything still awaited?) once the ledger is complete, and
 * the {@link StreamMismatch} it fails with: every problem named with its count, lost changes per op with keys.
 */
class StreamMismatchTest {

    private final TestEvents events = new TestEvents();
    private final Ledger ledger = new Ledger();
    private final StreamChecker checker = new StreamChecker();
    private long tx = 1;

    private void commit(Op op, int id, String name) {
        checker.committed(ledger.appendCommitted(tx, 500 + tx, List.of(new Ledger.Change(op, id,
                TestEvents.row(id, name)))));
        tx++;
    }

    private static ChangeEvent repeatOf(ChangeEvent original, long offset) {
        return new ChangeEvent(original.topic(), original.partition(), offset, original.key(), original.op(),
                original.before(), original.after(), original.source(), original.tsMs(), original.transaction(),
                original.tombstone());
    }

    @Test
    void aDeleteRepeatedAfterItsTombstoneIsADuplicateAndAwaitsNoTombstoneOfItsOwn() {
        commit(Op.CREATE, 1, "ann");
        commit(Op.DELETE, 1, "ann");
        ChangeEvent delete = events.d(1, 2);
        checker.received(List.of(events.c(1, "ann", 1), delete, events.tombstone(1), repeatOf(delete, 99)));

        assertThat(checker.awaitingTombstones()).as("the tombstone after the first delivery serves both").isZero();
        assertThat(checker.nothingAwaitedInOrder()).isTrue();
        checker.finish();
        assertThat(checker.problems().duplicated()).isEqualTo(1);
        assertThat(checker.problems().missingTombstones()).isZero();
        Verdict verdict = Verdict.compare(ledger, List.of(events.c(1, "ann", 1), delete, events.tombstone(1),
                repeatOf(delete, 98)));
        assertThat(verdict.duplicated()).hasSize(1);
        assertThat(verdict.missingTombstones()).as("the batch verdict agrees").isEmpty();
    }

    @Test
    void onceNoMoreChangesWillComeAnEventEqualToNoneIsJudgedAtOnce() {
        commit(Op.CREATE, 1, "ann");
        checker.received(List.of(events.c(1, "ann", 1), events.c(1, "ann twice", 1)));
        assertThat(checker.held()).as("its change might still be committed").isEqualTo(1);

        checker.noMoreChanges();

        assertThat(checker.held()).isZero();
        assertThat(checker.problems().unexpected()).isEqualTo(1);
        assertThat(checker.nothingAwaitedInOrder()).isTrue();
    }

    @Test
    void aChangeOvertakenByALaterChangeOfItsKeyIsNoLongerAwaitedInOrder() {
        commit(Op.CREATE, 1, "ann");
        commit(Op.UPDATE, 1, "anna");
        commit(Op.UPDATE, 1, "annie");
        checker.received(events.c(1, "ann", 1));

        assertThat(checker.nothingAwaitedInOrder()).as("two updates still to come").isFalse();

        checker.received(events.u(1, "annie", 3));

        assertThat(checker.nothingAwaitedInOrder()).as("the first update can only come out of order").isTrue();
        assertThat(checker.inFlight()).isEqualTo(1);
    }

    @Test
    void aStreamThatStoppedShortFailsWithItsLossPerOpAndKeysAndTheTableOnLinesOfItsOwn() {
        commit(Op.CREATE, 1, "ann");
        commit(Op.CREATE, 2, "bob");
        commit(Op.UPDATE, 1, "anna");
        commit(Op.DELETE, 2, "bob");
        checker.received(List.of(events.c(1, "ann", 1), events.d(2, 4)));
        checker.noMoreChanges();
        checker.finish();

        StreamMismatch mismatch = StreamMismatch.of(checker, "The stream of public.users", "Judged when nothing "
                + "new had arrived for 10 s: the stream stopped short of the ledger.");

        assertThat(mismatch).isInstanceOf(AssertionError.class);
        assertThat(mismatch.problems().lost(Op.CREATE)).isEqualTo(1);
        assertThat(mismatch.problems().lost(Op.UPDATE)).isEqualTo(1);
        assertThat(mismatch.getMessage().lines()).containsExactly(
                "The stream of public.users does not match the ledger of 4 committed changes: 2 lost (create 1, "
                        + "update 1), 1 deletes without tombstone",
                "Judged when nothing new had arrived for 10 s: the stream stopped short of the ledger.",
                "  lost 2 (create 1, update 1), first 2:",
                "    key 1 (update #1, change 3 of the ledger): committed but never received",
                "    key 2 (create #1, change 2 of the ledger): committed but never received",
                "  no tombstone 1 deletes, first 1:",
                "    key 2: no tombstone after the delete at app.public.users-0@1",
                "op             committed  received   matched",
                "create                 2         1         1",
                "update                 1         0         0",
                "delete                 1         1         1",
                "lost                   2  (create 1, update 1)",
                "duplicated             0",
                "out of order           0 keys",
                "unexpected             0",
                "changed                0 values",
                "no tombstone           1 deletes",
                "ignored                0 tombstones, 0 snapshot reads",
                "NOT clean: key 1 (update #1, change 3 of the ledger): committed but never received");
    }

    @Test
    void anUpdateDeliveredAsACreateIsUnexpectedAndTheUpdateLostNotLostZero() {
        commit(Op.CREATE, 1, "ann");
        commit(Op.UPDATE, 1, "anna");
        checker.received(List.of(events.c(1, "ann", 1), events.c(1, "anna", 2)));
        checker.noMoreChanges();
        checker.finish();

        StreamMismatch mismatch = StreamMismatch.of(checker, "The stream of public.users", "Judged.");

        assertThat(mismatch.getMessage().lines().findFirst()).hasValue("The stream of public.users does not match "
                + "the ledger of 2 committed changes: 1 lost (update 1), 1 unexpected");
        assertThat(mismatch.getMessage()).contains("    key 1: event at app.public.users-0@1 (op c) matches no "
                + "committed change");
    }

    @Test
    void duplicatesAloneFailWithTheirCount() {
        commit(Op.CREATE, 1, "ann");
        ChangeEvent create = events.c(1, "ann", 1);
        checker.received(List.of(create, repeatOf(create, 7), repeatOf(create, 8)));
        checker.noMoreChanges();
        checker.finish();

        String message = StreamMismatch.of(checker, "The stream of public.users", "Judged.").getMessage();

        assertThat(message).startsWith("The stream of public.users does not match the ledger of 1 committed "
                + "changes: 2 duplicated" + System.lineSeparator())
                .contains("    key 1: event at app.public.users-0@7 repeats one already received")
                .contains("duplicated             2");
    }
}
