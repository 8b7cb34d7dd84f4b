package io.github.cdcverify.generate;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds the generator to its rate by parking until each row change's slot on a fixed schedule, and tells when
 * the run's duration is used up.
 *
 * <p>The schedule is anchored at the start, so a slow statement is made up for by the next ones and the average
 * rate stays exact; parking (not spinning) keeps the CPU free while waiting.
 */
final class Pacer {

    /** Longer limits are treated as this; it keeps nanoTime arithmetic far from overflow. */
    private static final long MAX_LIMIT_NANOS = Duration.ofDays(365L * 100).toNanos();

    private final double nanosPerChange;
    private final long startNanos;
    private final boolean hasDeadline;
    private final long deadlineNanos;

    /**
     * @param rate       row changes per second; 0 means no pacing
     * @param startNanos {@link System#nanoTime()} at the start of the run
     * @param limit      how long the run may last, {@code null} for no limit
     */
    Pacer(double rate, long startNanos, Duration limit) {
        this.nanosPerChange = rate == 0 ? 0 : 1_000_000_000d / rate;
        this.startNanos = startNanos;
        this.hasDeadline = limit != null;
        long limitNanos = limit == null || limit.compareTo(Duration.ofNanos(MAX_LIMIT_NANOS)) > 0
                ? MAX_LIMIT_NANOS : limit.toNanos();
        // May wrap around; all comparisons below subtract, as System.nanoTime() requires.
        this.deadlineNanos = startNanos + limitNanos;
    }

    /** When change number {@code index} (0-based) is due, in {@link System#nanoTime()} terms. */
    long dueNanos(long index) {
        return startNanos + (long) (index * nanosPerChange);
    }

    /** Whether the run's duration is used up at {@code nowNanos}. */
    boolean pastDeadline(long nowNanos) {
        return hasDeadline && nowNanos - deadlineNanos >= 0;
    }

    /**
     * Waits until change {@code index} is due.
     *
     * @param stopRequested checked after every wake-up; the waiting thread should be unparked when it turns true
     * @return {@code false} when the wait ended because of a stop request or the deadline, so the change must not
     *         be made
     */
    boolean awaitTurn(long index, BooleanSupplier stopRequested) {
        long due = dueNanos(index);
        while (true) {
            long now = System.nanoTime();
            if (stopRequested.getAsBoolean() || pastDeadline(now)) {
                return false;
            }
            if (nanosPerChange == 0 || now - due >= 0) {
                return true;
            }
            long wakeUp = hasDeadline && deadlineNanos - due < 0 ? deadlineNanos : due;
            LockSupport.parkNanos(wakeUp - now);
        }
    }
}
