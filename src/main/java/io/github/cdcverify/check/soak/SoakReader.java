package io.github.cdcverify.check.soak;

import io.github.cdcverify.consume.TopicTail;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventParser;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.verify.StreamChecker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the soak's topic, every partition, in a thread of its own and hands each batch to the checker. It reads by
 * assignment, not in a consumer group: a broker that dies does not make it start over, its client just fetches from
 * the partitions' new leaders.
 */
final class SoakReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SoakReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final TopicTail tail;
    private final StreamChecker checker;
    private final ChangeEventParser parser = new ChangeEventParser();
    private final AtomicLong malformed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException error;

    private SoakReader(TopicTail tail, StreamChecker checker) {
        this.tail = tail;
        this.checker = checker;
        this.thread = new Thread(this::readUntilClosed, "soak-reader");
        thread.setDaemon(true);
    }

    static SoakReader start(KafkaEndpoint kafka, String topic, StreamChecker checker) {
        SoakReader reader = new SoakReader(TopicTail.of(kafka, topic), checker);
        reader.thread.start();
        return reader;
    }

    private void readUntilClosed() {
        try {
            while (running) {
                List<ChangeEvent> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : tail.poll(POLL)) {
                    try {
                        batch.add(parser.parse(record));
                    } catch (MalformedEventException e) {
                        malformed.incrementAndGet();
                        log.warn("Skipped a record: {}", e.getMessage());
                    }
                }
                if (!batch.isEmpty()) {
                    checker.received(batch);
                }
            }
        } catch (RuntimeException e) {
            error = e;
        } finally {
            tail.close();
        }
    }

    /** Records that were not Debezium change events. */
    long malformed() {
        return malformed.get();
    }

    /** What ended the reading early, or null. */
    RuntimeException error() {
        return error;
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
