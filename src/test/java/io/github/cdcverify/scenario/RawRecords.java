package io.github.cdcverify.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventParser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Reads Kafka records as they are, headers and converter schemas included, for scenarios that check what a
 * {@link ChangeEvent} does not carry: headers, the value schema, the transaction topic, the message block.
 */
final class RawRecords implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ChangeEventParser PARSER = new ChangeEventParser();

    private final KafkaConsumer<byte[], byte[]> consumer;

    /** Reads {@code topics} from their beginning. */
    RawRecords(String bootstrapServers, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cdc-verify-raw-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Polls until {@code count} records were read or {@code timeout} passed; returns every record read. */
    List<ConsumerRecord<byte[], byte[]>> pollAtLeast(int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }

    /** The record parsed as a change event. */
    static ChangeEvent event(ConsumerRecord<byte[], byte[]> record) {
        return PARSER.parse(record);
    }

    /** The value's {@code payload} (JsonConverter with schemas enabled). */
    static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        return read(record.value()).path("payload");
    }

    /** The value's {@code schema}. */
    static JsonNode schema(ConsumerRecord<byte[], byte[]> record) {
        return read(record.value()).path("schema");
    }

    /** The key's {@code payload}. */
    static JsonNode keyPayload(ConsumerRecord<byte[], byte[]> record) {
        return read(record.key()).path("payload");
    }

    /** The last header of that name as UTF-8 text, {@code null} when there is none. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static JsonNode read(byte[] json) {
        try {
            return json == null ? MAPPER.nullNode() : MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
