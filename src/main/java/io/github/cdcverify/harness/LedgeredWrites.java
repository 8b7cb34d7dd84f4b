package io.github.cdcverify.harness;

import io.github.cdcverify.generate.CommitOutcomeUnknownException;
import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.GeneratorException;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.InDoubtTransaction;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generator writing in a thread of its own into one {@link Ledger}, until its settings' count or duration is
 * reached or it is stopped.
 *
 * <p>When PostgreSQL goes away the generator ends with a {@link GeneratorException} (its open transaction rolled
 * back, so the ledger holds only committed changes). Surviving restarts, the writes then wait until PostgreSQL
 * accepts connections, resolve a COMMIT whose outcome is unknown by asking PostgreSQL, and carry on with a new
 * generator run into the same ledger; otherwise the failure ends the writes and is thrown when they are finished.
 */
public final class LedgeredWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgeredWrites.class);
    private static final Duration POSTGRES_BACK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresEndpoint postgres;
    private final GeneratorSettings settings;
    private final boolean survivePostgresRestart;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Generator current;
    private volatile GeneratorResult lastResult;
    private volatile RuntimeException error;

    private LedgeredWrites(PostgresEndpoint postgres, GeneratorSettings settings, boolean survivePostgresRestart) {
        this.postgres = postgres;
        this.settings = settings;
        this.survivePostgresRestart = survivePostgresRestart;
        this.thread = new Thread(this::writeUntilDone, "ledgered-writes-" + settings.table());
        thread.setDaemon(true);
    }

    /** Starts writing at once. */
    static LedgeredWrites start(PostgresEndpoint postgres, GeneratorSettings settings,
                                boolean survivePostgresRestart) {
        LedgeredWrites writes = new LedgeredWrites(postgres, settings, survivePostgresRestart);
        writes.thread.start();
        return writes;
    }

    private void writeUntilDone() {
        int run = 0;
        while (!stopping) {
            Generator generator = new Generator(postgres, settings.withSeed(settings.seed() + run++), ledger);
            current = generator;
            if (stopping) {
                return;
            }
            try {
                lastResult = generator.run();
                return;
            } catch (GeneratorException e) {
                if (!survivePostgresRestart) {
                    error = e;
                    return;
                }
                failures.incrementAndGet();
                log.info("Writes broke after {} committed changes ({}); waiting for PostgreSQL", ledger.size(),
                        e.getMessage());
                if (!awaitPostgres() || e instanceof CommitOutcomeUnknownException unknown
                        && !resolve(unknown.inDoubt())) {
                    return;
                }
            } catch (RuntimeException e) {
                error = e;
                return;
            }
        }
    }

    private boolean awaitPostgres() {
        try {
            Polling.until("PostgreSQL accepting connections again", POSTGRES_BACK_TIMEOUT, Duration.ofMillis(100),
                    () -> stopping || postgresAcceptsConnections());
            return true;
        } catch (RuntimeException notBack) {
            error = notBack;
            return false;
        }
    }

    /** A COMMIT cut off by the restart may have committed: PostgreSQL says, and the ledger follows. */
    private boolean resolve(InDoubtTransaction inDoubt) {
        try (Connection connection = postgres.open()) {
            boolean committed = inDoubt.resolve(connection, ledger);
            log.info("Transaction {} whose COMMIT got no answer did {}commit", inDoubt.txId(), committed ? "" : "not ");
            return true;
        } catch (SQLException e) {
            error = new IllegalStateException("Could not ask PostgreSQL about transaction " + inDoubt.txId(), e);
            return false;
        }
    }

    private boolean postgresAcceptsConnections() {
        try (Connection ignored = postgres.open()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every committed change so far, and later ones as they commit. */
    public Ledger ledger() {
        return ledger;
    }

    /** Generator runs that ended with a {@link GeneratorException} and were followed by another. */
    public int failures() {
        return failures.get();
    }

    /** The last generator run's result, once it ended by itself or was stopped; {@code null} before. */
    public GeneratorResult lastResult() {
        return lastResult;
    }

    /** Waits (60 s at most) until the ledger holds at least {@code changes} committed changes. */
    public void awaitCommitted(int changes) {
        Polling.until(changes + " committed changes", COMMITTED_TIMEOUT, Duration.ofMillis(20), () -> {
            throwIfFailed();
            return ledger.size() >= changes;
        });
    }

    /** Waits until {@code more} changes beyond the current ones committed. */
    public void awaitMoreCommitted(int more) {
        awaitCommitted(ledger.size() + more);
    }

    /** Waits until the writes ended by themselves (count or duration reached) or were stopped. */
    public void awaitDone() throws InterruptedException {
        thread.join();
        throwIfFailed();
    }

    /**
     * Lets the writes go on until at least {@code total} changes and {@code moreAfterNow} further ones committed,
     * then stops them.
     *
     * @throws RuntimeException the failure that ended the writes early, if any
     */
    public void finishAfter(int total, int moreAfterNow) {
        awaitCommitted(Math.max(total, ledger.size() + moreAfterNow));
        close();
        throwIfFailed();
    }

    /** Asks the writes to stop: the open transaction commits, nothing new starts. Returns at once. */
    public void stop() {
        stopping = true;
        Generator generator = current;
        if (generator != null) {
            generator.stop();
        }
    }

    private void throwIfFailed() {
        if (error != null) {
            throw error;
        }
    }

    /** Stops the writes and waits (30 s at most) for the last transaction to commit. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
