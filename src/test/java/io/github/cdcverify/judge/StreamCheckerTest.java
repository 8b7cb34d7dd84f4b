package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The incremental checker against the batch {@link Verdict} on the same histories. */
class StreamCheckerTest {

    private final TestEvents events = new TestEvents();
    private long tx = 1;

    private static Map<String, Object> row(long id, String name) {
        return TestEvents.row(id, name);
    }

    private Ledger ledger(Ledger.Change... changes) {
        Ledger ledger = new Ledger();
        for (Ledger.Change change : changes) {
            ledger.appendCommitted(tx, 500 + tx, List.of(change));
            tx++;
        }
        return ledger;
    }

    private static Ledger.Change created(int id, String name) {
        return new Ledger.Change(Op.CREATE, id, row(id, name));
    }

    private static Ledger.Change updated(int id, String name) {
        return new Ledger.Change(Op.UPDATE, id, row(id, name));
    }

    private static Ledger.Change deleted(int id, String name) {
        return new Ledger.Change(Op.DELETE, id, row(id, name));
    }

    private ChangeEvent repeat(ChangeEvent original) {
        ChangeEvent later = events.tombstone(0); // takes the next offset
        return new ChangeEvent(original.topic(), original.partition(), later.offset(), original.key(), original.op(),
                original.before(), original.after(), original.source(), original.tsMs(), original.transaction(),
                original.tombstone());
    }

    @Test
    void aCleanHistoryIsCleanAndComplete() {
        Ledger ledger = ledger(created(1, "ann"), created(2, "bob"), updated(1, "anna"), deleted(2, "bob"));
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.c(2, "bob", 2), events.u(1, "anna", 3),
                events.d(2, 4), events.tombstone(2));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.clean()).isTrue();
        assertThat(checker.matched(Op.DELETE)).isEqualTo(1);
        assertThat(checker.summary()).endsWith("clean");
    }

    @Test
    void aMissingEventIsLost() {
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"), updated(1, "annie"));
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.u(1, "annie", 3));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().lost()).isEqualTo(1);
        assertThat(checker.problems().lostDescriptions()).containsExactly(
                "key 1 (update #1, change 2 of the ledger): committed but never received");
        assertThat(checker.summary()).contains("NOT clean: key 1 (update #1, change 2 of the ledger)");
    }

    @Test
    void aLostChangeIsCountedSoFarOnceALaterChangeOfItsKeyArrives() {
        StreamChecker checker = new StreamChecker();
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"), updated(1, "annie"));
        checker.committed(ledger.entries());
        checker.received(List.of(events.c(1, "ann", 1), events.u(1, "annie", 3)));

        assertThat(checker.skipped()).as("lost so far").isEqualTo(1);
        assertThat(checker.inFlight()).isEqualTo(1);
        assertThat(checker.complete()).isFalse();
    }

    @Test
    void anExactRepeatIsDuplicatedAndCounted() {
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"));
        ChangeEvent create = events.c(1, "ann", 1);
        ChangeEvent update = events.u(1, "anna", 2);
        List<ChangeEvent> stream = List.of(create, update, repeat(create), repeat(update));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().duplicated()).isEqualTo(2);
        assertThat(checker.problems().lost()).isZero();
    }

    @Test
    void swappedEventsOfAKeyAreOutOfOrder() {
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"), updated(1, "annie"));
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.u(1, "annie", 3), events.u(1, "anna", 2));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().outOfOrderExamples()).containsExactly(1L);
        assertThat(checker.problems().lost()).isZero();
    }

    @Test
    void anEventWithOtherValuesIsAChangedValueWithKeyColumnWrittenAndReceived() {
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"));
        Map<String, Object> wrong = row(1, "anna");
        wrong.put("email", "someone@else.org");
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.event(Op.UPDATE, 1, 2, null, wrong));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().changedExamples()).extracting(ChangedValue::describe).containsExactly(
                "key 1 (update #1): column email written 'anna@example.com' but received 'someone@else.org'");
    }

    @Test
    void eventsOfKeysNeverWrittenAndTruncatesAreUnexpected() {
        Ledger ledger = ledger(created(1, "ann"));
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.c(9, "zed", 2),
                events.event(Op.TRUNCATE, 1, 3, null, null));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().unexpected()).isEqualTo(2);
    }

    @Test
    void aDeleteWithoutTombstoneAndARedeliveredDeleteSharingOne() {
        Ledger ledger = ledger(created(1, "ann"), deleted(1, "ann"), created(2, "bob"), deleted(2, "bob"));
        ChangeEvent delete2 = events.d(2, 4);
        List<ChangeEvent> stream = List.of(events.c(1, "ann", 1), events.d(1, 2), events.c(2, "bob", 3), delete2,
                repeat(delete2), events.tombstone(2));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.problems().missingTombstoneExamples()).containsExactly(
                "key 1: no tombstone after the delete at app.public.users-0@2");
        assertThat(checker.problems().duplicated()).isEqualTo(1);
    }

    @Test
    void snapshotReadsAndTombstonesAreCountedNotMatched() {
        Ledger ledger = ledger(created(2, "bob"));
        List<ChangeEvent> stream = List.of(events.read(1, "ann", "first"), events.c(2, "bob", 1));

        StreamChecker checker = assertSameAsVerdict(ledger, stream);

        assertThat(checker.snapshotReads()).isEqualTo(1);
    }

    @Test
    void anEventThatComesBeforeItsChangeIsCommittedWaitsForIt() {
        StreamChecker checker = new StreamChecker();
        Ledger ledger = ledger(created(1, "ann"), updated(1, "anna"));
        List<LedgerEntry> entries = ledger.entries();
        checker.committed(entries.subList(0, 1));
        checker.received(List.of(events.c(1, "ann", 1), events.u(1, "anna", 2)));

        assertThat(checker.held()).isEqualTo(1);
        assertThat(checker.complete()).isFalse();

        checker.committed(entries.subList(1, 2));

        assertThat(checker.held()).isZero();
        assertThat(checker.complete()).isTrue();
        checker.finish();
        assertThat(checker.clean()).isTrue();
    }

    @Test
    void anEventEqualToNoChangeIsJudgedOnceItWaitedTheSettleTime() {
        long[] now = {0};
        StreamChecker checker = new StreamChecker().withSettle(java.time.Duration.ofSeconds(30))
                .withClock(() -> now[0]);
        checker.committed(ledger(created(1, "ann")).entries());
        checker.received(events.c(1, "someone else", 1));

        assertThat(checker.problems().changedValues()).as("still waiting for its change").isZero();

        now[0] += java.time.Duration.ofSeconds(31).toNanos();
        checker.received(events.c(2, "bob", 2));

        assertThat(checker.problems().changedExamples()).extracting(ChangedValue::describe)
                .contains("key 1 (create #1): column name written 'ann' but received 'someone else'");
        assertThat(checker.held()).as("bob's change is not committed; only 1 s passed").isEqualTo(1);
    }

    @Test
    void keysDeletedAndSettledAreForgottenSoThatOnlyLiveKeysStay() {
        Feed feed = new Feed(new StreamChecker());
        feed.commit(created(1, "ann"));
        feed.receive(events.c(1, "ann", 1));
        for (int key = 2; key <= 2_001; key++) {
            String name = "k" + key;
            feed.commit(created(key, name), updated(key, name + "x"), deleted(key, name + "x"));
            feed.receive(events.c(key, name, key));
            feed.receive(events.u(key, name + "x", key));
            feed.receive(events.d(key, key));
            feed.receive(events.tombstone(key));
        }

        assertThat(feed.checker.keys()).as("the one live key").isEqualTo(1);

        feed.commit(created(3_000, "zed"), deleted(3_000, "zed"));
        feed.receive(events.c(3_000, "zed", 3_000));
        feed.receive(events.d(3_000, 3_000));
        assertThat(feed.checker.keys()).as("deleted, but its tombstone still to come").isEqualTo(2);
        feed.receive(events.tombstone(3_000));
        assertThat(feed.checker.keys()).isEqualTo(1);
        assertThat(feed.checker.complete()).isTrue();
        assertThat(feed.finishSameAsVerdict().clean()).isTrue();
    }

    @Test
    void aLateExactRepeatOfAForgottenKeysEventsIsDuplicated() {
        Feed feed = new Feed(new StreamChecker());
        feed.commit(created(1, "ann"), updated(1, "anna"), deleted(1, "anna"));
        List<ChangeEvent> original = List.of(events.c(1, "ann", 1), events.u(1, "anna", 2), events.d(1, 3),
                events.tombstone(1));
        original.forEach(feed::receive);
        assertThat(feed.checker.keys()).as("deleted and settled: forgotten").isZero();

        original.forEach(event -> feed.receive(repeat(event))); // redelivered after a consumer restart

        StreamChecker checker = feed.finishSameAsVerdict();
        StreamProblems problems = checker.problems();
        assertThat(problems.duplicated()).isEqualTo(3);
        assertThat(List.of(problems.lost(), problems.unexpected(), problems.changedValues(),
                problems.outOfOrderKeys(), problems.missingTombstones())).as(checker.summary()).containsOnly(0L);
    }

    /** Key 1 created, deleted and its tombstone received: the checker no longer follows it. */
    private Feed annCreatedAndDeletedAndForgotten() {
        Feed feed = new Feed(new StreamChecker());
        feed.commit(created(1, "ann"), deleted(1, "ann"));
        feed.receive(events.c(1, "ann", 1));
        feed.receive(events.d(1, 2));
        feed.receive(events.tombstone(1));
        assertThat(feed.checker.keys()).as("deleted and settled: forgotten").isZero();
        return feed;
    }

    @Test
    void anEventOfAForgottenKeyThatIsNoRepeatIsStillReported() {
        Feed feed = annCreatedAndDeletedAndForgotten();

        Map<String, Object> other = row(1, "ann");
        other.put("email", "someone@else.org");
        feed.receive(events.event(Op.CREATE, 1, 1, null, other)); // the create again, but with other values
        assertThat(feed.checker.held()).as("its change might still be committed").isEqualTo(1);

        StreamChecker checker = feed.finishSameAsVerdict();
        assertThat(checker.problems().unexpected()).isEqualTo(1);
        assertThat(checker.problems().duplicated()).isZero();
    }

    @Test
    void aKeyWrittenAgainAfterItWasForgottenNumbersItsChangesOn() {
        Feed feed = annCreatedAndDeletedAndForgotten();

        feed.commit(created(1, "ann"));
        Map<String, Object> wrong = row(1, "ann");
        wrong.put("email", "someone@else.org");
        feed.receive(events.event(Op.CREATE, 1, 3, null, wrong));

        assertThat(feed.finishSameAsVerdict().problems().changedExamples()).extracting(ChangedValue::describe)
                .containsExactly("key 1 (create #2): column email written 'ann@example.com' but received "
                        + "'someone@else.org'");
    }

    /** Where the checker may differ from the batch verdict, as its javadoc says. */
    @Test
    void aRepeatOfAKeyForgottenBeforeTheLastOnesKeptIsUnexpected() {
        StreamChecker checker = new StreamChecker().withForgottenKeysKept(2);
        Ledger ledger = new Ledger();
        List<ChangeEvent> creates = new ArrayList<>();
        for (int key = 1; key <= 3; key++) {
            String name = "k" + key;
            checker.committed(ledger.appendCommitted(tx, tx, List.of(created(key, name), deleted(key, name))));
            tx++;
            creates.add(events.c(key, name, key));
            checker.received(List.of(creates.get(key - 1), events.d(key, key), events.tombstone(key)));
        }

        checker.received(repeat(creates.get(2))); // key 3, among the last 2 forgotten
        checker.received(repeat(creates.get(0))); // key 1, forgotten before them
        checker.finish();

        assertThat(checker.problems().duplicatedExamples()).extracting(ChangeEvent::key)
                .containsExactly(Map.of("id", 3));
        assertThat(checker.problems().unexpectedExamples()).extracting(ChangeEvent::key)
                .containsExactly(Map.of("id", 1));
    }

    @Test
    void aNegativeNumberOfForgottenKeysKeptIsRejected() {
        assertThatThrownBy(() -> new StreamChecker().withForgottenKeysKept(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Forgotten keys kept must be 0 or more, not -1");
    }

    @Test
    void randomHistoriesWithFaultsJudgedAsTheVerdictJudgesThemWhateverTheInterleaving() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            Ledger ledger = new Ledger();
            List<ChangeEvent> stream = randomHistory(random, ledger);
            assertSameAsVerdict(ledger, stream);
            assertSameWhenInterleaved(ledger, stream, random);
        }
    }

    /** 30 keys, each with a create, a few updates and maybe a delete; at most one fault per key. */
    private List<ChangeEvent> randomHistory(Random random, Ledger ledger) {
        List<List<ChangeEvent>> perKey = new ArrayList<>();
        for (int key = 1; key <= 30; key++) {
            List<ChangeEvent> keyEvents = new ArrayList<>();
            String name = "k" + key;
            ledger.appendCommitted(tx, tx++, List.of(created(key, name)));
            keyEvents.add(events.c(key, name, tx));
            for (int u = random.nextInt(4); u > 0; u--) {
                name = name + "x";
                ledger.appendCommitted(tx, tx++, List.of(updated(key, name)));
                keyEvents.add(events.u(key, name, tx));
            }
            if (random.nextBoolean()) {
                ledger.appendCommitted(tx, tx++, List.of(deleted(key, name)));
                keyEvents.add(events.d(key, tx));
                keyEvents.add(events.tombstone(key));
            }
            int at = random.nextInt(keyEvents.size());
            switch (random.nextInt(6)) {
                case 0 -> keyEvents.remove(at); // lost
                case 1 -> keyEvents.add(Math.min(at + 1 + random.nextInt(3), keyEvents.size()),
                        repeat(keyEvents.get(at))); // duplicated
                case 2 -> { // reordered
                    if (at + 1 < keyEvents.size() && !keyEvents.get(at + 1).tombstone()
                            && !keyEvents.get(at).tombstone()) {
                        keyEvents.add(at, keyEvents.remove(at + 1));
                    }
                }
                case 3 -> { // changed
                    ChangeEvent original = keyEvents.get(at);
                    if (original.after() != null) {
                        Map<String, Object> after = new LinkedHashMap<>(original.after());
                        after.put("name", "changed");
                        keyEvents.set(at, new ChangeEvent(original.topic(), 0, original.offset(), original.key(),
                                original.op(), original.before(), after, original.source(), 2L, null, false));
                    }
                }
                default -> { } // healthy
            }
            if (!keyEvents.isEmpty()) {
                perKey.add(keyEvents);
            }
        }
        // Keys interleave at random; each key keeps its own order.
        List<ChangeEvent> stream = new ArrayList<>();
        while (!perKey.isEmpty()) {
            int pick = random.nextInt(perKey.size());
            stream.add(perKey.get(pick).remove(0));
            if (perKey.get(pick).isEmpty()) {
                perKey.remove(pick);
            }
        }
        return stream;
    }

    /** Events and committed transactions interleaved, some events before their change was committed. */
    private void assertSameWhenInterleaved(Ledger ledger, List<ChangeEvent> stream, Random random) {
        StreamChecker streamed = new StreamChecker().withExamplesKept(Integer.MAX_VALUE);
        List<LedgerEntry> entries = ledger.entries();
        int committed = 0;
        for (ChangeEvent event : stream) {
            int upTo = Math.min(entries.size(), committed + random.nextInt(4));
            streamed.committed(entries.subList(committed, upTo));
            committed = upTo;
            streamed.received(event);
        }
        streamed.committed(entries.subList(committed, entries.size()));
        streamed.finish();
        StreamChecker batch = StreamChecker.compare(ledger, stream, Integer.MAX_VALUE);
        assertThat(counts(streamed)).as("interleaved%n%s", streamed.summary()).isEqualTo(counts(batch));
    }

    /** Committed changes and received events fed as they come, kept to ask the batch verdict about them. */
    private final class Feed {
        final StreamChecker checker;
        final Ledger ledger = new Ledger();
        final List<ChangeEvent> stream = new ArrayList<>();

        Feed(StreamChecker checker) {
            this.checker = checker.withExamplesKept(Integer.MAX_VALUE);
        }

        /** One transaction, committed and handed over as LiveRun does. */
        void commit(Ledger.Change... changes) {
            checker.committed(ledger.appendCommitted(tx, 500 + tx, List.of(changes)));
            tx++;
        }

        void receive(ChangeEvent event) {
            stream.add(event);
            checker.received(event);
        }

        StreamChecker finishSameAsVerdict() {
            checker.finish();
            assertJudgedAsVerdict(checker, ledger, stream);
            return checker;
        }
    }

    private static StreamChecker assertSameAsVerdict(Ledger ledger, List<ChangeEvent> stream) {
        StreamChecker checker = StreamChecker.compare(ledger, stream, Integer.MAX_VALUE);
        assertJudgedAsVerdict(checker, ledger, stream);
        return checker;
    }

    private static void assertJudgedAsVerdict(StreamChecker checker, Ledger ledger, List<ChangeEvent> stream) {
        Verdict verdict = Verdict.compare(ledger, stream);
        StreamProblems problems = checker.problems();
        String context = String.format("verdict:%n%s%nstream checker:%n%s", verdict.summary(), checker.summary());
        for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
            assertThat(checker.committed(op)).as(context).isEqualTo(verdict.committed(op));
            assertThat(checker.received(op)).as(context).isEqualTo(verdict.received(op));
            assertThat(checker.matched(op)).as(context).isEqualTo(verdict.matched(op));
        }
        assertThat(sorted(problems.lostExamples())).as(context).isEqualTo(sorted(verdict.lost()));
        assertThat(problems.duplicated()).as(context).isEqualTo(verdict.duplicated().size());
        assertThat(problems.unexpected()).as(context).isEqualTo(verdict.unexpected().size());
        assertThat(problems.outOfOrderExamples()).as(context)
                .containsExactlyInAnyOrderElementsOf(verdict.outOfOrderKeys());
        assertThat(problems.changedExamples()).extracting(ChangedValue::describe).as(context)
                .containsExactlyInAnyOrderElementsOf(verdict.changedValues().stream().map(ChangedValue::describe)
                        .toList());
        assertThat(problems.missingTombstones()).as(context).isEqualTo(verdict.missingTombstones().size());
        assertThat(checker.clean()).as(context).isEqualTo(verdict.clean());
        assertThat(checker.tombstones()).as(context).isEqualTo(verdict.tombstones());
    }

    private static List<LedgerEntry> sorted(List<LedgerEntry> entries) {
        return entries.stream().sorted(Comparator.comparingInt(LedgerEntry::key)
                .thenComparingLong(LedgerEntry::sequence)).toList();
    }

    private static List<Long> counts(StreamChecker checker) {
        StreamProblems problems = checker.problems();
        return List.of(checker.matched(Op.CREATE), checker.matched(Op.UPDATE), checker.matched(Op.DELETE),
                problems.lost(), problems.duplicated(), problems.unexpected(), problems.changedValues(),
                problems.outOfOrderKeys(), problems.missingTombstones());
    }
}
