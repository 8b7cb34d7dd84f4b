package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static io.github.cdcverify.judge.CdcAssertions.assertThatStream;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeStreamAssertTest {

    private final TestEvents events = new TestEvents();

    private static Ledger.Change change(Op op, int id, String name) {
        return new Ledger.Change(op, id, TestEvents.row(id, name));
    }

    /** Key 1: c, u, d; key 2: c. One transaction per change. */
    private static Ledger ledger() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, 10L, List.of(change(Op.CREATE, 1, "ann")));
        ledger.appendCommitted(2, 11L, List.of(change(Op.CREATE, 2, "bob")));
        ledger.appendCommitted(3, 12L, List.of(change(Op.UPDATE, 1, "anna")));
        ledger.appendCommitted(4, 13L, List.of(change(Op.DELETE, 1, "anna")));
        return ledger;
    }

    @Test
    void theExactStreamPassesEveryCheck() {
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 10), events.c(2, "bob", 11), events.u(1, "anna", 12),
                events.d(1, 13), events.tombstone(1));

        assertThat(stream).hasSize(5).matchesLedger(ledger()).isInCommitOrderPerKey(ledger()).hasNoDuplicates()
                .keepsTransactionsContiguous().hasLsnNeverDecreasing();
        assertThatStream(stream).matchesLedger(ledger());
    }

    @Test
    void aLostChangeNamesTheKeyAndBothOpSequences() {
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 10), events.c(2, "bob", 11), events.d(1, 13));

        assertThatThrownBy(() -> assertThat(stream).matchesLedger(ledger()))
                .hasMessageContaining(String.format("Expecting the stream of 3 events to match the ledger of 4 "
                        + "committed changes, but%n  key 1: expected [c, u, d] but received [c, d] (1 lost)"))
                .hasMessageContaining("NOT clean");
    }

    @Test
    void anExtraEventIsNotAMatch() {
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 10), events.c(2, "bob", 11), events.u(1, "anna", 12),
                events.d(1, 13), events.tombstone(1), events.c(3, "cid", 14));

        assertThatThrownBy(() -> assertThat(stream).matchesLedger(ledger()))
                .hasMessageContaining("key 3: expected [] but received [c] (1 unexpected)");
    }

    @Test
    void aChangedValueNamesKeyColumnAndBothValues() {
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 10), events.c(2, "bob", 11), events.u(1, "anne", 12),
                events.d(1, 13), events.tombstone(1));

        assertThatThrownBy(() -> assertThat(stream).matchesLedger(ledger()))
                .hasMessageContaining(String.format("but%n  key 1 (update #1): column name written 'anna' but "
                        + "received 'anne'"))
                .hasMessageContaining("changed                2 values");
    }

    @Test
    void aDeleteWithoutItsTombstoneFails() {
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 10), events.c(2, "bob", 11), events.u(1, "anna", 12),
                events.d(1, 13));

        assertThatThrownBy(() -> assertThat(stream).matchesLedger(ledger()))
                .hasMessageContaining("key 1: no tombstone after the delete at app.public.users-0@3")
                .hasMessageContaining("no tombstone           1 deletes");
    }

    @Test
    void reorderedKeyFailsCommitOrder() {
        List<ChangeEvent> stream = List.of(events.c(2, "bob", 11), events.u(1, "anna", 12), events.c(1, "ann", 10),
                events.d(1, 13));

        assertThat(List.of(events.c(1, "ann", 10))).isInCommitOrderPerKey(ledger());
        assertThatThrownBy(() -> assertThat(stream).isInCommitOrderPerKey(ledger()))
                .hasMessageContaining("key 1: expected [c, u, d] but received [u, c, d] (out of order)")
                .hasMessageEndingWith("keys out of order: [1]");
    }

    @Test
    void aRedeliveredEventIsADuplicate() {
        ChangeEvent create = events.c(1, "ann", 10);
        ChangeEvent again = new ChangeEvent(create.topic(), 0, 99, create.key(), create.op(), create.before(),
                create.after(), create.source(), 5L, null, false);

        assertThat(List.of(events.tombstone(1), events.tombstone(1))).hasNoDuplicates();
        assertThatThrownBy(() -> assertThat(List.of(create, events.u(1, "x", 11), again)).hasNoDuplicates())
                .hasMessageContaining("the event at app.public.users-0@99 repeats the one at app.public.users-0@0")
                .hasMessageContaining("    op: c (create)");
    }

    @Test
    void aTransactionSplitByAnotherFails() {
        List<ChangeEvent> stream = List.of(events.c(1, "a", 10), events.c(2, "b", 10), events.tombstone(2),
                events.c(3, "c", 11), events.c(4, "d", 10));

        assertThat(stream.subList(0, 4)).keepsTransactionsContiguous();
        assertThatThrownBy(() -> assertThat(stream).keepsTransactionsContiguous())
                .hasMessageContaining("transaction 10 appears again at app.public.users-0@4 after transaction 11 "
                        + "(last at app.public.users-0@3)")
                .hasMessageContaining("key: {\"id\":4}");
    }

    @Test
    void transactionsInterleaveAcrossPartitionsButNotWithinOne() {
        ChangeEvent a1 = onPartition(events.c(1, "a", 10), 0);
        ChangeEvent b2 = onPartition(events.c(2, "b", 11), 1);
        ChangeEvent a3 = onPartition(events.c(3, "c", 10), 1);
        ChangeEvent b4 = onPartition(events.c(4, "d", 11), 0);

        // Read partition by partition, as a consumer of several partitions does: 10 and 11 alternate overall.
        assertThat(List.of(a1, b2, a3, b4)).keepsTransactionsContiguous().hasLsnNeverDecreasing();
        ChangeEvent a5 = onPartition(events.c(5, "e", 10), 0);
        assertThatThrownBy(() -> assertThat(List.of(a1, b2, a3, b4, a5)).keepsTransactionsContiguous())
                .hasMessageContaining("contiguous within a partition")
                .hasMessageContaining("transaction 10 appears again at app.public.users-0@4 after transaction 11");
    }

    @Test
    void lsnMayGoDownAcrossPartitionsButNotWithinOne() {
        ChangeEvent first = onPartition(events.c(1, "a", 10), 0);
        ChangeEvent second = onPartition(events.c(2, "b", 10), 1);

        assertThat(List.of(second, first)).hasLsnNeverDecreasing();
        assertThatThrownBy(() -> assertThat(List.of(second, onPartition(first, 1))).hasLsnNeverDecreasing())
                .hasMessageContaining("never to decrease within a partition");
    }

    private static ChangeEvent onPartition(ChangeEvent event, int partition) {
        return new ChangeEvent(event.topic(), partition, event.offset(), event.key(), event.op(), event.before(),
                event.after(), event.source(), event.tsMs(), event.transaction(), event.tombstone());
    }

    @Test
    void decreasingLsnFails() {
        ChangeEvent first = events.c(1, "a", 10);
        ChangeEvent second = events.c(2, "b", 10);

        assertThatThrownBy(() -> assertThat(List.of(second, first)).hasLsnNeverDecreasing())
                .hasMessageContaining("source.lsn: 1000")
                .hasMessageContaining("comes after");
    }

    @Test
    void isAlsoAnAssertJListAssertion() {
        List<ChangeEvent> stream = List.of(events.c(1, "a", 10), events.u(1, "b", 11), events.tombstone(1));

        assertThat(stream).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.UPDATE, null);
        assertThat(stream).element(1).isUpdate().hasAfter("name", "b");
        assertThat(stream).last().isTombstone();
        assertThatThrownBy(() -> assertThat(stream).first().isDelete())
                .hasMessageEndingWith("to be a delete (op=d) but op was c");
    }

    @Test
    void sizeShowsTheOps() {
        assertThatThrownBy(() -> assertThat(List.of(events.c(1, "a", 10), events.tombstone(1))).hasSize(3))
                .hasMessageContaining("Expecting 3 change events but read 2:")
                .hasMessageEndingWith("ops: [c, tombstone]");
    }
}
