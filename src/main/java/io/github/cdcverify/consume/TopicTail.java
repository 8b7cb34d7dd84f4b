package io.github.cdcverify.consume;

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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every partition of one topic from the beginning, without a consumer group (nothing is committed, nothing is
 * left on the cluster): first up to the end offsets it had when asked, then whatever arrives later.
 */
public final class TopicTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    private TopicTail(KafkaEndpoint kafka, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.CLIENT_ID_CONFIG, "cdc-verify-tail")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * @throws IllegalStateException when the topic does not exist
     */
    public static TopicTail of(KafkaEndpoint kafka, String topic) {
        TopicTail tail = new TopicTail(kafka, topic);
        List<PartitionInfo> partitions = tail.consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (partitions == null || partitions.isEmpty()) {
            tail.close();
            throw new IllegalStateException("Topic '" + topic + "' does not exist");
        }
        List<TopicPartition> assigned = new ArrayList<>();
        partitions.forEach(info -> assigned.add(new TopicPartition(topic, info.partition())));
        tail.consumer.assign(assigned);
        tail.consumer.seekToBeginning(assigned);
        return tail;
    }

    /**
     * Hands every record up to the end offsets of now to {@code handler}.
     *
     * @return how many records it read
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public long readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> handler, Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(15));
        Instant deadline = Instant.now().plus(timeout);
        long count = 0;
        while (!reached(end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Reading topic '" + topic + "' to its end took longer than "
                        + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                handler.accept(record);
                count++;
            }
        }
        return count;
    }

    /** One poll of every partition: the records that arrived within {@code timeout}, or none. */
    public Iterable<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
