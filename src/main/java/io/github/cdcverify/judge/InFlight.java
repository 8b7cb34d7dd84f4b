package io.github.cdcverify.judge;

import io.github.cdcverify.judge.KeyState.Pending;

import java.util.ArrayDeque;

/**
 * The committed changes not received yet, in commit order, so that the age of the oldest is the stream's lag; and
 * how many of them a later change of their key already overtook (lost, unless they still come out of order).
 */
final class InFlight {

    private final ArrayDeque<Pending> oldestFirst = new ArrayDeque<>();
    private long count;
    private long skipped;

    void add(Pending change) {
        oldestFirst.add(change);
        count++;
    }

    /** The change was received; {@code skippedDelta} as {@link KeyState#take} returned it. */
    void taken(int skippedDelta) {
        count--;
        skipped += skippedDelta;
        while (!oldestFirst.isEmpty() && oldestFirst.peekFirst().done) {
            oldestFirst.removeFirst();
        }
    }

    long count() {
        return count;
    }

    long skipped() {
        return skipped;
    }

    long lagMillis(long nowNanos) {
        Pending oldest = oldestFirst.peekFirst();
        return oldest == null ? 0 : (nowNanos - oldest.committedAtNanos) / 1_000_000;
    }

    void clear() {
        oldestFirst.clear();
        count = 0;
        skipped = 0;
    }
}
