package io.github.cdcverify.bench;

import io.github.cdcverify.bench.ThroughputResult.LagPoint;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.time.Durations;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes rows (ids from {@code firstId} on) as fast as PostgreSQL takes them, in big transactions of one
 * multi-row INSERT each, and counts their events as they arrive; samples committed vs consumed (and whatever else
 * {@code onSample} wants) every {@value #SAMPLE_MILLIS} ms.
 */
final class ThroughputRun {

    static final int SAMPLE_MILLIS = 250;

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong lastConsumedNanos = new AtomicLong();
    private final List<LagPoint> lag = new ArrayList<>();
    private final int firstId;

    ThroughputRun(int firstId) {
        this.firstId = firstId;
    }

    /** For the {@link BenchReader} of the bulk topic: counts insert events (tombstones have no value). */
    void onRecords(Iterable<ConsumerRecord<byte[], Boolean>> records, long consumedUs) {
        long events = 0;
        for (ConsumerRecord<byte[], Boolean> record : records) {
            if (record.value() != null) {
                events++;
            }
        }
        consumed.addAndGet(events);
        lastConsumedNanos.set(System.nanoTime());
    }

    ThroughputResult run(Connection connection, TableName table, int rows, int rowsPerTransaction, Runnable onSample)
            throws SQLException, InterruptedException {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long began = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> {
            sample(began);
            onSample.run();
        }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            write(connection, table, rows, rowsPerTransaction);
            long written = System.nanoTime();
            Duration timeout = Duration.ofSeconds(60 + rows / 1_000);
            while (consumed.get() < rows && System.nanoTime() - written < timeout.toNanos()) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            sample(began);
            if (consumed.get() < rows) {
                throw new BenchException("Only " + consumed.get() + " of " + rows + " rows' events arrived within "
                        + Durations.readable(timeout) + " of the last commit: the pipeline lost them or stalled.");
            }
            double writeSeconds = (written - began) / 1e9;
            double totalSeconds = (lastConsumedNanos.get() - began) / 1e9;
            synchronized (lag) {
                return new ThroughputResult(rows, consumed.get(), rowsPerTransaction, round(writeSeconds),
                        round(totalSeconds), Math.round(consumed.get() / totalSeconds), 0, null, List.copyOf(lag));
            }
        } finally {
            sampler.shutdownNow();
        }
    }

    private void write(Connection connection, TableName table, int rows, int rowsPerTransaction) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.quoted()
                + " (id, name, email) SELECT g, 'user ' || g, 'user' || g || '@example.org'"
                + " FROM generate_series(?, ?) AS g")) {
            int end = firstId + rows - 1;
            for (int first = firstId; first <= end; first += rowsPerTransaction) {
                int last = Math.min(end, first + rowsPerTransaction - 1);
                insert.setInt(1, first);
                insert.setInt(2, last);
                insert.executeUpdate();
                connection.commit();
                committed.addAndGet(last - first + 1);
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void sample(long began) {
        synchronized (lag) {
            lag.add(new LagPoint((System.nanoTime() - began) / 1_000_000, committed.get(), consumed.get()));
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
