package io.github.cdcverify.scenario;

import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.CommitOutcomeUnknownException;
import io.github.cdcverify.generate.GeneratorException;
import io.github.cdcverify.generate.InDoubtTransaction;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.setup.CapturedTable;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The generator writing to a captured table at a steady rate in a thread of its own, into one {@link Ledger},
 * while a scenario injects a fault.
 *
 * <p>When PostgreSQL goes away the generator ends with a {@link GeneratorException} (its open transaction rolled
 * back, so the ledger holds only committed changes). With {@code survivePostgresRestart} the writes then wait until
 * PostgreSQL accepts connections and carry on with a new generator run into the same ledger; otherwise the failure
 * ends the writes and fails the scenario when it stops them.
 */
final class BackgroundWrites implements AutoCloseable {

    /** Row changes per second: steady, and enough to keep changes in flight through every fault. */
    static final double RATE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(BackgroundWrites.class);
    private static final Duration POSTGRES_BACK_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresEndpoint postgres;
    private final GeneratorSettings settings;
    private final boolean survivePostgresRestart;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Generator current;
    private volatile RuntimeException error;

    private BackgroundWrites(CapturedTable captured, long seed, boolean survivePostgresRestart) {
        this.postgres = captured.stack().postgres();
        this.settings = GeneratorSettings.defaults().withTable(captured.table().table()).withRate(RATE)
                .withCount(Long.MAX_VALUE / 2).withSeed(seed);
        this.survivePostgresRestart = survivePostgresRestart;
        this.thread = new Thread(this::writeUntilStopped, "fault-writes-" + captured.table().table());
        thread.setDaemon(true);
    }

    /** Starts writing at once. */
    static BackgroundWrites start(CapturedTable captured, long seed, boolean survivePostgresRestart) {
        BackgroundWrites writes = new BackgroundWrites(captured, seed, survivePostgresRestart);
        writes.thread.start();
        return writes;
    }

    private void writeUntilStopped() {
        int run = 0;
        while (!stopping) {
            Generator generator = new Generator(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                    settings.withSeed(settings.seed() + run++), ledger);
            current = generator;
            if (stopping) {
                return;
            }
            try {
                generator.run();
            } catch (GeneratorException e) {
                if (!survivePostgresRestart) {
                    error = e;
                    return;
                }
                failures.incrementAndGet();
                log.info("Writes broke after {} committed changes ({}); waiting for PostgreSQL", ledger.size(),
                        e.getMessage());
                try {
                    await().atMost(POSTGRES_BACK_TIMEOUT).pollInterval(Duration.ofMillis(100))
                            .until(() -> stopping || postgresAcceptsConnections());
                } catch (RuntimeException notBack) {
                    error = notBack;
                    return;
                }
                if (e instanceof CommitOutcomeUnknownException unknown && !resolve(unknown.inDoubt())) {
                    return;
                }
            } catch (RuntimeException e) {
                error = e;
                return;
            }
        }
    }

    /** A COMMIT cut off by the restart may have committed: PostgreSQL says, and the ledger follows. */
    private boolean resolve(InDoubtTransaction inDoubt) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password())) {
            boolean committed = inDoubt.resolve(connection, ledger);
            log.info("Transaction {} whose COMMIT got no answer did {}commit", inDoubt.txId(), committed ? "" : "not ");
            return true;
        } catch (SQLException e) {
            error = new IllegalStateException("Could not ask PostgreSQL about transaction " + inDoubt.txId(), e);
            return false;
        }
    }

    private boolean postgresAcceptsConnections() {
        try (Connection ignored = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every committed change so far, and later ones as they commit. */
    Ledger ledger() {
        return ledger;
    }

    /** Generator runs that ended with a {@link GeneratorException}. */
    int failures() {
        return failures.get();
    }

    /** Waits until the ledger holds at least {@code changes} committed changes; fails if the writes broke. */
    void awaitCommitted(int changes) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (error != null) {
                throw error;
            }
            return ledger.size() >= changes;
        });
    }

    /** Waits until {@code more} changes beyond the current ones committed. */
    void awaitMoreCommitted(int more) {
        awaitCommitted(ledger.size() + more);
    }

    /**
     * Lets the writes go on until at least {@code total} changes and {@code moreAfterNow} further ones committed,
     * then stops them.
     *
     * @throws RuntimeException the failure that ended the writes early, if any
     */
    void finishAfter(int total, int moreAfterNow) {
        awaitCommitted(Math.max(total, ledger.size() + moreAfterNow));
        close();
        if (error != null) {
            throw error;
        }
    }

    /** Stops the writes: the open transaction commits, nothing new starts. */
    @Override
    public void close() {
        stopping = true;
        Generator generator = current;
        if (generator != null) {
            generator.stop();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
