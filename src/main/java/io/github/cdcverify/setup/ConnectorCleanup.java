package io.github.cdcverify.setup;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectException;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a connector and everything it made on the pipeline: the connector, then (once its task released it) its
 * replication slot, its publication, the tables named, and every topic under its topic prefix, including heartbeat
 * topics. Each step is tried whatever the others did; whatever could not be removed is reported, not only logged.
 * A Connect request that fails as during a rebalance (HTTP 5xx or 409, no answer in time) is repeated for up to
 * {@link RebalanceRetry#DEFAULT_BOUND}: right after a crash, a group on Connect's default
 * {@code scheduled.rebalance.max.delay.ms} answered {@code PUT .../stop} with
 * {@code HTTP 500 ... Idle timeout expired} and the same request passed once the group had settled.
 *
 * <p>Defaults follow {@link DebeziumPostgresConfig}: slot {@code sanitize(name)}, publication
 * {@code sanitize(name)_pub}, topic prefix the connector name.
 */
public final class ConnectorCleanup {

    private static final Duration SLOT_RELEASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Connect answers most requests only when its herder thread is free: right after a worker rejoined and a broker
     * came back (CI, containers, 3 brokers / 2 workers) one took longer than the usual 10 s, and the clean-up gave up.
     * A worker that does not listen still fails at once; Connect's own REST timeout is 90 s.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final CdcStack stack;
    private final String connector;
    private String slot;
    private String publication;
    private String topicPrefix;
    private String database;
    private final List<TableName> tables = new ArrayList<>();
    private boolean offsets;
    private RebalanceRetry retry = RebalanceRetry.standard();

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

    /**
     * Also removes the connector's source offsets from the workers' offsets topic: the connector is stopped first
     * (which also releases its slot), its offsets deleted, then the connector. Costs about a second; what a check
     * on a user's pipeline does, so that it leaves no trace there.
     */
    public ConnectorCleanup withOffsetsRemoved() {
        this.offsets = true;
        return this;
    }

    /**
     * The database the connector reads, where its publication (and the tables named) are: publications belong to a
     * database, slots to the whole server. Default: the stack's own database.
     */
    public ConnectorCleanup inDatabase(String databaseName) {
        this.database = databaseName;
        return this;
    }

    /** Tables to drop as well. */
    public ConnectorCleanup withTables(List<TableName> names) {
        tables.addAll(names);
        return this;
    }

    /** How Connect requests are repeated while the group rebalances (tests use a fake clock). */
    ConnectorCleanup withRetry(RebalanceRetry rebalanceRetry) {
        this.retry = rebalanceRetry;
        return this;
    }

    private void removeOffsets(ConnectClient connect) {
        if (!connect.exists(connector)) {
            return;
        }
        connect.stop(connector);
        if (!BoundedWait.upTo(STOP_TIMEOUT).every(Duration.ofMillis(50))
                .until(() -> "STOPPED".equals(connect.status(connector).state()))) {
            throw new ConnectException("connector " + connector + " was not STOPPED within "
                    + Durations.readable(STOP_TIMEOUT) + ", so its offsets could not be removed");
        }
        connect.deleteOffsets(connector);
    }

    /**
     * Removes everything.
     *
     * @throws CleanupException naming what is still there and why
     */
    public void run() {
        List<String> failures = new ArrayList<>();
        ConnectClient connect = new ConnectClient(stack.connectUrl(), REQUEST_TIMEOUT);
        if (offsets) {
            try {
                retry.run("removing the offsets of connector " + connector, () -> removeOffsets(connect));
            } catch (RuntimeException e) {
                failures.add("offsets of connector " + connector + " in the workers' offsets topic: "
                        + e.getMessage());
            }
        }
        try {
            retry.run("deleting connector " + connector, () -> connect.delete(connector));
        } catch (RuntimeException e) {
            failures.add("connector " + connector + ": " + e.getMessage());
        }
        try (Connection connection = PostgresConnections.open(database == null ? stack.postgres()
                : stack.postgres().withDatabase(database))) {
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
