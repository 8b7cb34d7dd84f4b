package io.github.cdcverify.scenario;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.event.ChangeEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A table's change events read in a thread of its own, each noted with when it arrived, so that a scenario can see
 * how long delivery stalled. The consumer can be replaced mid-read ({@link #restartConsumer()}) by a new one from
 * the same supplier, e.g. a new member of the same consumer group.
 */
public final class RecordedStream implements AutoCloseable {

    /**
     * One event as it arrived.
     *
     * @param atNanos    {@link System#nanoTime()} when the poll returned it
     * @param generation which consumer read it: 0 for the first, 1 after the first restart, ...
     */
    public record Received(ChangeEvent event, long atNanos, int generation) {
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration RECEIVED_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<ChangeEventConsumer> consumers;
    private final Consumer<ChangeEvent> onEvent;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Long> highestOffsets = new HashMap<>();
    private long reReads;
    private long malformed;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean restartRequested;
    private volatile int generation;
    private volatile RuntimeException error;
    private volatile ChangeEventConsumer current;

    private RecordedStream(Supplier<ChangeEventConsumer> consumers, Consumer<ChangeEvent> onEvent) {
        this.consumers = consumers;
        this.onEvent = onEvent;
        this.thread = new Thread(this::readUntilClosed, "recorded-stream");
        thread.setDaemon(true);
    }

    /** Starts reading with a consumer from {@code consumers}; {@code onEvent} sees each new event first. */
    static RecordedStream start(Supplier<ChangeEventConsumer> consumers, Consumer<ChangeEvent> onEvent) {
        RecordedStream stream = new RecordedStream(consumers, onEvent);
        stream.thread.start();
        return stream;
    }

    private void readUntilClosed() {
        ChangeEventConsumer consumer = null;
        try {
            consumer = consumers.get();
            current = consumer;
            while (running) {
                if (restartRequested) {
                    synchronized (received) {
                        malformed += consumer.malformedCount();
                        current = null;
                    }
                    consumer.close();
                    consumer = consumers.get();
                    current = consumer;
                    generation++;
                    restartRequested = false;
                }
                List<ChangeEvent> events = consumer.poll(POLL);
                long now = System.nanoTime();
                for (ChangeEvent event : events) {
                    keepUnlessReRead(new Received(event, now, generation));
                }
            }
        } catch (RuntimeException e) {
            error = e;
        } finally {
            if (consumer != null) {
                synchronized (received) {
                    malformed += consumer.malformedCount();
                    current = null;
                }
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
        synchronized (received) {
            Long highest = highestOffsets.get(partition);
            if (highest != null && arrival.event().offset() <= highest) {
                reReads++;
                return;
            }
            highestOffsets.put(partition, arrival.event().offset());
        }
        onEvent.accept(arrival.event());
        synchronized (received) {
            received.add(arrival);
        }
    }

    /** Records read again at an offset already read (see {@link #keepUnlessReRead}). */
    public long reReads() {
        synchronized (received) {
            return reReads;
        }
    }

    /** Records that were no change events, reported and skipped by the consumers so far. */
    public long malformed() {
        synchronized (received) {
            ChangeEventConsumer reading = current;
            return malformed + (reading == null ? 0 : reading.malformedCount());
        }
    }

    /** Every event received so far, in arrival order, each offset once. */
    public List<Received> received() {
        failIfBroken();
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The events from position {@code from} on (0 = the first), in arrival order: what is new to a reader. */
    public List<ChangeEvent> eventsFrom(int from) {
        failIfBroken();
        synchronized (received) {
            return received.subList(Math.min(from, received.size()), received.size()).stream()
                    .map(Received::event).toList();
        }
    }

    /** The events only, in arrival order. */
    public List<ChangeEvent> events() {
        return received().stream().map(Received::event).toList();
    }

    public int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** When the last event arrived ({@link System#nanoTime()}), or {@code 0} before the first. */
    public long lastArrivalNanos() {
        synchronized (received) {
            return received.isEmpty() ? 0 : received.get(received.size() - 1).atNanos();
        }
    }

    /** Waits (60 s at most) until at least {@code count} events arrived. */
    public void awaitReceived(int count) {
        Polling.until(count + " events", RECEIVED_TIMEOUT, Duration.ofMillis(20), () -> {
            failIfBroken();
            return size() >= count;
        });
    }

    /** Closes the consumer and opens a new one from the supplier; returns once the new one exists. */
    public void restartConsumer() {
        int before = generation;
        restartRequested = true;
        Polling.until("a new consumer", Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            failIfBroken();
            return generation > before;
        });
    }

    private void failIfBroken() {
        if (error != null) {
            throw new IllegalStateException("Reading the change events failed: " + error.getMessage(), error);
        }
    }

    /** Stops reading and closes the consumer (30 s at most). */
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
