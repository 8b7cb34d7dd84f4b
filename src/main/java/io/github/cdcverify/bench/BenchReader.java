package io.github.cdcverify.bench;

import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * Reads one topic from its beginning on a thread of its own and hands each poll's records to a handler with the time
 * they arrived. Raw records of a {@link TopicReader}: the bench needs the records' Kafka timestamps, which parsed
 * change events do not carry, and no more parsing than it asks for.
 *
 * @param <V> what the handler gets of each record's value: its bytes ({@link #bytes}) or only whether there is
 *            one ({@link #presence})
 */
final class BenchReader<V> implements AutoCloseable {

    /** What to do with the records of one poll; {@code consumedUs} is the client clock right after the poll. */
    @FunctionalInterface
    interface Handler<V> {
        void accept(List<ConsumerRecord<byte[], V>> records, long consumedUs);
    }

    private static final Logger log = LoggerFactory.getLogger(BenchReader.class);

    private final TopicReader<V> reader;
    private final Thread thread;
    private volatile Throwable failure;

    /** A reader that hands over each value's bytes. */
    static BenchReader<byte[]> bytes(KafkaEndpoint kafka, String topic, Handler<byte[]> handler) {
        return new BenchReader<>(settings(kafka, topic)
                // The broker answers a fetch as soon as there is a byte; this only bounds an empty fetch's wait.
                .withSetting(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100").open(), topic, handler);
    }

    /**
     * A reader that hands over {@code TRUE} for a value and {@code null} for a tombstone, without copying the value
     * out of the fetched batch: the reader shares the machine with the pipeline it measures, and copying 100,000
     * values it never reads cost the throughput phase ~300 MB of garbage. For the same reason it lets the broker
     * gather 512 KB (or wait 20 ms) per fetch instead of answering each with the few records appended since the
     * last one; the last event is then counted at most 20 ms late.
     */
    static BenchReader<Boolean> presence(KafkaEndpoint kafka, String topic, Handler<Boolean> handler) {
        return new BenchReader<>(settings(kafka, topic)
                .withSetting(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(512 * 1024))
                .withSetting(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20")
                .valuesAs(new PresenceDeserializer()).open(), topic, handler);
    }

    private static TopicReader.Builder<byte[]> settings(KafkaEndpoint kafka, String topic) {
        return TopicReader.of(kafka, topic).withClientId("cdc-verify-bench")
                .withSetting(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000")
                .withSetting(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
    }

    private BenchReader(TopicReader<V> reader, String topic, Handler<V> handler) {
        this.reader = reader;
        thread = new Thread(() -> read(handler), "bench-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void read(Handler<V> handler) {
        try {
            while (true) {
                List<ConsumerRecord<byte[], V>> records = reader.poll(Duration.ofSeconds(1));
                long consumedUs = BenchClock.nowMicros();
                if (!records.isEmpty()) {
                    handler.accept(records, consumedUs);
                }
            }
        } catch (WakeupException stopped) {
            // close() ends the loop
        } catch (RuntimeException e) {
            failure = e;
            log.warn("Bench reader stopped: {}", e.getMessage());
        } finally {
            reader.close();
        }
    }

    /** Why the reader stopped early, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        reader.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code TRUE} for a value, {@code null} for none (a tombstone). */
    private static final class PresenceDeserializer implements Deserializer<Boolean> {

        @Override
        public Boolean deserialize(String topic, byte[] data) {
            return data == null ? null : Boolean.TRUE;
        }

        @Override
        public Boolean deserialize(String topic, Headers headers, ByteBuffer data) {
            return data == null ? null : Boolean.TRUE;
        }
    }
}
