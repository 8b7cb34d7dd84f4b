package io.github.cdcverify.consume;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventParser;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads Debezium change events from Kafka topics and parses them.
 *
 * <p>Records that are not valid JSON or not Debezium envelopes are reported (topic, partition, offset) and counted
 * in {@link #malformedCount()}; reading carries on after them. Not thread-safe, except {@link #wakeup()}.
 */
public final class ChangeEventConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ChangeEventParser parser = new ChangeEventParser();
    private final AtomicLong malformed = new AtomicLong();
    private final List<MalformedEventException> malformedRecords = new ArrayList<>();
    private final boolean commits;

    private ChangeEventConsumer(Map<String, Object> properties, Collection<String> topics, boolean commits) {
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.commits = commits;
        consumer.subscribe(topics);
    }

    /**
     * A consumer of {@code topics} in a group of its own that commits nothing, so every run sees the same records.
     *
     * @param kafka     Kafka as this process reaches it
     * @param startFrom        {@link StartFrom#BEGINNING} to read what is already there, {@link StartFrom#NOW} for new
     *                         records only
     */
    public static ChangeEventConsumer create(KafkaEndpoint kafka, StartFrom startFrom, Collection<String> topics) {
        return new ChangeEventConsumer(properties(kafka, startFrom,
                "cdc-verify-" + UUID.randomUUID(), false), topics, false);
    }

    /**
     * A consumer in the named group that commits its offsets after every poll, so that a new consumer of the same
     * group resumes where this one stopped.
     */
    public static ChangeEventConsumer inGroup(KafkaEndpoint kafka, String groupId, StartFrom startFrom,
                                              Collection<String> topics) {
        return new ChangeEventConsumer(properties(kafka, startFrom, groupId, true), topics, true);
    }

    private static Map<String, Object> properties(KafkaEndpoint kafka, StartFrom startFrom, String groupId,
                                                  boolean commits) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startFrom == StartFrom.BEGINNING ? "earliest" : "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Records are handed over as soon as there are any instead of waiting for a fuller fetch (default 500 ms).
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        // Topics appear only when the connector writes its first event; notice them quickly.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cdc-verify-consumer");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return kafka.clientProperties(p);
    }

    /**
     * One poll: the parsed events of the records that arrived within {@code timeout}, in partition order.
     * Malformed records are skipped and counted.
     */
    public List<ChangeEvent> poll(Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                events.add(parser.parse(record.topic(), record.partition(), record.offset(), record.key(),
                        record.value()));
            } catch (MalformedEventException e) {
                malformed.incrementAndGet();
                synchronized (malformedRecords) {
                    malformedRecords.add(e);
                }
                log.warn("Skipped a record: {}", e.getMessage());
            }
        }
        if (commits && !events.isEmpty()) {
            consumer.commitSync();
        }
        return events;
    }

    /**
     * Polls until {@code enough} holds for the events read so far or {@code timeout} passes.
     *
     * @return every event read, whether or not {@code enough} was reached
     */
    public List<ChangeEvent> pollUntil(Predicate<List<ChangeEvent>> enough, Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!enough.test(events) && Instant.now().isBefore(deadline)) {
            events.addAll(poll(POLL));
        }
        return events;
    }

    /** Polls until {@code count} events were read or {@code timeout} passes; returns what was read. */
    public List<ChangeEvent> pollAtLeast(int count, Duration timeout) {
        return pollUntil(events -> events.size() >= count, timeout);
    }

    /**
     * Hands every event to {@code handler} until {@link #wakeup()} is called from another thread.
     */
    public void forEach(Consumer<ChangeEvent> handler) {
        try {
            while (true) {
                poll(POLL).forEach(handler);
            }
        } catch (WakeupException stopped) {
            // wakeup() is how another thread ends this loop
        }
    }

    /** Makes a blocked {@link #forEach} return. Safe to call from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** How many records could not be parsed as Debezium change events. */
    public long malformedCount() {
        return malformed.get();
    }

    /** The records that could not be parsed, each naming its topic, partition and offset. */
    public List<MalformedEventException> malformedRecords() {
        synchronized (malformedRecords) {
            return List.copyOf(malformedRecords);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
