package io.github.cdcverify.scenario;

import io.github.cdcverify.generate.ContinuousWrites;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.time.Duration;

/**
 * The writes of a {@link LiveRun}: {@link ContinuousWrites} (the generator in a thread of its own, into one ledger,
 * through PostgreSQL restarts when asked to) with the waits a scenario needs, each bounded and named.
 */
public final class LedgeredWrites implements AutoCloseable {

    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(60);

    private final ContinuousWrites writes;

    private LedgeredWrites(ContinuousWrites writes) {
        this.writes = writes;
    }

    /** Starts writing at once. */
    static LedgeredWrites start(PostgresEndpoint postgres, GeneratorSettings settings,
                                boolean survivePostgresRestart) {
        return new LedgeredWrites(ContinuousWrites.start(postgres, settings, new Ledger(), survivePostgresRestart));
    }

    /** Every committed change so far, and later ones as they commit. */
    public Ledger ledger() {
        return writes.ledger();
    }

    /** Generator runs that ended with a failure and were carried on after. */
    public int failures() {
        return writes.failures();
    }

    /** The last generator run's result, once it ended by itself or was stopped; {@code null} before. */
    public GeneratorResult lastResult() {
        return writes.lastResult();
    }

    /** Waits (60 s at most) until the ledger holds at least {@code changes} committed changes. */
    public void awaitCommitted(int changes) {
        Polling.until(changes + " committed changes", COMMITTED_TIMEOUT, Duration.ofMillis(20), () -> {
            throwIfFailed();
            return ledger().size() >= changes;
        });
    }

    /** Waits until {@code more} changes beyond the current ones committed. */
    public void awaitMoreCommitted(int more) {
        awaitCommitted(ledger().size() + more);
    }

    /** Waits until the writes ended by themselves (count or duration reached) or were stopped. */
    public void awaitDone() throws InterruptedException {
        writes.join();
        throwIfFailed();
    }

    /**
     * Lets the writes go on until at least {@code total} changes and {@code moreAfterNow} further ones committed,
     * then stops them.
     *
     * @throws RuntimeException the failure that ended the writes early, if any
     */
    public void finishAfter(int total, int moreAfterNow) {
        awaitCommitted(Math.max(total, ledger().size() + moreAfterNow));
        close();
        throwIfFailed();
    }

    /** Asks the writes to stop: the open transaction commits, nothing new starts. Returns at once. */
    public void stop() {
        writes.stop();
    }

    private void throwIfFailed() {
        if (writes.error() != null) {
            throw writes.error();
        }
    }

    /** Stops the writes and waits (30 s at most) for the last transaction to commit. */
    @Override
    public void close() {
        writes.close();
    }
}
