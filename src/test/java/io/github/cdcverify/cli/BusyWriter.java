package io.github.cdcverify.cli;

import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a users-shaped table busy: updates the email of a random row among ids 1..rows at a steady rate on a thread
 * of its own, so that a check sees the table change while it reads. Row count stays as it is.
 */
final class BusyWriter implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement update;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "busy-writer"));
    private final Random random = new Random(42);
    private final AtomicLong changes = new AtomicLong();
    private final int rows;
    private volatile SQLException failure;

    private BusyWriter(CdcStack stack, TableName table, int rows) throws SQLException {
        this.rows = rows;
        this.connection = PostgresConnections.open(stack.postgres());
        this.update = connection.prepareStatement("UPDATE " + table.quoted() + " SET email = ? WHERE id = ?");
    }

    /** Starts writing {@code perSecond} updates a second to rows with ids 1 to {@code rows}. */
    static BusyWriter start(CdcStack stack, TableName table, int rows, int perSecond) throws SQLException {
        BusyWriter writer = new BusyWriter(stack, table, rows);
        writer.scheduler.scheduleAtFixedRate(writer::updateOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return writer;
    }

    private void updateOne() {
        try {
            long n = changes.incrementAndGet();
            update.setString(1, "busy" + n + "@example.com");
            update.setInt(2, 1 + random.nextInt(rows));
            update.executeUpdate();
        } catch (SQLException e) {
            failure = e;
            throw new IllegalStateException(e);
        }
    }

    long changes() {
        return changes.get();
    }

    /**
     * @throws SQLException the first update that failed, if one did
     */
    @Override
    public void close() throws SQLException {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(Waits.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        if (failure != null) {
            throw failure;
        }
    }
}
