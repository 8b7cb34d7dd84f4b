package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link StreamChecker} remembers of one key: the committed changes not received yet, the events that came
 * before the change they stand for was committed (the ledger is appended after COMMIT returns, the event may be
 * faster), and the fingerprints of the key's last matched events, by which an exact repeat is known. Everything
 * else about a matched change is forgotten, so a key's memory does not grow with its history; once the key's row is
 * deleted and settled ({@link #deletedAndSettled}) the whole state may go ({@link KeyStates}).
 */
final class KeyState {

    /** How many matched events of a key are remembered for recognising a repeat of them. */
    static final int RECENT = 8;

    /** An event that matched no pending change exactly, since {@code atNanos}. */
    record Held(ChangeEvent event, long atNanos, long position) {
    }

    /** A committed change not received yet. */
    static final class Pending {
        final LedgerEntry entry;
        final int occurrence;
        final long committedAtNanos;
        boolean skipped;
        boolean done;

        Pending(LedgerEntry entry, int occurrence, long committedAtNanos) {
            this.entry = entry;
            this.occurrence = occurrence;
            this.committedAtNanos = committedAtNanos;
        }
    }

    private ArrayDeque<Pending> pending;
    private List<Held> held;
    private long[] recent;
    private int recentCount;
    private int creates;
    private int updates;
    private int deletes;
    private boolean deleted; // the latest committed change is a delete: the row is gone
    long lastAssignedSequence = -1;
    long lastAssignedPosition = -1;
    boolean outOfOrder;
    boolean deleteReceived;
    long lastDeleteFingerprint; // of the key's last delete received, once deleteReceived
    String awaitingTombstoneAt; // the delete's position while its tombstone is awaited, else null

    Pending addCommitted(LedgerEntry entry, long nowNanos) {
        if (pending == null) {
            pending = new ArrayDeque<>(2);
        }
        Pending change = new Pending(entry, nextOccurrence(entry.op()), nowNanos);
        pending.add(change);
        deleted = entry.op() == Op.DELETE;
        return change;
    }

    private int nextOccurrence(Op op) {
        return switch (op) {
            case CREATE -> ++creates;
            case UPDATE -> ++updates;
            default -> ++deletes;
        };
    }

    /** The earliest pending change the event stands for exactly, or null. */
    Pending exactMatch(long key, ChangeEvent event) {
        if (pending != null) {
            for (Pending change : pending) {
                if (change.entry.op() == event.op() && RowComparison.matches(key, change.entry, event)) {
                    return change;
                }
            }
        }
        return null;
    }

    /**
     * The pending change of the event's op it most likely stands for, as the batch matcher pairs a changed event:
     * the first after the change the key's previous event took, else the earliest.
     */
    Pending sameOp(Op op) {
        if (pending == null) {
            return null;
        }
        Pending earliest = null;
        for (Pending change : pending) {
            if (change.entry.op() == op) {
                if (change.entry.sequence() > lastAssignedSequence) {
                    return change;
                }
                earliest = earliest == null ? change : earliest;
            }
        }
        return earliest;
    }

    /**
     * Marks the change as received; every change of the key committed before it and still pending is skipped (lost,
     * unless it still comes, out of order).
     *
     * @return how many changes this newly skipped, minus one if the change itself had been skipped
     */
    int take(Pending change, long fingerprint, boolean inStreamOrder, long position) {
        pending.remove(change);
        change.done = true;
        int skippedDelta = change.skipped ? -1 : 0;
        remember(fingerprint);
        if (!inStreamOrder) {
            return skippedDelta; // a late pairing says nothing about the order the key's events came in
        }
        if (position < lastAssignedPosition) {
            // It waited for its change while a later-read event of the key was matched: that one must be later.
            outOfOrder |= change.entry.sequence() > lastAssignedSequence;
            return skippedDelta;
        }
        outOfOrder |= change.entry.sequence() < lastAssignedSequence;
        lastAssignedSequence = change.entry.sequence();
        lastAssignedPosition = position;
        for (Pending earlier : pending) {
            if (earlier.entry.sequence() < change.entry.sequence() && !earlier.skipped) {
                earlier.skipped = true;
                skippedDelta++;
            }
        }
        return skippedDelta;
    }

    private void remember(long fingerprint) {
        if (recent == null) {
            recent = new long[2];
        } else if (recentCount == recent.length && recent.length < RECENT) {
            recent = Arrays.copyOf(recent, recent.length * 2);
        }
        recent[recentCount % recent.length] = fingerprint;
        recentCount++;
    }

    boolean recentlyTook(long fingerprint) {
        int size = recent == null ? 0 : Math.min(recentCount, recent.length);
        for (int i = 0; i < size; i++) {
            if (recent[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    void hold(Held event) {
        if (held == null) {
            held = new ArrayList<>(1);
        }
        held.add(event);
    }

    /** Removes and returns the held events, in stream order. */
    List<Held> releaseHeld() {
        if (held == null || held.isEmpty()) {
            return List.of();
        }
        List<Held> events = held;
        held = null;
        return events;
    }

    boolean hasHeld() {
        return held != null && !held.isEmpty();
    }

    /**
     * The row is deleted and nothing more of it is expected: every committed change taken, no event held, no
     * tombstone awaited (it came, or its absence was reported when a later event of the key came first).
     */
    boolean deletedAndSettled() {
        return deleted && (pending == null || pending.isEmpty()) && !hasHeld() && awaitingTombstoneAt == null;
    }

    /** Lets go of the empty queue of a key about to be forgotten; a new change of it makes a new queue. */
    void dropEmptyPending() {
        if (pending != null && pending.isEmpty()) {
            pending = null;
        }
    }

    /** Removes and returns the changes never received, in commit order. */
    List<Pending> drainPending() {
        if (pending == null) {
            return List.of();
        }
        List<Pending> left = new ArrayList<>(pending);
        pending = null;
        return left;
    }
}
