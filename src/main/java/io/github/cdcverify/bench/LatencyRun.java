package io.github.cdcverify.bench;

import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.time.Durations;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-row transactions at a fixed rate, each one's clocks from the client's commit to the bench's consumer.
 * Row {@code id} 0 is the first event of the run, ids {@code 1..warmup} warm the pipeline up unrecorded, the rest
 * are measured.
 */
final class LatencyRun {

    /** How long the last events may take after the last commit before the run counts them as lost. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final int warmup;
    private final int total;
    private final AtomicLongArray sent;
    private final AtomicLongArray returned;
    private final AtomicLongArray sourceTs;
    private final AtomicLongArray envelopeTs;
    private final AtomicLongArray kafkaTs;
    private final AtomicLongArray consumed;
    private final CountDownLatch firstEvent = new CountDownLatch(1);
    private final CountDownLatch allEvents;

    LatencyRun(int warmup, int count) {
        this.warmup = warmup;
        total = 1 + warmup + count;
        sent = new AtomicLongArray(total);
        returned = new AtomicLongArray(total);
        sourceTs = new AtomicLongArray(total);
        envelopeTs = new AtomicLongArray(total);
        kafkaTs = new AtomicLongArray(total);
        consumed = new AtomicLongArray(total);
        allEvents = new CountDownLatch(total);
    }

    /** For the {@link BenchReader} of the latency topic: stamps each row's event once. */
    void onRecords(Iterable<ConsumerRecord<byte[], byte[]>> records, long consumedUs) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            EventTimes.parse(record.value()).ifPresent(times -> {
                int id = (int) times.id();
                if (id >= 0 && id < total && consumed.compareAndSet(id, 0, consumedUs)) {
                    sourceTs.set(id, times.sourceTsUs());
                    envelopeTs.set(id, times.envelopeTsUs());
                    kafkaTs.set(id, record.timestamp());
                    if (id == 0) {
                        firstEvent.countDown();
                    }
                    allEvents.countDown();
                }
            });
        }
    }

    /** Commits row 0 and waits for its event; returns the client clock (µs) when it was consumed. */
    long firstEvent(Connection connection, TableName table, Duration timeout) throws SQLException, InterruptedException {
        try (PreparedStatement insert = prepare(connection, table)) {
            commit(insert, 0);
        }
        if (!firstEvent.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BenchException("The first change event did not arrive within " + Durations.readable(timeout) + " of its commit: "
                    + "the connector registered but does not stream. Check the Connect worker's log.");
        }
        return consumed.get(0);
    }

    /** Sends the warm-up and measured transactions at {@code rate} per second; returns the measured samples. */
    List<LatencySample> measure(Connection connection, TableName table, double rate)
            throws SQLException, InterruptedException {
        long intervalNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        try (PreparedStatement insert = prepare(connection, table)) {
            for (int id = 1; id < total; id++) {
                LockSupport.parkNanos(next - System.nanoTime());
                commit(insert, id);
                next += intervalNanos;
            }
        }
        if (!allEvents.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BenchException(allEvents.getCount() + " of " + total + " single-row transactions' events did "
                    + "not arrive within " + Durations.readable(CATCH_UP) + " of the last commit: the pipeline lost them or stalled.");
        }
        return samples();
    }

    private static PreparedStatement prepare(Connection connection, TableName table) throws SQLException {
        connection.setAutoCommit(true);
        return connection.prepareStatement("INSERT INTO " + table.quoted()
                + " (id, name, email) VALUES (?, ?, ?)");
    }

    private void commit(PreparedStatement insert, int id) throws SQLException {
        insert.setInt(1, id);
        insert.setString(2, "user " + id);
        insert.setString(3, "user" + id + "@example.org");
        sent.set(id, BenchClock.nowMicros());
        insert.executeUpdate();
        returned.set(id, BenchClock.nowMicros());
    }

    private List<LatencySample> samples() {
        List<LatencySample> samples = new ArrayList<>();
        for (int id = 1 + warmup; id < total; id++) {
            samples.add(new LatencySample(sent.get(id), returned.get(id), sourceTs.get(id), envelopeTs.get(id),
                    kafkaTs.get(id), consumed.get(id)));
        }
        return samples;
    }

}
