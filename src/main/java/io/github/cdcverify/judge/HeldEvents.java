package io.github.cdcverify.judge;

import io.github.cdcverify.judge.KeyState.Held;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of {@link StreamChecker} that equal no committed change yet, and since when. The ledger is appended
 * after COMMIT returns (or once an in-doubt commit is resolved), so an event may come before its change: it is
 * matched again when a change of its key is committed, and judged (changed values, or unexpected) only once it has
 * waited the settle time for one.
 */
final class HeldEvents {

    /** An event that waited long enough, with its key, to be judged. */
    record Due(long key, KeyState state, Held held) {
    }

    // Looking for events that waited long enough visits every key holding one: at most once a second, not per batch.
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final long settleNanos;
    private final Map<Long, KeyState> holding = new HashMap<>();
    private long count;
    private long nextCheck;

    HeldEvents(long settleNanos, long nowNanos) {
        this.settleNanos = settleNanos;
        this.nextCheck = nowNanos + CHECK_EVERY_NANOS;
    }

    void hold(long key, KeyState state, Held event) {
        state.hold(event);
        holding.put(key, state);
        count++;
    }

    /** Every event the key holds, in stream order, to be matched again now that a change of it was committed. */
    List<Held> release(long key, KeyState state) {
        if (!state.hasHeld()) {
            return List.of();
        }
        holding.remove(key);
        List<Held> events = state.releaseHeld();
        count -= events.size();
        return events;
    }

    /** The events that waited the settle time, by key, then stream order; none if the last look was under 1 s ago. */
    List<Due> due(long nowNanos) {
        if (nowNanos - nextCheck < 0 || holding.isEmpty()) {
            return List.of();
        }
        nextCheck = nowNanos + CHECK_EVERY_NANOS;
        return release(nowNanos, false);
    }

    /** Every event still held, by key, then stream order: no more changes will be committed. */
    List<Due> all(long nowNanos) {
        return release(nowNanos, true);
    }

    private List<Due> release(long nowNanos, boolean all) {
        List<Long> keys = new ArrayList<>(holding.keySet());
        keys.sort(null); // problems are reported in key order, as the batch verdict's
        List<Due> due = new ArrayList<>();
        for (long key : keys) {
            KeyState state = holding.get(key);
            for (Held waiting : state.releaseHeld()) {
                if (all || nowNanos - waiting.atNanos() >= settleNanos) {
                    due.add(new Due(key, state, waiting));
                } else {
                    state.hold(waiting);
                }
            }
            if (!state.hasHeld()) {
                holding.remove(key);
            }
        }
        count -= due.size();
        return due;
    }

    long count() {
        return count;
    }
}
