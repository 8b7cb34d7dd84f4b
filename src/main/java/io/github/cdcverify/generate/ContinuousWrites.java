package io.github.cdcverify.generate;

import io.github.cdcverify.stack.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The generator writing in a thread of its own into one {@link Ledger}, through failures of PostgreSQL underneath.
 *
 * <p>When PostgreSQL goes away the generator ends with a {@link GeneratorException} (its open transaction rolled
 * back, so the ledger holds only committed changes). With {@link #survivingPostgresRestarts} the writes then wait
 * until PostgreSQL accepts connections, ask it whether a COMMIT that got no answer committed
 * ({@link InDoubtTransaction}), and carry on with a new generator run into the same ledger, for what is left of the
 * settings' duration; otherwise the failure ends the writes ({@link #error()}).
 */
public final class ContinuousWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContinuousWrites.class);
    private static final Duration POSTGRES_BACK_TIMEOUT = Duration.ofSeconds(120);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PostgresEndpoint postgres;
    private final GeneratorSettings settings;
    private final Ledger ledger;
    private final boolean survivePostgresRestarts;
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Generator current;
    private volatile RuntimeException error;

    private volatile GeneratorResult lastResult;

    private ContinuousWrites(PostgresEndpoint postgres, GeneratorSettings settings, Ledger ledger,
                             boolean survivePostgresRestarts) {
        this.postgres = postgres;
        this.settings = settings.validate();
        this.ledger = ledger;
        this.survivePostgresRestarts = survivePostgresRestarts;
        this.thread = new Thread(this::writeUntilDone, "writes-" + settings.table());
        thread.setDaemon(true);
    }

    /**
     * Starts writing at once; the writes end when the settings' count or duration is reached, {@link #close()} is
     * called, or (unless surviving restarts) a generator run fails.
     */
    public static ContinuousWrites start(PostgresEndpoint postgres, GeneratorSettings settings, Ledger ledger,
                                         boolean survivingPostgresRestarts) {
        ContinuousWrites writes = new ContinuousWrites(postgres, settings, ledger, survivingPostgresRestarts);
        writes.thread.start();
        return writes;
    }

    private void writeUntilDone() {
        long start = System.nanoTime();
        int run = 0;
        while (!stopping) {
            GeneratorSettings next = settings.withSeed(settings.seed() + run++);
            if (settings.duration().isPresent()) {
                Duration left = settings.duration().get().minusNanos(System.nanoTime() - start);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                next = next.withDuration(left);
            }
            Generator generator = new Generator(postgres, next, ledger);
            current = generator;
            if (stopping) {
                return;
            }
            try {
                lastResult = generator.run();
                return; // its count or duration was reached, or it was stopped
            } catch (GeneratorException e) {
                if (!survivePostgresRestarts || !carryOnAfter(e)) {
                    error = error == null ? e : error;
                    return;
                }
            } catch (RuntimeException e) {
                error = e;
                return;
            }
        }
    }

    /** Waits for PostgreSQL and resolves a commit in doubt; false when it is not back in time. */
    private boolean carryOnAfter(GeneratorException failure) {
        failures.incrementAndGet();
        log.info("Writes broke after {} committed changes ({}); waiting for PostgreSQL", ledger.size(),
                failure.getMessage());
        long deadline = System.nanoTime() + POSTGRES_BACK_TIMEOUT.toNanos();
        while (!stopping && !postgresAcceptsConnections()) {
            if (System.nanoTime() - deadline > 0) {
                error = new IllegalStateException("PostgreSQL did not accept connections again within "
                        + POSTGRES_BACK_TIMEOUT.toSeconds() + " s after the writes broke: " + failure.getMessage());
                return false;
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        return !(failure instanceof CommitOutcomeUnknownException unknown) || resolve(unknown.inDoubt());
    }

    /** A COMMIT cut off by the restart may have committed: PostgreSQL says, and the ledger follows. */
    private boolean resolve(InDoubtTransaction inDoubt) {
        try (Connection connection = postgres.open()) {
            boolean committed = inDoubt.resolve(connection, ledger);
            log.info("Transaction {} whose COMMIT got no answer did {}commit", inDoubt.txId(), committed ? "" : "not ");
            return true;
        } catch (SQLException e) {
            error = new IllegalStateException("Could not ask PostgreSQL about transaction " + inDoubt.txId() + ": "
                    + e.getMessage(), e);
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

    /** Generator runs that ended with a {@link GeneratorException} and were carried on after. */
    public int failures() {
        return failures.get();
    }

    /** The failure that ended the writes early, or null. */
    public RuntimeException error() {
        return error;
    }

    /** The last generator run's result once it ended by itself or was stopped; null before, or after a failure. */
    public GeneratorResult lastResult() {
        return lastResult;
    }

    /** Waits until the writes ended: count or duration reached, stopped, or failed. */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Asks the writes to stop (the open transaction commits, nothing new starts); returns at once. */
    public void stop() {
        stopping = true;
        Generator generator = current;
        if (generator != null) {
            generator.stop();
        }
    }

    /** Whether the writes still go on. */
    public boolean running() {
        return thread.isAlive();
    }

    /** Stops the writes: the open transaction commits, nothing new starts; returns when the thread ended. */
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
