package io.github.cdcverify.datacheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a topic to its end (or a table, or anything) in a thread of its own while the caller's thread handles the
 * records: the Kafka consumer (fetching every partition, checking and copying records) and the fold each take about
 * half of the work per event, as do pgjdbc's reading of rows and their comparison, so on two cores both run at once.
 * Items pass in small batches through a short queue, so at most a few thousand are in memory between the two.
 */
final class PipelinedRead {

    private static final int BATCH = 500;
    private static final int BATCHES_QUEUED = 4;
    private static final long OFFER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private PipelinedRead() {
    }

    /** What the second thread runs: it hands each item to {@code sink}. */
    @FunctionalInterface
    interface Source<T> {
        void run(Consumer<T> sink) throws Exception;
    }

    /**
     * Runs {@code source} in a thread named {@code name} and hands what it produces to {@code handler} on this thread.
     *
     * @return how many items were handled
     * @throws Exception what {@code source} threw, as it threw it
     */
    static <T> long run(String name, Source<T> source, Consumer<T> handler) throws Exception {
        return run(name, List.of(source), handler);
    }

    /**
     * Runs each of {@code sources} in a thread of its own (named {@code name}, numbered when there are several) and
     * hands what they produce to {@code handler} on this thread: the items of one source in the order it produced
     * them, those of different sources interleaved.
     *
     * @return how many items were handled
     * @throws Exception what the first failing source threw, as it threw it
     */
    static <T> long run(String name, List<Source<T>> sources, Consumer<T> handler) throws Exception {
        BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(BATCHES_QUEUED * sources.size());
        List<T> end = new ArrayList<>(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source<T> source = sources.get(i);
            Thread producer = new Thread(() -> produce(source, queue, end, failure),
                    sources.size() == 1 ? name : name + "-" + i);
            producer.setDaemon(true);
            producers.add(producer);
        }
        producers.forEach(Thread::start);
        long count = 0;
        try {
            for (int ended = 0; ended < producers.size(); ) {
                List<T> items = take(queue);
                if (items == end) {
                    ended++;
                    continue;
                }
                for (T item : items) {
                    handler.accept(item);
                }
                count += items.size();
            }
        } finally {
            // Whether the handler failed or not: no other thread may be left waiting on a full queue.
            producers.forEach(Thread::interrupt);
            producers.forEach(PipelinedRead::join);
        }
        Throwable failed = failure.get();
        if (failed instanceof Exception exception) {
            throw exception;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        return count;
    }

    private static <T> void produce(Source<T> source, BlockingQueue<List<T>> queue, List<T> end,
                                    AtomicReference<Throwable> failure) {
        List<List<T>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
        try {
            source.run(item -> {
                batch.get(0).add(item);
                if (batch.get(0).size() == BATCH) {
                    hand(queue, batch.get(0));
                    batch.set(0, new ArrayList<>(BATCH));
                }
            });
            if (!batch.get(0).isEmpty()) {
                hand(queue, batch.get(0));
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            try {
                hand(queue, end);
            } catch (RuntimeException handlerGone) {
                // The handler stopped taking: it knows.
            }
        }
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
