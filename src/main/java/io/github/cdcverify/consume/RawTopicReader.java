package io.github.cdcverify.consume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;

/** Reads topics from their beginning as raw JSON records (schema and payload), for scenarios that need the schema. */
public final class RawTopicReader implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Set<TopicPartition> assigned = new HashSet<>();

    private RawTopicReader(KafkaEndpoint kafka, Collection<String> topics) {
        Map<String, Object> p = kafka.clientProperties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
    }

    /** A reader of {@code topics} from their first offset; the caller closes it. */
    public static RawTopicReader fromBeginning(KafkaEndpoint kafka, String... topics) {
        return new RawTopicReader(kafka, List.of(topics));
    }

    /** Polls until {@code enough} holds for the records read so far or {@code timeout} passes; returns them all. */
    public List<RawRecord> pollUntil(Predicate<List<RawRecord>> enough, Duration timeout) {
        List<RawRecord> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!enough.test(records) && Instant.now().isBefore(deadline)) {
            assignTopicsThatExist();
            if (assigned.isEmpty()) {
                LockSupport.parkNanos(POLL.toNanos());
                continue;
            }
            var polled = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                records.add(new RawRecord(record.topic(), record.partition(), record.offset(), json(record.key()),
                        json(record.value()), record.key(), record.value(), headers(record)));
            }
        }
        return records;
    }

    /**
     * Topics appear only when their first record is written. Partitions are assigned directly, without a consumer
     * group: no rebalance delays, and no rebalance that could rewind a partition and deliver records twice.
     */
    private void assignTopicsThatExist() {
        if (assigned.size() >= topics.size() && assigned.stream().map(TopicPartition::topic).distinct().count()
                == topics.size()) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            if (assigned.stream().noneMatch(partition -> partition.topic().equals(topic))) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(info -> added.add(new TopicPartition(topic, info.partition())));
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
        }
    }

    /** Polls until {@code count} records were read or {@code timeout} passes. */
    public List<RawRecord> pollAtLeast(int count, Duration timeout) {
        return pollUntil(records -> records.size() >= count, timeout);
    }

    /** Every topic whose name starts with {@code prefix + "."} or ends with {@code "." + prefix}, sorted. */
    public static Set<String> topicsOf(KafkaEndpoint kafka, String prefix) {
        try (Admin admin = Admin.create(kafka.clientProperties(Map.of()))) {
            Set<String> topics = new TreeSet<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(prefix + ".") || topic.endsWith("." + prefix)) {
                    topics.add(topic);
                }
            }
            return topics;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not list Kafka topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing Kafka topics", e);
        }
    }

    /** Header values as UTF-8 text; the last one wins where a name repeats. */
    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(),
                    StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static JsonNode json(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node.isNull() ? null : node;
        } catch (IOException e) {
            throw new UncheckedIOException("Record is not JSON", e);
        }
    }

    /** Parses a JSON literal the way records are parsed, for exact comparisons with a record's nodes. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Bad JSON in a test expectation: " + json, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
