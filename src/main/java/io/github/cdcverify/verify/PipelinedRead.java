package io.github.cdcverify.verify;

import io.github.cdcverify.consume.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a topic to its end in a thread of its own while the caller's thread handles the records: the Kafka
 * consumer (fetching every partition, checking and copying records) and the fold each take about half of the
 * work per event, so on two cores both run at once. Records pass in small batches through a short queue, so at most
 * a few thousand are in memory between the two.
 */
final class PipelinedRead {

    private static final int BATCH = 500;
    private static final int BATCHES_QUEUED = 4;
    private static final long OFFER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private PipelinedRead() {
    }

    /**
     * {@link TopicReader#readToEnd}, with {@code handler} called on this thread.
     *
     * @throws IllegalStateException as {@link TopicReader#readToEnd} does, or when the reading thread failed
     */
    static <V> long readToEnd(TopicReader<V> reader, Consumer<ConsumerRecord<byte[], V>> handler, Duration timeout) {
        BlockingQueue<List<ConsumerRecord<byte[], V>>> queue = new ArrayBlockingQueue<>(BATCHES_QUEUED);
        List<ConsumerRecord<byte[], V>> end = new ArrayList<>(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            List<List<ConsumerRecord<byte[], V>>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            try {
                reader.readToEnd(record -> {
                    batch.get(0).add(record);
                    if (batch.get(0).size() == BATCH) {
                        hand(queue, batch.get(0));
                        batch.set(0, new ArrayList<>(BATCH));
                    }
                }, timeout);
                if (!batch.get(0).isEmpty()) {
                    hand(queue, batch.get(0));
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                try {
                    hand(queue, end);
                } catch (RuntimeException handlerGone) {
                    // The handler stopped taking: it knows.
                }
            }
        }, "cdc-verify-topic-reader");
        poller.setDaemon(true);
        poller.start();
        long count = 0;
        try {
            for (List<ConsumerRecord<byte[], V>> records = take(queue); records != end; records = take(queue)) {
                for (ConsumerRecord<byte[], V> record : records) {
                    handler.accept(record);
                }
                count += records.size();
            }
        } finally {
            // Whether the handler failed or not: the reader thread must not be left waiting on a full queue.
            poller.interrupt();
            join(poller);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
        return count;
    }

    private static <T> void hand(BlockingQueue<T> queue, T batch) {
        try {
            while (!queue.offer(batch, OFFER_NANOS, TimeUnit.NANOSECONDS)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("The records' handler stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The records' handler stopped", e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a topic", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
