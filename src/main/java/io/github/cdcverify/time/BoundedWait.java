package io.github.cdcverify.time;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a condition, never longer than a bound: {@code BoundedWait.upTo(timeout).every(interval).until(...)}
 * answers whether it held in time, and the caller says in its own words what did not happen and why.
 */
public final class BoundedWait {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    /** A condition that may fail the way its caller does (a query, a request). */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds() throws E;
    }

    private final Duration bound;
    private final Duration interval;

    private BoundedWait(Duration bound, Duration interval) {
        if (bound.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A wait needs a bound of zero or more and a positive interval, not "
                    + bound + " and " + interval);
        }
        this.bound = bound;
        this.interval = interval;
    }

    /** A wait of at most {@code bound}, looking every 100 ms. */
    public static BoundedWait upTo(Duration bound) {
        return new BoundedWait(bound, DEFAULT_INTERVAL);
    }

    /** Looks every {@code interval} instead. */
    public BoundedWait every(Duration interval) {
        return new BoundedWait(bound, interval);
    }

    public Duration bound() {
        return bound;
    }

    /**
     * Whether {@code condition} held within the bound: asked at once, then every interval, and a last time at the
     * bound. An interrupt ends the wait at once (false), with the thread's interrupt flag kept for the caller.
     */
    public <E extends Exception> boolean until(Condition<E> condition) throws E {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, interval.toNanos()));
            if (System.nanoTime() - deadline >= 0) {
                return condition.holds();
            }
        }
        return true;
    }
}
