package io.github.cdcverify.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Reads one single-partition topic from its beginning on a thread of its own and hands each poll's records to a
 * handler with the time they arrived. A plain {@link KafkaConsumer}: the bench needs the records' Kafka timestamps,
 * which parsed change events do not carry, and no more parsing than it asks for.
 */
final class TopicReader implements AutoCloseable {

    /** What to do with the records of one poll; {@code consumedUs} is the client clock right after the poll. */
    @FunctionalInterface
    interface Handler {
        void accept(ConsumerRecords<byte[], byte[]> records, long consumedUs);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile Throwable failure;

    TopicReader(String bootstrapServers, String topic, Handler handler) {
        consumer = new KafkaConsumer<>(properties(bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        thread = new Thread(() -> read(handler), "bench-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private static Properties properties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cdc-verify-bench");
        // The broker answers a fetch as soon as there is a byte; this only bounds an empty fetch's wait.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void read(Handler handler) {
        try {
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
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
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Why the reader stopped early, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
