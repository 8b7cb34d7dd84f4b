package io.github.cdcverify.check.soak;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.judge.StreamChecker;
import io.github.cdcverify.stack.KafkaEndpoint;

import java.time.Duration;
import java.util.List;

/**
 * Reads the soak's topic, every partition, in a thread of its own and hands each batch to the checker. It reads by
 * assignment, not in a consumer group: a broker that dies does not make it start over, its client just fetches from
 * the partitions' new leaders.
 */
final class SoakReader implements SoakWatch.Feed, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final ChangeEventConsumer consumer;
    private final StreamChecker checker;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException error;

    private SoakReader(ChangeEventConsumer consumer, StreamChecker checker) {
        this.consumer = consumer;
        this.checker = checker;
        this.thread = new Thread(this::readUntilClosed, "soak-reader");
        thread.setDaemon(true);
    }

    static SoakReader start(KafkaEndpoint kafka, String topic, StreamChecker checker) {
        SoakReader reader = new SoakReader(ChangeEventConsumer.create(kafka, StartFrom.BEGINNING,
                List.of(topic)), checker);
        reader.thread.start();
        return reader;
    }

    private void readUntilClosed() {
        try {
            while (running) {
                List<ChangeEvent> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    checker.received(batch);
                }
            }
        } catch (RuntimeException e) {
            error = e;
        } finally {
            consumer.close();
        }
    }

    /** Records that were not Debezium change events. */
    long malformed() {
        return consumer.malformedCount();
    }

    @Override
    public RuntimeException error() {
        return error;
    }

    /**
     * Stops polling and returns once the thread has handed its last batch to the checker: only then may the checker
     * close its books, or events read meanwhile would never be judged.
     */
    @Override
    public void stop() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
