package io.github.cdcverify.datacheck;

import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every partition of one topic from its beginning, each partition through a Kafka consumer of its own in a
 * thread of its own, while the caller's thread handles the records ({@link PipelinedRead}). The consumer's work per
 * record (fetch, CRC, copying ~2.5 KB) is about twice the fold's, so on a topic of several partitions the consumers
 * decode in parallel, on as many cores as there are. A key's records are all in one partition and come in its order;
 * records of different partitions come interleaved, which a fold by key does not mind.
 */
public final class PartitionReaders implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);
    /** A fetch of a partition returns at most this much: Kafka's 1 MB is ~400 Debezium events a round trip. */
    private static final int FETCH_BYTES = 8 * 1024 * 1024;

    private final String topic;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();

    private PartitionReaders(KafkaEndpoint kafka, String topic, boolean onePerPartition, Map<String, ?> settings) {
        this.topic = topic;
        KafkaConsumer<byte[], byte[]> first = consumer(kafka, settings);
        consumers.add(first);
        try {
            List<PartitionInfo> found = first.partitionsFor(topic, METADATA_TIMEOUT);
            if (found != null) {
                found.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (onePerPartition && partitions.size() > 1) {
                assign(first, List.of(partitions.get(0)));
                for (TopicPartition partition : partitions.subList(1, partitions.size())) {
                    KafkaConsumer<byte[], byte[]> another = consumer(kafka, settings);
                    consumers.add(another);
                    assign(another, List.of(partition));
                }
            } else {
                assign(first, partitions);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens the readers of {@code topic}, positioned at the beginning of each partition.
     *
     * @param onePerPartition one consumer and thread per partition; false reads them all through one consumer
     * @param settings        consumer settings over ours (for measuring others in {@code bench --data-check})
     */
    public static PartitionReaders open(KafkaEndpoint kafka, String topic, boolean onePerPartition,
                                        Map<String, ?> settings) {
        return new PartitionReaders(kafka, topic, onePerPartition, settings);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaEndpoint kafka, Map<String, ?> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES * 4);
        // The operating system's socket buffer, which grows as needed, instead of Kafka's fixed 64 KB.
        properties.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cdc-verify-data-check");
        properties.putAll(settings);
        return new KafkaConsumer<>(kafka.clientProperties(properties), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static void assign(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** How many consumers (and threads) read the topic. */
    public int readers() {
        return consumers.size();
    }

    /** The first offset each partition still holds: above 0 where retention removed its earliest records. */
    public Map<TopicPartition, Long> beginningOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        // Each consumer asks for its own partitions: of others it would warn that they are not assigned to it.
        consumers.forEach(consumer -> offsets.putAll(consumer.beginningOffsets(consumer.assignment(),
                METADATA_TIMEOUT)));
        return offsets;
    }

    /** The end offset of each partition, now. */
    public Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        consumers.forEach(consumer -> offsets.putAll(consumer.endOffsets(consumer.assignment(), METADATA_TIMEOUT)));
        return offsets;
    }

    /**
     * Hands every record up to the end offsets of now to {@code handler}, on this thread; a later call goes on from
     * where this one stopped.
     *
     * @return how many records were read
     * @throws IllegalStateException when the end is not reached within {@code timeout}, or a reading thread failed
     */
    public long readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> handler, Duration timeout) {
        Map<TopicPartition, Long> end = endOffsets();
        Instant deadline = Instant.now().plus(timeout);
        List<PipelinedRead.Source<ConsumerRecord<byte[], byte[]>>> sources = new ArrayList<>();
        for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
            sources.add(sink -> {
                while (!reached(consumer, end)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Reading " + topic + " to the end took longer than "
                                + timeout.toSeconds() + " s");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        sink.accept(record);
                    }
                }
            });
        }
        try {
            return PipelinedRead.run("cdc-verify-topic-reader", sources, handler);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.position(partition, METADATA_TIMEOUT) < end.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumers.forEach(consumer -> consumer.close(Duration.ZERO));
    }
}
