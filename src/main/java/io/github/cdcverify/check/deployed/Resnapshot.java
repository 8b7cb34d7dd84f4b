package io.github.cdcverify.check.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A full re-read of a deployed connector's tables on request: Debezium's {@code execute-snapshot} signal (an
 * incremental snapshot) sent through the channel the connector has configured — its signal table
 * ({@code signal.data.collection}) or its Kafka signal topic ({@code signal.kafka.topic}) — then a bounded wait until
 * the snapshot's {@code op=r} events have covered each table. The signal is the only write; a signal row is deleted
 * again once the snapshot is done (the watermark rows Debezium itself writes to its signal table during any
 * incremental snapshot stay, unless the connector sets {@code incremental.snapshot.watermarking.strategy=
 * insert_delete}).
 */
final class Resnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final DeployedConnector deployed;
    private final String signalTable;
    private final String signalTopic;
    /** Signal tables' ids are VARCHAR(42) in Debezium's documentation: 5 + 32 characters fit. */
    private final String id = "cdcv-" + UUID.randomUUID().toString().replace("-", "");

    private Resnapshot(DeployedConnector deployed, String signalTable, String signalTopic) {
        this.deployed = deployed;
        this.signalTable = signalTable;
        this.signalTopic = signalTopic;
    }

    /**
     * @throws IllegalStateException when the connector has no signal channel, naming the settings to add
     */
    static Resnapshot of(DeployedConnector deployed) {
        Map<String, String> config = deployed.config();
        String channels = config.getOrDefault("signal.enabled.channels", "source").toLowerCase(Locale.ROOT);
        String table = config.get("signal.data.collection");
        String topic = config.get("signal.kafka.topic");
        if (channels.contains("kafka") && topic != null && !topic.isBlank()) {
            return new Resnapshot(deployed, null, topic.strip());
        }
        if (channels.contains("source") && table != null && !table.isBlank()) {
            return new Resnapshot(deployed, table.strip(), null);
        }
        throw new IllegalStateException("--resnapshot sends Debezium's execute-snapshot signal, but connector "
                + deployed.name() + " has no signal channel. Add signal.data.collection=SCHEMA.TABLE (a table with "
                + "columns id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048)) to its "
                + "configuration, or signal.enabled.channels=kafka with signal.kafka.topic and "
                + "signal.kafka.bootstrap.servers.");
    }

    /** E.g. {@code signal table public.debezium_signal}. */
    String channel() {
        return signalTable != null ? "signal table " + signalTable : "signal topic " + signalTopic;
    }

    /** Sends {@code execute-snapshot} for {@code tables}. */
    private void signal(Connection connection, KafkaEndpoint kafka, List<TableName> tables) throws SQLException {
        String collections = JSON.valueToTree(tables.stream().map(TableName::qualified).toList()).toString();
        String data = "{\"data-collections\": " + collections + ", \"type\": \"incremental\"}";
        if (signalTable != null) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + quoted(signalTable)
                    + " (id, type, data) VALUES (?, 'execute-snapshot', ?)")) {
                insert.setString(1, id);
                insert.setString(2, data);
                insert.executeUpdate();
            }
            return;
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)))) {
            producer.send(new ProducerRecord<>(signalTopic, deployed.topicPrefix(),
                    "{\"type\": \"execute-snapshot\", \"data\": " + data + "}")).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send the execute-snapshot signal to " + signalTopic + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending the execute-snapshot signal", e);
        }
    }

    /**
     * Signals a snapshot of {@code tables} and waits until each one's topic has re-read as many rows as the table
     * holds now; deletes the signal row afterwards, also when the wait fails.
     *
     * @param topics each table's topic
     * @param bound  how long each table's re-read may take
     */
    void run(Connection connection, KafkaEndpoint kafka, Map<TableName, String> topics, Map<TableName, Long> rows,
             Duration bound, Consumer<String> progress) throws SQLException {
        Map<TableName, Map<Integer, Long>> starts = new LinkedHashMap<>();
        topics.forEach((table, topic) -> starts.put(table, TopicReader.endOffsets(kafka, topic)));
        signal(connection, kafka, List.copyOf(topics.keySet()));
        try {
            for (Map.Entry<TableName, String> table : topics.entrySet()) {
                awaitCovered(kafka, table.getValue(), starts.get(table.getKey()), rows.get(table.getKey()), bound,
                        progress);
            }
        } finally {
            removeSignal(connection);
        }
    }

    /** Deletes the signal row it inserted, if any: nothing of ours stays in the user's signal table. */
    private void removeSignal(Connection connection) throws SQLException {
        if (signalTable != null) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + quoted(signalTable)
                    + " WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        }
    }

    /**
     * Waits until {@code topic} holds, after {@code startOffsets}, at least {@code rows} snapshot reads
     * ({@code op=r}), printing progress every 10 s.
     *
     * @throws IllegalStateException when that does not happen within {@code bound}, with how far it got
     */
    private static void awaitCovered(KafkaEndpoint kafka, String topic, Map<Integer, Long> startOffsets, long rows,
                             Duration bound, Consumer<String> progress) {
        long began = System.nanoTime();
        long lastProgress = began;
        long reads = 0;
        try (TopicReader<byte[]> reader = TopicReader.of(kafka, topic).fromOffsets(startOffsets).open()) {
            while (reads < rows) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                    if (isSnapshotRead(record.value())) {
                        reads++;
                    }
                }
                long now = System.nanoTime();
                if (now - began > bound.toNanos()) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "The re-snapshot of %s sent %,d of "
                            + "its %,d rows within %d s: the connector may still be reading (raise --settle, which "
                            + "bounds this wait), or it is not running.", topic, reads, rows, bound.toSeconds()));
                }
                if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
                    lastProgress = now;
                    progress.accept(String.format(Locale.ROOT, "re-snapshot of %s: %,d of %,d rows re-read", topic,
                            reads, rows));
                }
            }
        }
    }

    /** An envelope (with or without schema) whose op is {@code r}, or a flattened record with {@code __op=r}. */
    private static boolean isSnapshotRead(byte[] value) {
        if (value == null) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            JsonNode payload = node.has("payload") && node.has("schema") ? node.get("payload") : node;
            return "r".equals(payload.path("op").asText(null)) || "r".equals(payload.path("__op").asText(null));
        } catch (IOException notJson) {
            return false;
        }
    }

    /** {@code schema.table} as a quoted identifier pair. */
    private static String quoted(String qualified) {
        return TableName.parse(qualified).quoted();
    }
}
