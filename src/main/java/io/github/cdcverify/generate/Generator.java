package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes random inserts, updates and deletes to one table and records every committed change in a {@link Ledger}.
 *
 * <p>Updates and deletes target rows the generator knows to exist: the rows present at start and those it inserted.
 * Each transaction holds {@link GeneratorSettings#rowsPerTransaction()} changes; its changes reach the ledger only
 * after COMMIT succeeded. The run ends when the count or the duration is reached, whichever comes first, or when
 * {@link #stop()} is called. A failed statement or commit rolls the transaction back and ends the run with a
 * {@link GeneratorException}.
 *
 * <p>Run it from one thread at a time; {@link #stop()} may be called from any thread. A stopped generator stays
 * stopped: a later {@link #run()} returns at once.
 */
public final class Generator {

    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private final ConnectionFactory connections;
    private final GeneratorSettings settings;
    private final Ledger ledger;
    private final String table;

    private volatile boolean stopRequested;
    private volatile Thread runner;
    // What the generator was doing when a SQLException arrives, for the message.
    private String step = "connect";

    /**
     * @throws IllegalArgumentException when the settings are incomplete (see {@link GeneratorSettings#validate()})
     */
    public Generator(ConnectionFactory connections, GeneratorSettings settings, Ledger ledger) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings").validate();
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.table = settings.qualifiedTable();
    }

    /** Connects to {@code postgres} as {@link PostgresEndpoint#open()} does (its sslmode included). */
    public Generator(PostgresEndpoint postgres, GeneratorSettings settings, Ledger ledger) {
        this(postgres::open, settings, ledger);
    }

    /**
     * Asks {@link #run()} to finish: it starts no further change, commits the changes already made in the open
     * transaction, and returns. Safe to call from any thread (e.g. a shutdown hook), any number of times.
     */
    public void stop() {
        stopRequested = true;
        Thread waiting = runner;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Generates changes until the count or duration is reached or {@link #stop()} is called.
     *
     * @throws GeneratorException when connecting, a statement or a commit fails; the open transaction is rolled
     *                            back and the ledger keeps the changes committed before
     */
    public GeneratorResult run() {
        runner = Thread.currentThread();
        step = "connect";
        LOG.info("Generating changes: {}", settings);
        try (Connection connection = connections.open()) {
            try {
                GeneratorResult result = generate(connection);
                LOG.info("Committed {} changes ({} inserts, {} updates, {} deletes) in {} transactions in {} ms: "
                                + "{} changes/s{}",
                        result.totalChanges(), result.committed(Op.CREATE), result.committed(Op.UPDATE),
                        result.committed(Op.DELETE), result.transactions(), result.elapsed().toMillis(),
                        String.format("%.1f", result.changesPerSecond()),
                        result.stoppedEarly() ? " (stopped early)" : "");
                return result;
            } catch (SQLException e) {
                rollbackAfter(connection, e);
                throw SqlFailures.describe(step, table, e);
            }
        } catch (SQLException e) {
            throw SqlFailures.describe(step, table, e);
        } finally {
            runner = null;
        }
    }

    private GeneratorResult generate(Connection connection) throws SQLException {
        step = "prepare the connection";
        connection.setAutoCommit(false);
        LiveRows live = new LiveRows();
        step = "load the existing ids";
        ChangeWriter.loadExisting(connection, table, live);
        connection.commit();

        ChangePlanner planner = new ChangePlanner(settings.mix(), settings.maxRows(), settings.seed());
        Map<Op, Long> committed = new EnumMap<>(Op.class);
        for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
            committed.put(op, 0L);
        }
        long limit = settings.count().orElse(Long.MAX_VALUE);
        long changes = 0;
        long transactions = 0;
        long start = System.nanoTime();
        Pacer pacer = new Pacer(settings.rate(), start, settings.duration().orElse(null));
        boolean ended = false;

        try (ChangeWriter writer = new ChangeWriter(connection, table, live)) {
            while (!ended && changes < limit) {
                List<Ledger.Change> pending = new ArrayList<>(settings.rowsPerTransaction());
                Long txId = null;
                while (pending.size() < settings.rowsPerTransaction() && changes + pending.size() < limit) {
                    if (!pacer.awaitTurn(changes + pending.size(), this::stopOrInterrupted)) {
                        ended = true;
                        break;
                    }
                    if (txId == null) {
                        step = "read the transaction id";
                        txId = writer.currentTxId();
                    }
                    pending.add(writeOne(writer, planner, live));
                }
                if (pending.isEmpty()) {
                    connection.rollback(); // at most a bare transaction id; nothing to keep
                    continue;
                }
                step = "commit transaction " + (transactions + 1);
                commit(connection, new InDoubtTransaction(transactions + 1, txId, pending));
                transactions++;
                ledger.appendCommitted(transactions, txId, pending);
                changes += pending.size();
                pending.forEach(change -> committed.merge(change.op(), 1L, Long::sum));
                ended |= pacer.pastDeadline(System.nanoTime());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        boolean stoppedEarly = stopOrInterrupted() && changes < limit;
        return new GeneratorResult(committed, transactions, elapsed, settings.seed(), stoppedEarly);
    }

    /** A COMMIT that gets no answer leaves the transaction in doubt rather than failed: the caller can resolve it. */
    private void commit(Connection connection, InDoubtTransaction pending) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new CommitOutcomeUnknownException(SqlFailures.describe(step, table, e), pending, e);
        }
    }

    private Ledger.Change writeOne(ChangeWriter writer, ChangePlanner planner, LiveRows live) throws SQLException {
        while (true) {
            PlannedChange planned = planner.next(live);
            step = stepFor(planned);
            Ledger.Change change = writer.write(planned);
            if (change != null) {
                return change;
            }
            // The target row vanished (another writer); the writer dropped it, so plan again.
        }
    }

    private static String stepFor(PlannedChange planned) {
        return switch (planned.op()) {
            case CREATE -> "insert a row";
            case UPDATE -> "update row id " + planned.key();
            default -> "delete row id " + planned.key();
        };
    }

    private boolean stopOrInterrupted() {
        // An interrupted thread's park returns at once, so an interrupt must end the run rather than spin.
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    private static void rollbackAfter(Connection connection, SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
