package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.judge.HeldEvents.Due;
import io.github.cdcverify.judge.KeyState.Held;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The ledger-versus-stream check of {@link Verdict}, done as changes commit and events arrive instead of over whole
 * lists: a run of hours keeps memory for its live keys and for the changes and events in flight only. A key whose row
 * was deleted is forgotten once its delete was taken, its tombstone read and nothing of it is pending or held
 * ({@link KeyStates}).
 *
 * <p>Feed it committed changes ({@link #committed}) and received events ({@link #received}) in any interleaving,
 * from any threads; call {@link #finish()} when no more will come. It finds what {@link Verdict} finds — lost,
 * changed (key, column, written, received), duplicated (exact repeats only, counted), out of order, unexpected,
 * deletes without tombstone — and keeps the first few of each for the report ({@link #withExamplesKept}).
 *
 * <p>An event that equals no committed change waits: its change may not be in the ledger yet (the ledger is
 * appended after COMMIT returns, or after an in-doubt commit is resolved). Once it has waited the settle time
 * ({@link #withSettle}, default 30 s), or at once after {@link #noMoreChanges()}, or at {@link #finish()}, it is
 * judged: paired with a pending change of its op as changed values, else unexpected. Until {@link #finish()}, changes
 * not received yet are in flight, not lost.
 *
 * <p>Where it can differ from the batch verdict: an exact repeat is recognised among the key's last
 * {@value KeyState#RECENT} matched events (an older repeat counts as unexpected), and of a forgotten key only while it
 * is among the last forgotten ones ({@link #withForgottenKeysKept}, default 100,000): a repeat of a key forgotten
 * longer ago counts as unexpected, and such a key written again numbers its changes from #1. A changed event does not
 * take part in the order check (a changed event that also came out of order is reported as changed only).
 */
public final class StreamChecker {

    private static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
    // About 17 minutes of deletes at the generator's 10% of 1,000 changes/s, far longer than the stretch of the log a
    // restart redelivers, for about 18 MB of heap (measured with a table whose size stays steady).
    private static final int DEFAULT_FORGOTTEN_KEPT = 100_000;

    private final KeyStates keys;
    private final HeldEvents held;
    private final EventMatcher matcher;
    private final InFlight inFlight = new InFlight();
    private final OpCounts counts = new OpCounts();
    private final LongSupplier nanoTime;
    private final int examples;
    private final Duration settle;
    private final int forgottenKept;
    private final StreamProblems problems;
    private long position; // of the next event read, counting every event
    private long tombstones;
    private long snapshotReads;
    private boolean finished;
    private boolean noMoreChanges;

    private StreamChecker(LongSupplier nanoTime, int examples, Duration settle, int forgottenKept) {
        this.nanoTime = nanoTime;
        this.examples = examples;
        this.settle = settle;
        this.forgottenKept = forgottenKept;
        this.keys = new KeyStates(forgottenKept);
        this.held = new HeldEvents(settle.toNanos(), nanoTime.getAsLong());
        this.problems = new StreamProblems(examples);
        this.matcher = new EventMatcher(problems, counts, inFlight, held);
    }

    /**
     * A checker keeping the first 20 problems of each kind in full, judging unmatched events after 30 s, keeping
     * the last 100,000 forgotten keys within reach.
     */
    public StreamChecker() {
        this(System::nanoTime, 20, DEFAULT_SETTLE, DEFAULT_FORGOTTEN_KEPT);
    }

    /** Keeps the first {@code count} problems of each kind in full (default 20); all are counted. Before any use. */
    public StreamChecker withExamplesKept(int count) {
        return new StreamChecker(nanoTime, count, settle, forgottenKept);
    }

    /** How long an event that equals no committed change waits for one (default 30 s). Before any use. */
    public StreamChecker withSettle(Duration settle) {
        return new StreamChecker(nanoTime, examples, settle, forgottenKept);
    }

    /**
     * How many deleted and settled keys stay within reach after they are forgotten, the most recently forgotten
     * (default 100,000), so that a late exact repeat of their events still counts as a repeat. Before any use.
     *
     * @throws IllegalArgumentException if {@code keys} is negative
     */
    public StreamChecker withForgottenKeysKept(int keys) {
        if (keys < 0) {
            throw new IllegalArgumentException("Forgotten keys kept must be 0 or more, not " + keys);
        }
        return new StreamChecker(nanoTime, examples, settle, keys);
    }

    /** The clock, {@link System#nanoTime()} outside tests. Before any use. */
    StreamChecker withClock(LongSupplier clock) {
        return new StreamChecker(clock, examples, settle, forgottenKept);
    }

    /** The whole ledger, then every event, then {@link #finish()}: what {@link Verdict#compare} judges. */
    public static StreamChecker compare(Ledger ledger, List<ChangeEvent> events, int examplesKept) {
        StreamChecker checker = new StreamChecker(System::nanoTime, examplesKept, DEFAULT_SETTLE,
                DEFAULT_FORGOTTEN_KEPT);
        checker.committed(ledger.entries());
        checker.received(events);
        checker.finish();
        return checker;
    }

    /** Changes that committed, in commit order (one transaction's, or more). */
    public synchronized void committed(List<LedgerEntry> entries) {
        long now = nanoTime.getAsLong();
        Set<Long> touched = new LinkedHashSet<>();
        for (LedgerEntry entry : entries) {
            inFlight.add(keys.get(entry.key()).addCommitted(entry, now));
            counts.addCommitted(entry.op());
            touched.add((long) entry.key());
        }
        for (long key : touched) {
            KeyState state = keys.live(key);
            for (Held waiting : held.release(key, state)) {
                long fingerprint = EventFingerprint.of(waiting.event());
                matcher.matchOrHold(key, state, waiting.event(), fingerprint, waiting.atNanos(), waiting.position());
            }
            keys.forgetIfSettled(key, state); // a held delete may have met its change after its tombstone came
        }
        judgeDue(now);
    }

    /** Events as read, in the order read (order matters per key only). */
    public synchronized void received(List<ChangeEvent> events) {
        long now = nanoTime.getAsLong();
        events.forEach(event -> receivedOne(event, now));
        judgeDue(now);
    }

    /** One event as read. */
    public synchronized void received(ChangeEvent event) {
        long now = nanoTime.getAsLong();
        receivedOne(event, now);
        judgeDue(now);
    }

    private void receivedOne(ChangeEvent event, long now) {
        long at = position++;
        Long key = EventValues.keyOf(event);
        if (event.tombstone()) {
            tombstones++;
            KeyState state = key == null ? null : keys.live(key);
            if (state != null) {
                state.awaitingTombstoneAt = null;
                keys.forgetIfSettled(key, state);
            }
            return;
        }
        Op op = event.op();
        boolean rowOp = OpCounts.isRowOp(op);
        if (rowOp) {
            counts.addReceived(op);
        }
        long fingerprint = EventFingerprint.of(event);
        KeyState state = key == null ? null : keys.get(key);
        if (state != null) {
            matcher.checkTombstone(key, state, event, fingerprint);
        }
        if (op == Op.READ) {
            snapshotReads++;
        } else if (state == null || !rowOp) {
            problems.unexpected(event, "event at " + event.position() + " (op " + (op == null ? "none" : op.code())
                    + ", key " + event.key() + ") matches no committed change");
        } else {
            matcher.matchOrHold(key, state, event, fingerprint, now, at);
        }
        if (state != null) {
            keys.forgetIfSettled(key, state); // also after a read or repeat brought a forgotten key back
        }
    }

    /** Events that waited the settle time; every event held once no more changes will be committed. */
    private void judgeDue(long now) {
        judge(noMoreChanges ? held.all(now) : held.due(now));
    }

    /**
     * The ledger is complete (the writes ended): an event that equals no committed change now never will, so it is
     * judged at once, held ones included, instead of after the settle time.
     */
    public synchronized void noMoreChanges() {
        noMoreChanges = true;
        judgeDue(nanoTime.getAsLong());
    }

    private void judge(List<Due> due) {
        for (Due waited : due) {
            matcher.judge(waited.key(), waited.state(), waited.held().event());
            keys.forgetIfSettled(waited.key(), waited.state());
        }
    }

    /**
     * No more changes or events will come: changes not received are lost, events that matched nothing are
     * unexpected, deletes still awaiting their tombstone have none.
     */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        judge(held.all(nanoTime.getAsLong()));
        keys.liveAscending().forEach(key -> matcher.finish(key, keys.live(key)));
        inFlight.clear();
    }

    public synchronized long committed(Op op) {
        return counts.committed(op);
    }

    /** Received events with this op, duplicates and unexpected ones included; tombstones and reads excluded. */
    public synchronized long received(Op op) {
        return counts.received(op);
    }

    /** Received events with this op that matched a committed change in every column. */
    public synchronized long matched(Op op) {
        return counts.matched(op);
    }

    public synchronized long committedTotal() {
        return counts.committedTotal();
    }

    public synchronized long receivedTotal() {
        return counts.receivedTotal();
    }

    /** Committed changes not received yet (lost ones included until {@link #finish()}). */
    public synchronized long inFlight() {
        return inFlight.count();
    }

    /** How long the oldest change not received yet has been committed, in ms; 0 when none is in flight. */
    public synchronized long lagMillis() {
        return inFlight.lagMillis(nanoTime.getAsLong());
    }

    /**
     * Changes not received while a later change of their key was: lost, unless they still arrive out of order.
     * Before {@link #finish()}, the lost count so far.
     */
    public synchronized long skipped() {
        return inFlight.skipped();
    }

    /**
     * Nothing is awaited that could still arrive in order: no event held, no tombstone awaited, and every change not
     * received was overtaken by a later change of its key (it can only come out of order, or is lost).
     */
    public synchronized boolean nothingAwaitedInOrder() {
        return inFlight.count() == inFlight.skipped() && held.count() == 0 && awaitingTombstones() == 0;
    }

    /** Events waiting for the change they stand for to be committed. */
    public synchronized long held() {
        return held.count();
    }

    /** Deletes whose tombstone has not come yet (and no later event of their key either). */
    public synchronized long awaitingTombstones() {
        return keys.awaitingTombstones();
    }

    /** Keys the checker keeps state for: every key written or received, but those deleted and settled. */
    public synchronized int keys() {
        return keys.liveCount();
    }

    public synchronized long tombstones() {
        return tombstones;
    }

    public synchronized long snapshotReads() {
        return snapshotReads;
    }

    /** What went wrong so far: counts, and the first few of each kind in full. */
    public synchronized StreamProblems problems() {
        return problems.copy();
    }

    /** Nothing lost, changed, duplicated, out of order, unexpected or without tombstone (so far). */
    public synchronized boolean clean() {
        return problems.none();
    }

    /**
     * What {@code Verdict.compare(ledger, eventsSoFar).clean()} says: every committed change received, exactly and
     * in order, every event matched, every delete's tombstone there.
     */
    public synchronized boolean complete() {
        return inFlight.count() == 0 && held.count() == 0 && problems.none() && awaitingTombstones() == 0;
    }

    /** The committed/received/matched table of {@link Verdict#summary()}, then the problem counts. */
    public synchronized String summary() {
        StringBuilder table = new StringBuilder(counts.table());
        table.append(problems.table());
        table.append(String.format("%-14s%10d tombstones, %d snapshot reads%n", "ignored", tombstones,
                snapshotReads));
        table.append(problems.none() ? "clean" : "NOT clean: " + problems.first());
        return table.toString();
    }
}
