package io.github.cdcverify.setup;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.KafkaTopics;
import io.github.cdcverify.stack.CdcStack;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a connector and everything it made on the pipeline: the connector, then (once its task released it) its
 * replication slot, its publication, the tables named, and every topic under its topic prefix, including heartbeat
 * topics. Each step is tried whatever the others did; whatever could not be removed is reported, not only logged.
 *
 * <p>Defaults follow {@link DebeziumPostgresConfig}: slot {@code sanitize(name)}, publication
 * {@code sanitize(name)_pub}, topic prefix the connector name.
 */
public final class ConnectorCleanup {

    private static final Duration SLOT_RELEASE_TIMEOUT = Duration.ofSeconds(30);

    private final CdcStack stack;
    private final String connector;
    private String slot;
    private String publication;
    private String topicPrefix;
    private final List<TableName> tables = new ArrayList<>();

    private ConnectorCleanup(CdcStack stack, String connector) {
        this.stack = stack;
        this.connector = connector;
        this.slot = DebeziumPostgresConfig.sanitize(connector);
        this.publication = slot + "_pub";
        this.topicPrefix = connector;
    }

    /** The clean-up of {@code connector} on {@code stack}, with the default names. */
    public static ConnectorCleanup of(CdcStack stack, String connector) {
        return new ConnectorCleanup(stack, connector);
    }

    /** The connector's {@code slot.name} and {@code publication.name}. */
    public ConnectorCleanup withSlotAndPublication(String slotName, String publicationName) {
        this.slot = slotName;
        this.publication = publicationName;
        return this;
    }

    /** The connector's {@code topic.prefix}: topics {@code prefix.*} and {@code __debezium-heartbeat.prefix}. */
    public ConnectorCleanup withTopicPrefix(String prefix) {
        this.topicPrefix = prefix;
        return this;
    }

    /** Tables to drop as well. */
    public ConnectorCleanup withTables(List<TableName> names) {
        tables.addAll(names);
        return this;
    }

    /**
     * Removes everything.
     *
     * @throws CleanupException naming what is still there and why
     */
    public void run() {
        List<String> failures = new ArrayList<>();
        try {
            new ConnectClient(stack.connectUrl()).delete(connector);
        } catch (RuntimeException e) {
            failures.add("connector " + connector + ": " + e.getMessage());
        }
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            ReplicationSlots.dropWhenReleased(connection, slot, SLOT_RELEASE_TIMEOUT);
            ReplicationSlots.dropPublication(connection, publication);
            for (TableName table : tables) {
                new UsersTable(table).drop(connection);
            }
        } catch (SQLException | RuntimeException e) {
            failures.add("slot " + slot + ", publication " + publication + " or tables " + tables + ": "
                    + e.getMessage());
        }
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            List<String> names = new ArrayList<>(topics.startingWith(topicPrefix + "."));
            names.addAll(topics.startingWith("__debezium-heartbeat." + topicPrefix));
            topics.delete(names);
        } catch (RuntimeException e) {
            failures.add("topics " + topicPrefix + ".*: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new CleanupException(connector, failures);
        }
    }
}
