package io.github.cdcverify.scenario;

import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import java.time.Duration;
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
        if (BoundedWait.upTo(timeout).every(interval).until(condition::getAsBoolean)) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new LiveRunTimeoutException("Interrupted while waiting for " + what + ".");
        }
        throw new LiveRunTimeoutException("Waited " + Durations.readable(timeout) + " for " + what + " in vain.");
    }
}
