package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private long nextOffset;
    private long nextLsn = 1000;

    // --- building the ledger -------------------------------------------------------------------------------

    private static Map<String, Object> row(long id, String name, String email) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        return row;
    }

    private static Ledger.Change created(int id, String name) {
        return new Ledger.Change(Op.CREATE, id, row(id, name, name + "@example.com"));
    }

    private static Ledger.Change updated(int id, String name) {
        return new Ledger.Change(Op.UPDATE, id, row(id, name, name + "@example.com"));
    }

    private static Ledger.Change deleted(int id, String name) {
        return new Ledger.Change(Op.DELETE, id, row(id, name, name + "@example.com"));
    }

    private static Ledger ledger(Ledger.Change... changes) {
        Ledger ledger = new Ledger();
        long tx = 1;
        for (Ledger.Change change : changes) {
            ledger.appendCommitted(tx, 500 + tx, List.of(change));
            tx++;
        }
        return ledger;
    }

    // --- building events -----------------------------------------------------------------------------------

    private ChangeEvent event(Op op, long id, Map<String, Object> before, Map<String, Object> after) {
        Source source = new Source("postgresql", "app", "db", "public", "users", nextLsn++, null, null, null,
                Map.of());
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", (int) id), op, before, after,
                source, 1L, null, false);
    }

    private ChangeEvent c(long id, String name) {
        return event(Op.CREATE, id, null, row(id, name, name + "@example.com"));
    }

    private ChangeEvent u(long id, String name) {
        return event(Op.UPDATE, id, null, row(id, name, name + "@example.com"));
    }

    private ChangeEvent d(long id) {
        // Debezium with REPLICA IDENTITY DEFAULT: before carries the key only.
        return event(Op.DELETE, id, row(id, null, null), null);
    }

    private ChangeEvent tombstone(long id) {
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", id), null, null, null, null, null,
                null, true);
    }

    private ChangeEvent snapshotRead(long id, String name) {
        Source source = new Source("postgresql", "app", "db", "public", "users", 1L, null, null, "true", Map.of());
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", id), Op.READ, null,
                row(id, name, name + "@example.com"), source, 1L, null, false);
    }

    /** The same record delivered again, at a later offset, as at-least-once delivery does. */
    private ChangeEvent redelivered(ChangeEvent original) {
        return new ChangeEvent(original.topic(), original.partition(), nextOffset++, original.key(), original.op(),
                original.before(), original.after(), original.source(), original.tsMs(), original.transaction(),
                original.tombstone());
    }

    // --- cases ---------------------------------------------------------------------------------------------

    @Test
    void everyChangeReceivedOnceInOrderIsClean() {
        Ledger ledger = ledger(created(1, "ann"), created(2, "bob"), updated(1, "anna"), deleted(2, "bob"));
        Verdict verdict = Verdict.compare(ledger,
                List.of(c(1, "ann"), c(2, "bob"), u(1, "anna"), d(2), tombstone(2)));

        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.committed(Op.CREATE)).isEqualTo(2);
        assertThat(verdict.received(Op.UPDATE)).isEqualTo(1);
        assertThat(verdict.matched(Op.DELETE)).isEqualTo(1);
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.firstProblem()).isEqualTo("no problems");
        assertThat(verdict.summary()).contains("clean");
    }

    @Test
    void anEventWithoutAnOpIsUnexpectedNotACrash() {
        Ledger ledger = ledger(created(1, "ann"));
        Verdict verdict = Verdict.compare(ledger,
                List.of(c(1, "ann"), event(null, 1, null, row(1, "ann", "ann@example.com"))));

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.unexpected()).hasSize(1);
    }

    @Test
    void nothingCommittedNothingReceivedIsClean() {
        assertThat(Verdict.compare(new Ledger(), List.of()).clean()).isTrue();
    }

    @Test
    void interleavingOfDifferentKeysDoesNotMatter() {
        Ledger ledger = ledger(created(1, "a"), created(2, "b"), updated(1, "a2"), updated(2, "b2"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(2, "b"), u(2, "b2"), c(1, "a"), u(1, "a2")));
        assertThat(verdict.clean()).isTrue();
    }

    @Test
    void missingEventIsLost() {
        Ledger ledger = ledger(created(17, "x"), updated(17, "y"), deleted(17, "y"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(17, "x"), d(17)));

        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.lost()).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo(17);
            assertThat(entry.op()).isEqualTo(Op.UPDATE);
        });
        assertThat(verdict.outOfOrderKeys()).isEmpty();
        assertThat(verdict.firstProblem()).isEqualTo("key 17: expected [c, u, d] but received [c, d] (1 lost)");
    }

    @Test
    void updateWithOtherValuesIsAChangedValueNotLostPlusUnexpected() {
        Ledger ledger = ledger(created(1, "x"), updated(1, "y"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), u(1, "not-y")));

        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.unexpected()).isEmpty();
        assertThat(verdict.changedValues()).extracting(ChangedValue::describe).containsExactlyInAnyOrder(
                "key 1 (update #1): column name written 'y' but received 'not-y'",
                "key 1 (update #1): column email written 'y@example.com' but received 'not-y@example.com'");
        assertThat(verdict.matched(Op.UPDATE)).isZero();
        assertThat(verdict.received(Op.UPDATE)).isEqualTo(1);
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void redeliveredEventIsDuplicated() {
        Ledger ledger = ledger(created(1, "x"), updated(1, "y"));
        ChangeEvent create = c(1, "x");
        ChangeEvent update = u(1, "y");
        Verdict verdict = Verdict.compare(ledger, List.of(create, update, redelivered(create), redelivered(update)));

        assertThat(verdict.duplicated()).hasSize(2);
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.unexpected()).isEmpty();
        assertThat(verdict.outOfOrderKeys()).as("duplicates are removed before checking order").isEmpty();
        assertThat(verdict.received(Op.CREATE)).isEqualTo(2);
        assertThat(verdict.matched(Op.CREATE)).isEqualTo(1);
        assertThat(verdict.firstProblem()).isEqualTo("key 1: expected [c, u] but received [c, u, c, u] (2 duplicated)");
    }

    @Test
    void sameValuesAtAnotherLsnAreADistinctChangeNotADuplicate() {
        Ledger ledger = ledger(created(1, "x"), updated(1, "y"), updated(1, "y"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), u(1, "y"), u(1, "y")));
        assertThat(verdict.clean()).isTrue();
    }

    @Test
    void secondUpdateWithSameValuesAndSameLsnIsDuplicateAndTheOtherIsLost() {
        Ledger ledger = ledger(created(1, "x"), updated(1, "y"), updated(1, "y"));
        ChangeEvent update = u(1, "y");
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), update, redelivered(update)));

        assertThat(verdict.duplicated()).hasSize(1);
        assertThat(verdict.lost()).hasSize(1);
    }

    @Test
    void swappedEventsAreOutOfOrder() {
        Ledger ledger = ledger(created(3, "x"), updated(3, "y"), deleted(3, "y"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(3, "x"), d(3), u(3, "y")));

        assertThat(verdict.outOfOrderKeys()).containsExactly(3L);
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.unexpected()).isEmpty();
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.firstProblem()).isEqualTo("key 3: expected [c, u, d] but received [c, d, u] (out of order)");
    }

    @Test
    void reorderedUpdatesWithDifferentValuesAreOutOfOrder() {
        Ledger ledger = ledger(created(1, "a"), updated(1, "b"), updated(1, "c"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "a"), u(1, "c"), u(1, "b")));
        assertThat(verdict.outOfOrderKeys()).containsExactly(1L);
    }

    @Test
    void eventForAKeyNeverWrittenIsUnexpected() {
        Ledger ledger = ledger(created(1, "x"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), c(99, "intruder")));

        assertThat(verdict.unexpected()).singleElement()
                .satisfies(event -> assertThat(event.key()).containsEntry("id", 99));
        assertThat(verdict.firstProblem()).isEqualTo("key 99: expected [] but received [c] (1 unexpected)");
    }

    @Test
    void createWhoseAfterIdDiffersFromTheKeyIsAChangedValue() {
        Ledger ledger = ledger(created(1, "x"));
        ChangeEvent wrongId = event(Op.CREATE, 1, null, row(2, "x", "x@example.com"));
        Verdict verdict = Verdict.compare(ledger, List.of(wrongId));

        assertThat(verdict.changedValues()).extracting(ChangedValue::describe)
                .containsExactly("key 1 (create #1): column id written 1 but received 2");
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.unexpected()).isEmpty();
    }

    @Test
    void tombstonesAreCountedButNotMatched() {
        Ledger ledger = ledger(created(1, "x"), deleted(1, "x"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), d(1), tombstone(1)));

        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.missingTombstones()).isEmpty();
        assertThat(verdict.tombstones()).isEqualTo(1);
        assertThat(verdict.received(Op.DELETE)).isEqualTo(1);
        assertThat(verdict.summary()).contains("1 tombstones");
    }

    @Test
    void snapshotReadsAreCountedButNotMatched() {
        Ledger ledger = ledger(updated(5, "changed"));
        Verdict verdict = Verdict.compare(ledger,
                List.of(snapshotRead(5, "seed"), snapshotRead(6, "seed"), u(5, "changed")));

        assertThat(verdict.clean()).isTrue();
        assertThat(verdict.snapshotReads()).isEqualTo(2);
        assertThat(verdict.summary()).contains("2 snapshot reads");
    }

    @Test
    void keyNumbersMatchWhateverNumberTypeTheParserChose() {
        Ledger ledger = ledger(created(7, "x"));
        ChangeEvent longKeyed = new ChangeEvent("t", 0, 0, Map.of("id", 7L), Op.CREATE, null,
                Map.of("id", 7.0, "name", "x", "email", "x@example.com"), null, null, null, false);
        assertThat(Verdict.compare(ledger, List.of(longKeyed)).clean()).isTrue();
    }

    @Test
    void eventsWithoutSourceCanStillBeMatched() {
        Ledger ledger = ledger(created(1, "x"));
        ChangeEvent noSource = new ChangeEvent("t", 0, 0, Map.of("id", 1), Op.CREATE, null,
                row(1, "x", "x@example.com"), null, null, null, false);
        assertThat(Verdict.compare(ledger, List.of(noSource, noSource)).duplicated()).hasSize(1);
    }

    @Test
    void keylessAndTruncateEventsAreUnexpected() {
        ChangeEvent keyless = new ChangeEvent("t", 0, 4, null, Op.CREATE, null, row(1, "x", "x"), null, null,
                null, false);
        ChangeEvent truncate = new ChangeEvent("t", 0, 5, null, Op.TRUNCATE, null, null, null, null, null, false);
        Verdict verdict = Verdict.compare(new Ledger(), List.of(keyless, truncate));

        assertThat(verdict.unexpected()).containsExactly(keyless, truncate);
        assertThat(verdict.firstProblem()).startsWith("event at t-0@4 (op c");
    }

    @Test
    void firstProblemNamesTheLowestOffendingKey() {
        Ledger ledger = ledger(created(9, "a"), created(4, "b"), created(6, "c"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(6, "c")));
        assertThat(verdict.problems()).extracting(KeyProblem::key).containsExactly(4L, 9L);
        assertThat(verdict.firstProblem()).startsWith("key 4:");
    }

    @Test
    void summaryIsAnAlignedTable() {
        Ledger ledger = ledger(created(1, "a"), updated(1, "b"), deleted(1, "b"));
        ChangeEvent create = c(1, "a");
        String summary = Verdict.compare(ledger, List.of(create, redelivered(create), d(1))).summary();

        assertThat(summary.lines()).startsWith(
                "op             committed  received   matched",
                "create                 1         2         1",
                "update                 1         0         0",
                "delete                 1         1         1",
                "lost                   1  (update 1)",
                "duplicated             1",
                "out of order           0 keys",
                "unexpected             0",
                "changed                0 values",
                "no tombstone           1 deletes");
        assertThat(summary).contains("NOT clean: key 1: expected [c, u, d] but received [c, c, d]");
    }

    // --- every column, before images, tombstones ------------------------------------------------------------

    /** created_at as read over JDBC (any offset) and as Debezium sends it (ISO-8601 in UTC). */
    private static final OffsetDateTime WRITTEN_AT = OffsetDateTime.parse("2026-02-02T12:30:00.123456+02:00");
    private static final String SENT_AT = "2026-02-02T10:30:00.123456Z";

    /** A users row, as written ({@link #WRITTEN_AT}) or as sent ({@link #SENT_AT}). */
    private static Map<String, Object> stored(long id, String email, Object createdAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", "Ann");
        row.put("email", email);
        row.put("created_at", createdAt);
        return row;
    }

    /** Key 17: created with x@x, updated to y@x, then to a@x, then deleted. */
    private static Ledger key17() {
        return ledger(new Ledger.Change(Op.CREATE, 17, stored(17, "x@x", WRITTEN_AT)),
                new Ledger.Change(Op.UPDATE, 17, stored(17, "y@x", WRITTEN_AT), stored(17, "x@x", WRITTEN_AT)),
                new Ledger.Change(Op.UPDATE, 17, stored(17, "a@x", WRITTEN_AT), stored(17, "y@x", WRITTEN_AT)),
                new Ledger.Change(Op.DELETE, 17, stored(17, "a@x", WRITTEN_AT)));
    }

    private static Map<String, Object> keyOnly(long id) {
        Map<String, Object> row = stored(id, null, null);
        row.put("name", null);
        return row;
    }

    /** Key 17's history as Debezium sends it under REPLICA IDENTITY DEFAULT, the second update's email replaced. */
    private List<ChangeEvent> key17UnderDefault(String secondEmail) {
        return List.of(event(Op.CREATE, 17, null, stored(17, "x@x", SENT_AT)),
                event(Op.UPDATE, 17, null, stored(17, "y@x", SENT_AT)),
                event(Op.UPDATE, 17, null, stored(17, secondEmail, SENT_AT)),
                event(Op.DELETE, 17, keyOnly(17), null), tombstone(17));
    }

    @Test
    void everyColumnMatchesUnderReplicaIdentityDefault() {
        Verdict verdict = Verdict.compare(key17(), key17UnderDefault("a@x"));

        assertThat(verdict.clean()).as(verdict.summary()).isTrue();
        assertThat(verdict.matched(Op.UPDATE)).isEqualTo(2);
        assertThat(verdict.matched(Op.DELETE)).isEqualTo(1);
    }

    @Test
    void everyColumnMatchesUnderReplicaIdentityFull() {
        List<ChangeEvent> events = List.of(event(Op.CREATE, 17, null, stored(17, "x@x", SENT_AT)),
                event(Op.UPDATE, 17, stored(17, "x@x", SENT_AT), stored(17, "y@x", SENT_AT)),
                event(Op.UPDATE, 17, stored(17, "y@x", SENT_AT), stored(17, "a@x", SENT_AT)),
                event(Op.DELETE, 17, stored(17, "a@x", SENT_AT), null), tombstone(17));

        Verdict verdict = Verdict.compare(key17(), events);

        assertThat(verdict.clean()).as(verdict.summary()).isTrue();
        assertThat(verdict.matched(Op.DELETE)).isEqualTo(1);
    }

    @Test
    void aChangedColumnIsReportedWithKeyColumnAndBothValues() {
        Verdict verdict = Verdict.compare(key17(), key17UnderDefault("b@x"));

        assertThat(verdict.changedValues()).extracting(ChangedValue::describe)
                .containsExactly("key 17 (update #2): column email written 'a@x' but received 'b@x'");
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.unexpected()).isEmpty();
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.summary()).contains("changed                1 values")
                .endsWith("NOT clean: key 17 (update #2): column email written 'a@x' but received 'b@x'");
    }

    @Test
    void createdAtIsComparedAsAnInstant() {
        Ledger ledger = ledger(new Ledger.Change(Op.CREATE, 17, stored(17, "x@x", WRITTEN_AT)));
        ChangeEvent oneMicroLater = event(Op.CREATE, 17, null, stored(17, "x@x", "2026-02-02T10:30:00.123457Z"));

        assertThat(Verdict.compare(ledger, List.of(oneMicroLater)).firstProblem()).isEqualTo("key 17 (create #1): "
                + "column created_at written '2026-02-02T10:30:00.123456Z' but received '2026-02-02T10:30:00.123457Z'");
    }

    @Test
    void aColumnTheEventLacksIsAChangedValue() {
        Ledger ledger = ledger(new Ledger.Change(Op.CREATE, 17, stored(17, "x@x", WRITTEN_AT)));
        Map<String, Object> withoutCreatedAt = stored(17, "x@x", SENT_AT);
        withoutCreatedAt.remove("created_at");

        Verdict verdict = Verdict.compare(ledger, List.of(event(Op.CREATE, 17, null, withoutCreatedAt)));

        assertThat(verdict.firstProblem()).isEqualTo("key 17 (create #1): column created_at written "
                + "'2026-02-02T10:30:00.123456Z' but received no such column");
    }

    @Test
    void aWrongBeforeUnderReplicaIdentityFullIsAChangedValue() {
        List<ChangeEvent> events = new ArrayList<>(key17UnderDefault("a@x"));
        events.set(1, event(Op.UPDATE, 17, stored(17, "w@x", SENT_AT), stored(17, "y@x", SENT_AT)));

        Verdict verdict = Verdict.compare(key17(), events);

        assertThat(verdict.changedValues()).extracting(ChangedValue::describe)
                .containsExactly("key 17 (update #1): before column email written 'x@x' but received 'w@x'");
        assertThat(verdict.clean()).isFalse();
    }

    @Test
    void aDeleteBeforeThatIsNeitherTheKeyOnlyNorTheWholeRowIsAChangedValue() {
        Map<String, Object> half = stored(17, null, null);
        List<ChangeEvent> events = new ArrayList<>(key17UnderDefault("a@x"));
        events.set(3, event(Op.DELETE, 17, half, null));

        Verdict verdict = Verdict.compare(key17(), events);

        assertThat(verdict.changedValues()).extracting(ChangedValue::describe).containsExactly(
                "key 17 (delete #1): before column email written 'a@x' but received null",
                "key 17 (delete #1): before column created_at written '2026-02-02T10:30:00.123456Z' but received null");
    }

    @Test
    void aDeleteWithoutTombstoneIsReportedWithTheKey() {
        List<ChangeEvent> events = new ArrayList<>(key17UnderDefault("a@x"));
        ChangeEvent delete = events.get(3);
        events.remove(4);

        Verdict verdict = Verdict.compare(key17(), events);

        assertThat(verdict.missingTombstones()).singleElement().satisfies(missing -> {
            assertThat(missing.key()).isEqualTo(17);
            assertThat(missing.delete()).isSameAs(delete);
        });
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.firstProblem()).isEqualTo("key 17: no tombstone after the delete at app.public.users-0@3");
        assertThat(verdict.summary()).contains("no tombstone           1 deletes");
    }

    @Test
    void aTombstoneAfterALaterEventOfTheKeyComesTooLate() {
        Ledger ledger = ledger(created(1, "x"), deleted(1, "x"), created(1, "again"));
        Verdict verdict = Verdict.compare(ledger, List.of(c(1, "x"), d(1), c(1, "again"), tombstone(1)));

        assertThat(verdict.firstProblem()).isEqualTo("key 1: no tombstone after the delete at app.public.users-0@1");
    }

    @Test
    void aRedeliveredDeleteSharesTheTombstoneOfItsRepeat() {
        ChangeEvent delete = d(1);
        Verdict verdict = Verdict.compare(ledger(created(1, "x"), deleted(1, "x")),
                List.of(c(1, "x"), delete, redelivered(delete), tombstone(1)));

        assertThat(verdict.missingTombstones()).isEmpty();
        assertThat(verdict.duplicated()).containsExactly(verdict.duplicated().get(0)).hasSize(1);
    }

    @Test
    void handlesAHundredThousandEventsWithDuplicatesQuickly() {
        int rows = 25_000;
        List<Ledger.Change> changes = new ArrayList<>();
        List<ChangeEvent> events = new ArrayList<>();
        for (int id = 1; id <= rows; id++) {
            changes.add(created(id, "n" + id));
            events.add(c(id, "n" + id));
        }
        // One hot key with many updates: matching must not degrade to quadratic time per key.
        for (int i = 0; i < 50_000; i++) {
            changes.add(updated(1, "v" + i));
            events.add(u(1, "v" + i));
        }
        for (int id = 2; id <= rows; id++) {
            changes.add(deleted(id, "n" + id));
            events.add(d(id));
        }
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, 1L, changes);
        List<ChangeEvent> withDuplicates = new ArrayList<>(events);
        withDuplicates.add(events.get(events.size() - 1));
        // Creates of different keys may arrive in any order.
        Collections.shuffle(withDuplicates.subList(0, 10), new Random(1));

        // CPU time of this thread, not wall-clock time: other builds on a shared 2-core machine stretch the latter
        // several-fold, while quadratic matching would still cost minutes of CPU here.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        Verdict verdict = Verdict.compare(ledger, withDuplicates);
        long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;

        assertThat(verdict.duplicated()).hasSize(1);
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.matched(Op.UPDATE)).isEqualTo(50_000);
        assertThat(millis).isLessThan(5_000);
    }
}
