package io.github.cdcverify.consume;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads topics from their beginning as JSON trees (schema and payload), for scenarios that need what a
 * {@link io.github.cdcverify.event.ChangeEvent} does not keep: the JSON view of a {@link TopicReader}.
 */
public final class RawTopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final TopicReader<byte[]> reader;

    private RawTopicReader(TopicReader<byte[]> reader) {
        this.reader = reader;
    }

    /** A reader of every partition of {@code topics} from their first offset; the caller closes it. */
    public static RawTopicReader fromBeginning(KafkaEndpoint kafka, String... topics) {
        return new RawTopicReader(TopicReader.of(kafka, topics).open());
    }

    /** Polls until {@code enough} holds for the records read so far or {@code timeout} passes; returns them all. */
    public List<RawRecord> pollUntil(Predicate<List<RawRecord>> enough, Duration timeout) {
        List<RawRecord> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!enough.test(records) && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                records.add(RawRecord.of(record));
            }
        }
        return records;
    }

    /** Polls until {@code count} records were read or {@code timeout} passes. */
    public List<RawRecord> pollAtLeast(int count, Duration timeout) {
        return pollUntil(records -> records.size() >= count, timeout);
    }

    /** Parses a JSON literal the way records are parsed, for exact comparisons with a record's nodes. */
    public static JsonNode parse(String json) {
        return RawRecord.json(json);
    }

    @Override
    public void close() {
        reader.close();
    }
}
