package io.github.cdcverify.scenario;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.event.ChangeEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Reads a table's change events in a thread of its own and notes when each one arrived, so that a fault scenario
 * can see how long delivery stalled. The consumer can be replaced mid-read ({@link #restartConsumer()}) by a new
 * one from the same supplier, e.g. a new member of the same consumer group.
 */
final class StreamRecorder implements AutoCloseable {

    /**
     * One event as it arrived.
     *
     * @param atNanos    {@link System#nanoTime()} when the poll returned it
     * @param generation which consumer read it: 0 for the first, 1 after the first restart, ...
     */
    record Received(ChangeEvent event, long atNanos, int generation) {
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final Supplier<ChangeEventConsumer> consumers;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Long> highestOffsets = new HashMap<>();
    private long reReads;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean restartRequested;
    private volatile int generation;
    private volatile RuntimeException error;

    private StreamRecorder(Supplier<ChangeEventConsumer> consumers) {
        this.consumers = consumers;
        this.thread = new Thread(this::readUntilClosed, "fault-stream-recorder");
        thread.setDaemon(true);
    }

    /** Starts reading with a consumer from {@code consumers}. */
    static StreamRecorder start(Supplier<ChangeEventConsumer> consumers) {
        StreamRecorder recorder = new StreamRecorder(consumers);
        recorder.thread.start();
        return recorder;
    }

    private void readUntilClosed() {
        ChangeEventConsumer consumer = null;
        try {
            consumer = consumers.get();
            while (running) {
                if (restartRequested) {
                    consumer.close();
                    consumer = consumers.get();
                    generation++;
                    restartRequested = false;
                }
                List<ChangeEvent> events = consumer.poll(POLL);
                long now = System.nanoTime();
                synchronized (received) {
                    events.forEach(event -> keepUnlessReRead(new Received(event, now, generation)));
                }
            }
        } catch (RuntimeException e) {
            error = e;
        } finally {
            if (consumer != null) {
                consumer.close();
            }
        }
    }

    /**
     * A record at an offset already read is this consumer reading the same record again (a consumer that commits
     * nothing starts over after its group is rebuilt, e.g. when the broker restarts), not the pipeline writing an
     * event twice: it is counted, not kept. Events the pipeline writes twice sit at new offsets and are kept.
     */
    private void keepUnlessReRead(Received arrival) {
        String partition = arrival.event().topic() + "-" + arrival.event().partition();
        Long highest = highestOffsets.get(partition);
        if (highest != null && arrival.event().offset() <= highest) {
            reReads++;
            return;
        }
        highestOffsets.put(partition, arrival.event().offset());
        received.add(arrival);
    }

    /** Records read again at an offset already read (see {@link #keepUnlessReRead}). */
    long reReads() {
        synchronized (received) {
            return reReads;
        }
    }

    /** Every event received so far, in arrival order, each offset once. */
    List<Received> received() {
        failIfBroken();
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The events only, in arrival order. */
    List<ChangeEvent> events() {
        return received().stream().map(Received::event).toList();
    }

    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** When the last event arrived ({@link System#nanoTime()}), or {@code 0} before the first. */
    long lastArrivalNanos() {
        synchronized (received) {
            return received.isEmpty() ? 0 : received.get(received.size() - 1).atNanos();
        }
    }

    /** Waits until at least {@code count} events arrived. */
    void awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            failIfBroken();
            return size() >= count;
        });
    }

    /** Closes the consumer and opens a new one from the supplier; returns once the new one exists. */
    void restartConsumer() {
        int before = generation;
        restartRequested = true;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            failIfBroken();
            return generation > before;
        });
    }

    private void failIfBroken() {
        if (error != null) {
            throw new IllegalStateException("Reading the change events failed: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
