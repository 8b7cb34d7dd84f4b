package io.github.cdcverify.scenario;

import io.github.cdcverify.generate.ContinuousWrites;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.setup.CapturedTable;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The generator writing to a captured table at a steady rate in a thread of its own ({@link ContinuousWrites}),
 * into one {@link Ledger}, while a scenario injects a fault. With {@code survivePostgresRestart} the writes carry
 * on after PostgreSQL comes back; otherwise a failure ends the writes and fails the scenario when it stops them.
 */
final class BackgroundWrites implements AutoCloseable {

    /** Row changes per second: steady, and enough to keep changes in flight through every fault. */
    static final double RATE = 1_000;

    private final ContinuousWrites writes;

    private BackgroundWrites(ContinuousWrites writes) {
        this.writes = writes;
    }

    /** Starts writing at once. */
    static BackgroundWrites start(CapturedTable captured, long seed, boolean survivePostgresRestart) {
        PostgresEndpoint postgres = captured.stack().postgres();
        GeneratorSettings settings = GeneratorSettings.defaults().withTable(captured.table().table()).withRate(RATE)
                .withCount(Long.MAX_VALUE / 2).withSeed(seed);
        return new BackgroundWrites(ContinuousWrites.start(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                settings, new Ledger(), survivePostgresRestart));
    }

    /** Every committed change so far, and later ones as they commit. */
    Ledger ledger() {
        return writes.ledger();
    }

    /** Generator runs that ended with a {@link io.github.cdcverify.generate.GeneratorException}. */
    int failures() {
        return writes.failures();
    }

    /** Waits until the ledger holds at least {@code changes} committed changes; fails if the writes broke. */
    void awaitCommitted(int changes) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (writes.error() != null) {
                throw writes.error();
            }
            return ledger().size() >= changes;
        });
    }

    /** Waits until {@code more} changes beyond the current ones committed. */
    void awaitMoreCommitted(int more) {
        awaitCommitted(ledger().size() + more);
    }

    /**
     * Lets the writes go on until at least {@code total} changes and {@code moreAfterNow} further ones committed,
     * then stops them.
     *
     * @throws RuntimeException the failure that ended the writes early, if any
     */
    void finishAfter(int total, int moreAfterNow) {
        awaitCommitted(Math.max(total, ledger().size() + moreAfterNow));
        close();
        if (writes.error() != null) {
            throw writes.error();
        }
    }

    /** Stops the writes: the open transaction commits, nothing new starts. */
    @Override
    public void close() {
        writes.close();
    }
}
