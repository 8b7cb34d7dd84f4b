package io.github.cdcverify.consume;

import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one reader of Kafka topics: every partition of the named topics, as raw records. {@link ChangeEventConsumer}
 * (parsed change events) and {@link RawTopicReader} (JSON trees) are views of it.
 *
 * <p>By default it reads by assignment, without a consumer group: nothing is committed or left on the cluster, no
 * rebalance delays the first records or rewinds a partition, and a broker that dies only makes the client fetch
 * from the partitions' new leaders. Topics that do not exist yet are assigned when they appear (a connector creates
 * its topic with its first event), read from their beginning. {@link Builder#inGroup} reads as a member of a
 * consumer group instead, committing after each poll, for scenarios about groups themselves.
 *
 * <p>Not thread-safe, except {@link #wakeup()}.
 *
 * @param <V> what each record's value is read as: its bytes unless {@link Builder#valuesAs} says otherwise
 */
public final class TopicReader<V> implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    // How often topics that do not exist yet are looked for again.
    private static final long LOOK_FOR_TOPICS_NANOS = 200_000_000L;

    private final KafkaConsumer<byte[], V> consumer;
    private final List<String> topics;
    private final boolean commits;
    private final Set<String> assignedTopics = new HashSet<>();
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private long nextLookForTopics;

    private TopicReader(Builder<V> builder) {
        this.topics = List.copyOf(builder.topics);
        this.commits = builder.groupId != null;
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Asking for a topic that does not exist must not create it on brokers that would.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Records are handed over as soon as there are any instead of waiting for a fuller fetch (default 500 ms).
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // A group member notices a topic that appears only with the connector's first event within a second.
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, builder.clientId);
        if (commits) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, builder.groupId);
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    builder.startFrom == StartFrom.BEGINNING ? "earliest" : "latest");
        }
        properties.putAll(builder.settings);
        this.consumer = new KafkaConsumer<>(builder.kafka.clientProperties(properties), new ByteArrayDeserializer(),
                builder.values);
        try {
            if (commits) {
                consumer.subscribe(topics);
            } else {
                assignExisting(builder.startFrom, builder.offsets);
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A reader of {@code topics}, from their beginning unless the builder says otherwise. */
    public static Builder<byte[]> of(KafkaEndpoint kafka, Collection<String> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("Name at least one topic to read");
        }
        return new Builder<>(kafka, topics, new ByteArrayDeserializer());
    }

    /** A reader of {@code topics}, from their beginning unless the builder says otherwise. */
    public static Builder<byte[]> of(KafkaEndpoint kafka, String... topics) {
        return of(kafka, List.of(topics));
    }

    /** The end offset of each of the topic's partitions now; empty when the topic does not exist (yet). */
    public static Map<Integer, Long> endOffsets(KafkaEndpoint kafka, String topic) {
        try (TopicReader<byte[]> reader = of(kafka, topic).open()) {
            Map<Integer, Long> offsets = new HashMap<>();
            reader.endOffsets().forEach((partition, end) -> offsets.put(partition.partition(), end));
            return offsets;
        }
    }

    /**
     * The first offset each partition being read still holds, now: above 0 where retention ({@code retention.ms},
     * {@code retention.bytes}) or {@code DeleteRecords} removed the partition's earliest records.
     */
    public Map<TopicPartition, Long> beginningOffsets() {
        return consumer.beginningOffsets(assigned, METADATA_TIMEOUT);
    }

    /** The end offset of each partition being read, now. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(assigned, METADATA_TIMEOUT);
    }

    private void assignExisting(StartFrom startFrom, Map<Integer, Long> offsets) {
        List<TopicPartition> added = assignTopicsThatExist();
        if (offsets != null) {
            for (TopicPartition partition : added) {
                Long offset = offsets.get(partition.partition());
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
        } else if (startFrom == StartFrom.NOW) {
            consumer.seekToEnd(added);
            // seekToEnd is lazy: fix the positions now, or records written before the first poll would be skipped.
            added.forEach(partition -> consumer.position(partition, METADATA_TIMEOUT));
        }
    }

    /** Assigns the partitions of topics that exist now and were not assigned yet; new ones start at their beginning. */
    private List<TopicPartition> assignTopicsThatExist() {
        nextLookForTopics = System.nanoTime() + LOOK_FOR_TOPICS_NANOS;
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            if (assignedTopics.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (partitions != null && !partitions.isEmpty()) {
                assignedTopics.add(topic);
                partitions.forEach(info -> added.add(new TopicPartition(topic, info.partition())));
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
        }
        return added;
    }

    /** One poll of at most {@code timeout}: the records that arrived, in partition order. */
    public List<ConsumerRecord<byte[], V>> poll(Duration timeout) {
        if (!commits && assignedTopics.size() < topics.size() && System.nanoTime() >= nextLookForTopics) {
            assignTopicsThatExist();
        }
        List<ConsumerRecord<byte[], V>> records = new ArrayList<>();
        if (!commits && assigned.isEmpty()) {
            // Nothing to fetch from yet; poll() would throw without an assignment. Wait as a poll would.
            waitFor(timeout);
            return records;
        }
        consumer.poll(timeout).forEach(records::add);
        if (commits && !records.isEmpty()) {
            consumer.commitSync();
        }
        return records;
    }

    private static void waitFor(Duration timeout) {
        LockSupport.parkNanos(Math.min(timeout.toNanos(), LOOK_FOR_TOPICS_NANOS));
    }

    /**
     * Hands every record up to the end offsets of now to {@code handler}: a snapshot of the topics as they are.
     *
     * @return how many records it read
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public long readToEnd(Consumer<ConsumerRecord<byte[], V>> handler, Duration timeout) {
        Map<TopicPartition, Long> end = endOffsets();
        Instant deadline = Instant.now().plus(timeout);
        long count = 0;
        while (!reached(end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Reading " + String.join(", ", topics) + " to the end took longer than "
                        + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], V> record : consumer.poll(Duration.ofMillis(200))) {
                handler.accept(record);
                count++;
            }
        }
        return count;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    /** The topics that exist and are being read (all of them once each has appeared). */
    public Set<String> topicsRead() {
        return commits ? Set.copyOf(topics) : Set.copyOf(assignedTopics);
    }

    /** Makes a blocked {@link #poll} throw {@code WakeupException}. Safe to call from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** Where and how a {@link TopicReader} reads; {@link #open()} makes it. */
    public static final class Builder<V> {

        private final KafkaEndpoint kafka;
        private final Collection<String> topics;
        private final Deserializer<V> values;
        private StartFrom startFrom = StartFrom.BEGINNING;
        private Map<Integer, Long> offsets;
        private String groupId;
        private String clientId = "cdc-verify-reader";
        private final Map<String, Object> settings = new HashMap<>();

        private Builder(KafkaEndpoint kafka, Collection<String> topics, Deserializer<V> values) {
            this.kafka = kafka;
            this.topics = List.copyOf(new LinkedHashSet<>(topics));
            this.values = values;
        }

        /** From the beginning (default) or only what is written after {@link #open()}. */
        public Builder<V> from(StartFrom startFrom) {
            this.startFrom = startFrom;
            return this;
        }

        /**
         * From given offsets of a single topic: records before them are skipped.
         *
         * @param offsets by partition (see {@link TopicReader#endOffsets}); a partition not named is read from its
         *                beginning
         */
        public Builder<V> fromOffsets(Map<Integer, Long> offsets) {
            if (topics.size() != 1) {
                throw new IllegalArgumentException("Offsets by partition need exactly one topic, not " + topics);
            }
            this.offsets = Map.copyOf(offsets);
            return this;
        }

        /**
         * As a member of the consumer group {@code groupId}, committing its offsets after every poll that returned
         * records, so that a new member of the group resumes where this one stopped. The group stays on the cluster.
         */
        public Builder<V> inGroup(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** The client id brokers see, e.g. in their request logs (default {@code cdc-verify-reader}). */
        public Builder<V> withClientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** A consumer setting of Kafka's own, over ours (e.g. {@code fetch.min.bytes}). */
        public Builder<V> withSetting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** Reads each value with {@code deserializer} instead of as bytes. */
        public <W> Builder<W> valuesAs(Deserializer<W> deserializer) {
            Builder<W> other = new Builder<>(kafka, topics, deserializer);
            other.startFrom = startFrom;
            other.offsets = offsets;
            other.groupId = groupId;
            other.clientId = clientId;
            other.settings.putAll(settings);
            return other;
        }

        /** Opens the reader; the caller closes it. */
        public TopicReader<V> open() {
            return new TopicReader<>(this);
        }
    }
}
