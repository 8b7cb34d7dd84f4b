package io.github.cdcverify.consume;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventParser;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads Debezium change events from Kafka topics and parses them: the parsed view of a {@link TopicReader}.
 *
 * <p>Records that are not valid JSON or not Debezium envelopes are reported (topic, partition, offset) and counted
 * in {@link #malformedCount()}; reading carries on after them. Not thread-safe, except {@link #wakeup()}.
 */
public final class ChangeEventConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    // A topic full of foreign records must not fill the heap of an hours-long read: the rest are only counted.
    private static final int MALFORMED_KEPT = 1_000;

    private final TopicReader<byte[]> reader;
    private final ChangeEventParser parser = new ChangeEventParser();
    private final AtomicLong malformed = new AtomicLong();
    private final List<MalformedEventException> malformedRecords = new ArrayList<>();

    private ChangeEventConsumer(TopicReader<byte[]> reader) {
        this.reader = reader;
    }

    /**
     * A consumer of every partition of {@code topics}, without a consumer group: nothing is committed or left on
     * the cluster, and every run sees the same records.
     *
     * @param kafka     Kafka as this process reaches it
     * @param startFrom {@link StartFrom#BEGINNING} to read what is already there, {@link StartFrom#NOW} for new
     *                  records only
     */
    public static ChangeEventConsumer create(KafkaEndpoint kafka, StartFrom startFrom, Collection<String> topics) {
        return over(TopicReader.of(kafka, topics).from(startFrom).open());
    }

    /**
     * A consumer in the named group that commits its offsets after every poll, so that a new consumer of the same
     * group resumes where this one stopped.
     */
    public static ChangeEventConsumer inGroup(KafkaEndpoint kafka, String groupId, StartFrom startFrom,
                                              Collection<String> topics) {
        return over(TopicReader.of(kafka, topics).from(startFrom).inGroup(groupId).open());
    }

    /** The parsed view of {@code reader}, which it then owns (and closes). */
    public static ChangeEventConsumer over(TopicReader<byte[]> reader) {
        return new ChangeEventConsumer(reader);
    }

    /**
     * One poll: the parsed events of the records that arrived within {@code timeout}, in partition order.
     * Malformed records are skipped and counted.
     */
    public List<ChangeEvent> poll(Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(timeout)) {
            try {
                events.add(parser.parse(record));
            } catch (MalformedEventException e) {
                malformed.incrementAndGet();
                synchronized (malformedRecords) {
                    if (malformedRecords.size() < MALFORMED_KEPT) {
                        malformedRecords.add(e);
                        log.warn("Skipped a record: {}", e.getMessage());
                    }
                }
            }
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
        reader.wakeup();
    }

    /** How many records could not be parsed as Debezium change events. */
    public long malformedCount() {
        return malformed.get();
    }

    /** The first 1,000 records that could not be parsed, each naming its topic, partition and offset. */
    public List<MalformedEventException> malformedRecords() {
        synchronized (malformedRecords) {
            return List.copyOf(malformedRecords);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
