package io.github.cdcverify.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded, named waits of the harness (tests use Awaitility; the shipped harness does not depend on it). */
final class Polling {

    private Polling() {
    }

    /**
     * Polls {@code condition} every {@code interval} until it holds.
     *
     * @throws LiveRunTimeoutException naming {@code what} and the timeout when it does not hold in time
     */
    static void until(String what, Duration timeout, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LiveRunTimeoutException("Waited " + timeout.toSeconds() + " s for " + what
                        + " in vain.");
            }
            LockSupport.parkNanos(interval.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new LiveRunTimeoutException("Interrupted while waiting for " + what + ".");
            }
        }
    }
}
