package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.judge.KeyState.Held;
import io.github.cdcverify.judge.KeyState.Pending;

/**
 * What an event does to its key's state in {@link StreamChecker}: an exact repeat of a matched event is duplicated,
 * an event equal to a pending change takes it (and may show the key out of order), any other is held until a change
 * of its key is committed or it has waited the settle time, and is then judged as changed values of a pending
 * change of its op, or as unexpected. It also checks that a delete's tombstone comes before the key's next event,
 * and at the end reports what the key never received. Problems go to {@link StreamProblems}, matches to the counts.
 */
final class EventMatcher {

    private final StreamProblems problems;
    private final OpCounts counts;
    private final InFlight inFlight;
    private final HeldEvents held;

    EventMatcher(StreamProblems problems, OpCounts counts, InFlight inFlight, HeldEvents held) {
        this.problems = problems;
        this.counts = counts;
        this.inFlight = inFlight;
        this.held = held;
    }

    /**
     * As {@link TombstoneCheck}: a delete's tombstone must come before any other event of its key. An exact repeat of
     * the key's last delete (at-least-once delivery, a replay after a restart) needs no tombstone of its own: the
     * one after the delete it repeats serves both, whether it is still awaited or already came.
     */
    void checkTombstone(long key, KeyState state, ChangeEvent event, long fingerprint) {
        boolean delete = event.op() == Op.DELETE;
        if (delete && state.deleteReceived && state.lastDeleteFingerprint == fingerprint) {
            return;
        }
        if (state.awaitingTombstoneAt != null) {
            problems.missingTombstone(key, state.awaitingTombstoneAt);
        }
        state.awaitingTombstoneAt = null;
        if (delete) {
            state.awaitingTombstoneAt = event.position();
            state.deleteReceived = true;
            state.lastDeleteFingerprint = fingerprint;
        }
    }

    /**
     * A row event of the key, read at stream position {@code at}: duplicated, matched, or held for its change.
     *
     * @param atNanos when it was read, from which its wait for its change counts
     */
    void matchOrHold(long key, KeyState state, ChangeEvent event, long fingerprint, long atNanos, long at) {
        if (state.recentlyTook(fingerprint)) {
            problems.duplicated(key, event);
            return;
        }
        Pending change = state.exactMatch(key, event);
        if (change == null) {
            held.hold(key, state, new Held(event, atNanos, at)); // its change may not be in the ledger yet
            return;
        }
        counts.addMatched(event.op());
        boolean wasOutOfOrder = state.outOfOrder;
        take(state, change, fingerprint, true, at);
        if (state.outOfOrder && !wasOutOfOrder) {
            problems.outOfOrder(key, change.entry);
        }
    }

    /** An event no committed change equals: changed values of a pending change of its op, else unexpected. */
    void judge(long key, KeyState state, ChangeEvent event) {
        Pending change = state.sameOp(event.op());
        if (change == null) {
            problems.unexpected(event, "key " + key + ": event at " + event.position() + " (op "
                    + event.op().code() + ") matches no committed change");
            return;
        }
        problems.changed(RowComparison.differences(key, change.occurrence, change.entry, event));
        take(state, change, EventFingerprint.of(event), false, -1);
    }

    /** No more will come: the key's changes not received are lost, a tombstone it still awaits is missing. */
    void finish(long key, KeyState state) {
        state.drainPending().forEach(change -> problems.lost(key, change.entry, change.occurrence));
        if (state.awaitingTombstoneAt != null) {
            problems.missingTombstone(key, state.awaitingTombstoneAt);
            state.awaitingTombstoneAt = null;
        }
    }

    private void take(KeyState state, Pending change, long fingerprint, boolean inStreamOrder, long at) {
        inFlight.taken(state.take(change, fingerprint, inStreamOrder, at));
    }
}
