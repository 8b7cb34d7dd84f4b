package io.github.cdcverify.check.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds a table's topic from the events themselves, where the connector's naming cannot be evaluated: among candidate
 * topics, the one whose change events say, in their {@code source} block, that they come from that table.
 */
final class TopicDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough to find a topic's first events; a topic that has none within it is no candidate. */
    private static final Duration FIRST_EVENT = Duration.ofSeconds(5);

    private TopicDiscovery() {
    }

    /**
     * @param candidates existing topics that may hold the table's events
     * @return the only candidate whose first change event comes from {@code table}; empty when none or several do
     */
    static Optional<String> bySourceBlock(KafkaEndpoint kafka, Collection<String> candidates, TableName table) {
        List<String> matching = new ArrayList<>();
        for (String topic : candidates) {
            if (firstSource(kafka, topic).filter(table::equals).isPresent()) {
                matching.add(topic);
            }
        }
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** The table named by the {@code source} block of the topic's first change event that has one. */
    private static Optional<TableName> firstSource(KafkaEndpoint kafka, String topic) {
        try (TopicReader<byte[]> reader = TopicReader.of(kafka, topic).open()) {
            if (reader.endOffsets().equals(reader.beginningOffsets())) {
                return Optional.empty(); // nothing retained to read
            }
            long deadline = System.nanoTime() + FIRST_EVENT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Optional<TableName> source = source(record.value());
                    if (source.isPresent()) {
                        return source;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<TableName> source(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            JsonNode payload = node.has("payload") && node.has("schema") ? node.get("payload") : node;
            JsonNode source = payload.path("source");
            if (source.hasNonNull("schema") && source.hasNonNull("table")) {
                return Optional.of(new TableName(source.get("schema").asText(), source.get("table").asText()));
            }
        } catch (IOException notJson) {
            // not a change event
        }
        return Optional.empty();
    }
}
