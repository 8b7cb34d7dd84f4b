package io.github.cdcverify.verify;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.verify.KeyState.Held;
import io.github.cdcverify.verify.KeyState.Pending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The ledger-versus-stream check of {@link Verdict}, done as changes commit and events arrive instead of over whole
 * lists: a run of hours keeps memory for its keys and for the changes and events in flight only.
 *
 * <p>Feed it committed changes ({@link #committed}) and received events ({@link #received}) in any interleaving,
 * from any threads; call {@link #finish()} when no more will come. It finds what {@link Verdict} finds — lost,
 * changed (key, column, written, received), duplicated (exact repeats only, counted), out of order, unexpected,
 * deletes without tombstone — and keeps the first few of each for the report ({@link #withExamplesKept}).
 *
 * <p>An event that equals no committed change waits: its change may not be in the ledger yet (the ledger is
 * appended after COMMIT returns, or after an in-doubt commit is resolved). Once it has waited the settle time
 * ({@link #withSettle}, default 30 s), or at {@link #finish()}, it is judged: paired with a pending change of its op
 * as changed values, else unexpected. Until {@link #finish()}, changes not received yet are in flight, not lost.
 *
 * <p>Where it can differ from the batch verdict: an exact repeat is recognised among the key's last
 * {@value KeyState#RECENT} matched events (an older repeat counts as unexpected); a changed event does not take part
 * in the order check (a changed event that also came out of order is reported as changed only).
 */
public final class StreamChecker {


    private static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);
    private static final long SETTLE_CHECK_NANOS = 1_000_000_000L;

    private final Map<Long, KeyState> keys = new HashMap<>();
    private final Set<Long> keysHolding = new HashSet<>();
    private final InFlight inFlight = new InFlight();
    private final OpCounts counts = new OpCounts();
    private final LongSupplier nanoTime;
    private final int examples;
    private final long settleNanos;
    private final StreamProblems problems;
    private long nextSettleCheck;
    private long position; // of the next event read, counting every event
    private long held;
    private long tombstones;
    private long snapshotReads;
    private boolean finished;

    private StreamChecker(LongSupplier nanoTime, int examples, Duration settle) {
        this.nanoTime = nanoTime;
        this.examples = examples;
        this.settleNanos = settle.toNanos();
        this.problems = new StreamProblems(examples);
        this.nextSettleCheck = nanoTime.getAsLong() + SETTLE_CHECK_NANOS;
    }

    /** A checker keeping the first 20 problems of each kind in full, judging unmatched events after 30 s. */
    public StreamChecker() {
        this(System::nanoTime, 20, DEFAULT_SETTLE);
    }

    /** Keeps the first {@code count} problems of each kind in full (default 20); all are counted. Before any use. */
    public StreamChecker withExamplesKept(int count) {
        return new StreamChecker(nanoTime, count, Duration.ofNanos(settleNanos));
    }

    /** How long an event that equals no committed change waits for one (default 30 s). Before any use. */
    public StreamChecker withSettle(Duration settle) {
        return new StreamChecker(nanoTime, examples, settle);
    }

    /** The clock, {@link System#nanoTime()} outside tests. Before any use. */
    StreamChecker withClock(LongSupplier clock) {
        return new StreamChecker(clock, examples, Duration.ofNanos(settleNanos));
    }

    /** The whole ledger, then every event, then {@link #finish()}: what {@link Verdict#compare} judges. */
    public static StreamChecker compare(Ledger ledger, List<ChangeEvent> events, int examplesKept) {
        StreamChecker checker = new StreamChecker(System::nanoTime, examplesKept, DEFAULT_SETTLE);
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
            KeyState key = keys.computeIfAbsent((long) entry.key(), k -> new KeyState());
            inFlight.add(key.addCommitted(entry, now));
            counts.addCommitted(entry.op());
            touched.add((long) entry.key());
        }
        for (long key : touched) {
            KeyState state = keys.get(key);
            if (state.hasHeld()) {
                keysHolding.remove(key);
                for (Held waiting : state.releaseHeld()) {
                    held--;
                    matchOrHold(key, state, waiting.event(), EventFingerprint.of(waiting.event()), waiting.atNanos(),
                            waiting.position());
                }
            }
        }
        settleIfDue(now);
    }

    /** Events as read, in the order read (order matters per key only). */
    public synchronized void received(List<ChangeEvent> events) {
        long now = nanoTime.getAsLong();
        events.forEach(event -> receivedOne(event, now));
        settleIfDue(now);
    }

    /** One event as read. */
    public synchronized void received(ChangeEvent event) {
        long now = nanoTime.getAsLong();
        receivedOne(event, now);
        settleIfDue(now);
    }

    private void receivedOne(ChangeEvent event, long now) {
        long at = position++;
        Long key = EventValues.keyOf(event);
        if (event.tombstone()) {
            tombstones++;
            KeyState state = key == null ? null : keys.get(key);
            if (state != null) {
                state.awaitingTombstoneAt = null;
            }
            return;
        }
        Op op = event.op();
        boolean rowOp = OpCounts.isRowOp(op);
        if (rowOp) {
            counts.addReceived(op);
        }
        long fingerprint = EventFingerprint.of(event);
        KeyState state = key == null ? null : keys.computeIfAbsent(key, k -> new KeyState());
        if (state != null) {
            checkTombstone(key, state, event, fingerprint);
        }
        if (op == Op.READ) {
            snapshotReads++;
        } else if (state == null || !rowOp) {
            problems.unexpected(event, "event at " + event.position() + " (op " + (op == null ? "none" : op.code())
                    + ", key " + event.key() + ") matches no committed change");
        } else {
            matchOrHold(key, state, event, fingerprint, now, at);
        }
    }

    /** As {@link TombstoneCheck}: a delete's tombstone must come before any other event of its key. */
    private void checkTombstone(long key, KeyState state, ChangeEvent event, long fingerprint) {
        if (state.awaitingTombstoneAt != null && state.awaitingTombstoneFingerprint != fingerprint) {
            problems.missingTombstone(key, state.awaitingTombstoneAt);
        }
        state.awaitingTombstoneAt = null;
        if (event.op() == Op.DELETE) {
            state.awaitingTombstoneAt = event.position();
            state.awaitingTombstoneFingerprint = fingerprint;
        }
    }

    private void matchOrHold(long key, KeyState state, ChangeEvent event, long fingerprint, long atNanos,
                             long at) {
        if (state.recentlyTook(fingerprint)) {
            problems.duplicated(key, event);
            return;
        }
        Pending change = state.exactMatch(key, event);
        if (change == null) {
            state.hold(new Held(event, atNanos, at)); // its change may not be in the ledger yet
            keysHolding.add(key);
            held++;
            return;
        }
        counts.addMatched(event.op());
        boolean wasOutOfOrder = state.outOfOrder;
        take(state, change, fingerprint, true, at);
        if (state.outOfOrder && !wasOutOfOrder) {
            problems.outOfOrder(key, change.entry);
        }
    }

    private void take(KeyState state, Pending change, long fingerprint, boolean inStreamOrder, long at) {
        inFlight.taken(state.take(change, fingerprint, inStreamOrder, at));
    }

    private void settleIfDue(long now) {
        if (now - nextSettleCheck >= 0 && !keysHolding.isEmpty()) {
            nextSettleCheck = now + SETTLE_CHECK_NANOS;
            settle(now, false);
        }
    }

    /** Judges the events that waited the settle time (all of them when {@code all}). */
    private void settle(long now, boolean all) {
        List<Long> holding = new ArrayList<>(keysHolding);
        holding.sort(null);
        for (long key : holding) {
            KeyState state = keys.get(key);
            for (Held waiting : state.releaseHeld()) {
                if (all || now - waiting.atNanos() >= settleNanos) {
                    held--;
                    judge(key, state, waiting.event());
                } else {
                    state.hold(waiting);
                }
            }
            if (!state.hasHeld()) {
                keysHolding.remove(key);
            }
        }
    }

    /** An event no committed change equals: changed values of a pending change of its op, else unexpected. */
    private void judge(long key, KeyState state, ChangeEvent event) {
        Pending change = state.sameOp(event.op());
        if (change == null) {
            problems.unexpected(event, "key " + key + ": event at " + event.position() + " (op "
                    + event.op().code() + ") matches no committed change");
            return;
        }
        problems.changed(RowComparison.differences(key, change.occurrence, change.entry, event));
        take(state, change, EventFingerprint.of(event), false, -1);
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
        settle(nanoTime.getAsLong(), true);
        List<Long> ordered = new ArrayList<>(keys.keySet());
        ordered.sort(null);
        for (long key : ordered) {
            KeyState state = keys.get(key);
            state.drainPending().forEach(change -> problems.lost(key, change.entry, change.occurrence));
            if (state.awaitingTombstoneAt != null) {
                problems.missingTombstone(key, state.awaitingTombstoneAt);
                state.awaitingTombstoneAt = null;
            }
        }
        inFlight.clear();
        held = 0;
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

    /** Events waiting for the change they stand for to be committed. */
    public synchronized long held() {
        return held;
    }

    /** Deletes whose tombstone has not come yet (and no later event of their key either). */
    public synchronized long awaitingTombstones() {
        return keys.values().stream().filter(state -> state.awaitingTombstoneAt != null).count();
    }

    /** Keys the checker remembers. */
    public synchronized int keys() {
        return keys.size();
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
        return inFlight.count() == 0 && held == 0 && problems.none() && awaitingTombstones() == 0;
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
