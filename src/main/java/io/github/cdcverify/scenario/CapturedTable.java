package io.github.cdcverify.scenario;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.setup.ConnectorCleanup;
import io.github.cdcverify.setup.ConnectorDatabase;
import io.github.cdcverify.setup.ConnectorTopicWait;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.setup.SetupException;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TopicNotCreatedException;
import io.github.cdcverify.setup.UsersTable.ReplicaIdentity;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A users-shaped table captured by a connector of its own, with its own topic prefix, replication slot and
 * publication, so that scenarios never see each other's events. {@link #close()} removes all of it, slot and topics
 * included, also after a failed scenario, and throws when something could not be removed.
 *
 * <p>Names are {@code cdcv_<label>_<random>}: the table is {@code public.<name>}, the connector, topic prefix and
 * slot are {@code <name>}, the publication {@code <name>_pub}, the topic {@code <name>.public.<name>}.
 */
public final class CapturedTable implements AutoCloseable {

    /** Every object a captured table creates starts with this, so leftovers can be found. */
    public static final String NAME_PREFIX = "cdcv_";

    private static final Logger log = LoggerFactory.getLogger(CapturedTable.class);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
    /** How long after its first change a table's topic may take to appear: Connect creates it in milliseconds. */
    public static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(10);

    private final CdcStack stack;
    private final String name;
    private final TableName table;
    private final ConnectClient connect;
    private final Connection connection;
    private DebeziumPostgresConfig config;
    private boolean removeOffsets;

    private CapturedTable(CdcStack stack, String name) {
        this.stack = stack;
        this.name = name;
        this.table = new TableName("public", name);
        this.connect = new ConnectClient(stack.connectUrl());
        this.connection = PostgresConnections.open(stack.postgres());
    }

    /** Starts building a captured table on {@code stack}; {@code label} makes its names readable. */
    public static Builder on(CdcStack stack, String label) {
        return new Builder(stack, label);
    }

    public TableName table() {
        return table;
    }

    public String connectorName() {
        return name;
    }

    public String topicPrefix() {
        return name;
    }

    /** The topic of this table's change events. */
    public String topic() {
        return table.topic(topicPrefix());
    }

    public String slotName() {
        return config.toMap().get("slot.name");
    }

    public String publicationName() {
        return config.toMap().get("publication.name");
    }

    /** An open connection to the database (auto-commit on), closed with this table. */
    public Connection connection() {
        return connection;
    }

    /**
     * A further table of this scenario, {@code public.<name>_<suffix>}; dropped with this one. Create it in a
     * {@link Builder#beforeConnector} action and include it with {@link Builder#withConnectorConfig}.
     */
    public TableName table(String suffix) {
        return new TableName("public", name + "_" + suffix);
    }

    /** The topic of {@code other}'s change events under this connector's prefix. */
    public String topic(TableName other) {
        return other.topic(topicPrefix());
    }

    /** A consumer of this table's topic; the caller closes it. */
    public ChangeEventConsumer consumer(StartFrom startFrom) {
        return consumer(startFrom, topic());
    }

    /** A consumer of the given topics (e.g. {@code <prefix>.transaction}); the caller closes it. */
    public ChangeEventConsumer consumer(StartFrom startFrom, String... topics) {
        return ChangeEventConsumer.create(stack.kafka(), startFrom, List.of(topics));
    }

    /** The stack this table lives on. */
    public CdcStack stack() {
        return stack;
    }

    public ConnectClient connect() {
        return connect;
    }

    /** Returns once the connector streams: task RUNNING and its slot held, so that tear-down never races start-up. */
    private void register(DebeziumPostgresConfig configuration) throws SQLException {
        this.config = configuration;
        connect.createOrUpdate(name, configuration.toMap());
        connect.awaitRunning(name, RUNNING_TIMEOUT);
        ReplicationSlots.awaitActive(connection, slotName(), RUNNING_TIMEOUT);
    }

    /**
     * Waits until this table's topic exists; call it once a change has been written (or the snapshot has rows).
     * Where brokers do not create topics by themselves, only Connect can, and a cluster that allows neither would
     * otherwise look like "no events arrived" after a long wait.
     *
     * @throws TopicNotCreatedException within {@link #TOPIC_TIMEOUT}, with the cluster's settings and the fix
     */
    public void awaitTopic() {
        ConnectorTopicWait.await(stack.kafka(), topic(), connect, name, TOPIC_TIMEOUT);
    }

    /**
     * Deletes the connector, waits until its task has released the slot, then drops the slot, the publication,
     * the tables and the topics of this scenario (see {@link ConnectorCleanup}).
     *
     * @throws CleanupException naming everything that could not be removed and why
     */
    @Override
    public void close() {
        ConnectorCleanup cleanup = ConnectorCleanup.of(stack, name).withTopicPrefix(topicPrefix());
        if (removeOffsets) {
            cleanup.withOffsetsRemoved();
        }
        if (config != null) {
            cleanup.withSlotAndPublication(slotName(), publicationName());
        }
        try (Connection usable = usableConnection()) {
            cleanup.withTables(tablesOfThisScenario(usable));
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not list the tables of {}: {}", name, e.getMessage());
        }
        try {
            cleanup.run();
        } catch (CleanupException e) {
            log.warn(e.getMessage());
            throw e;
        }
    }

    /** The scenario's connection, or a new one when a PostgreSQL restart broke it: the slot must go either way. */
    private Connection usableConnection() throws SQLException {
        if (connection.isValid(2)) {
            return connection;
        }
        connection.close();
        return PostgresConnections.open(stack.postgres());
    }

    private List<TableName> tablesOfThisScenario(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename = ? OR tablename LIKE ?)")) {
            query.setString(1, name);
            query.setString(2, name.replace("_", "\\_") + "\\_%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(new TableName("public", rows.getString(1)));
                }
            }
        }
        return tables;
    }

    /** SQL run on the scenario's connection before the connector is registered. */
    @FunctionalInterface
    public interface SqlAction {
        void run(Connection connection, CapturedTable captured) throws SQLException;
    }

    /** Configures a {@link CapturedTable}; {@link #start()} creates it. */
    public static final class Builder {
        private final CdcStack stack;
        private final String label;
        private ReplicaIdentity replicaIdentity = ReplicaIdentity.DEFAULT;
        private boolean seeded;
        private boolean singlePartition;
        private boolean removeOffsets;
        private UnaryOperator<DebeziumPostgresConfig> customizer = UnaryOperator.identity();
        private String columns;
        private final List<SqlAction> beforeConnector = new ArrayList<>();

        private Builder(CdcStack stack, String label) {
            this.stack = stack;
            this.label = label;
        }

        /** What Debezium sees of old rows; default {@code DEFAULT}. */
        public Builder withReplicaIdentity(ReplicaIdentity identity) {
            this.replicaIdentity = identity;
            return this;
        }

        /**
         * Creates the table with these columns instead of the users shape, e.g.
         * {@code "id INT PRIMARY KEY, doc TEXT"}. Seed rows need the users shape.
         */
        public Builder withColumns(String columnDefinitions) {
            this.columns = columnDefinitions;
            return this;
        }

        /** Runs {@code action} after the table exists and before the connector is registered (more tables, rows). */
        public Builder beforeConnector(SqlAction action) {
            this.beforeConnector.add(action);
            return this;
        }

        /**
         * Gives the table's topic one partition whatever the brokers' default, for scenarios that assert an order
         * across keys: Kafka keeps order only within a partition. Connect creates the topic with it, so it holds
         * where the topic does not exist yet (always, for a captured table's own topic).
         */
        public Builder withSinglePartition() {
            this.singlePartition = true;
            return this;
        }

        /**
         * On close, also removes the connector's source offsets from the workers' offsets topic (about a second
         * more): for checks on a user's pipeline, which must leave no trace there.
         */
        public Builder leavingNoOffsets() {
            this.removeOffsets = true;
            return this;
        }

        /** Inserts the tutorial's three rows before the connector starts, so they arrive as snapshot reads. */
        public Builder withSeedRows() {
            this.seeded = true;
            return this;
        }

        /** Changes the connector configuration beyond the defaults, e.g. {@code c -> c.with("snapshot.mode", "no_data")}. */
        public Builder withConnectorConfig(UnaryOperator<DebeziumPostgresConfig> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** Creates the table, registers the connector and waits until it and its task are RUNNING. */
        public CapturedTable start() {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            String name = NAME_PREFIX + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + suffix;
            CapturedTable captured = new CapturedTable(stack, name);
            captured.removeOffsets = removeOffsets;
            try {
                UsersTable users = new UsersTable(captured.table);
                if (columns == null) {
                    users.create(captured.connection);
                } else {
                    try (Statement create = captured.connection.createStatement()) {
                        create.execute("CREATE TABLE " + captured.table.quoted() + " (" + columns + ")");
                    }
                }
                users.setReplicaIdentity(captured.connection, replicaIdentity);
                if (seeded) {
                    users.seedIfEmpty(captured.connection);
                }
                for (SqlAction action : beforeConnector) {
                    action.run(captured.connection, captured);
                }
                DebeziumPostgresConfig config = ConnectorDatabase.of(DebeziumPostgresConfig.forConnector(name),
                                stack.postgres())
                        .withTopicPrefix(name)
                        .withTables(captured.table.qualified());
                if (singlePartition) {
                    config = config.with("topic.creation.default.partitions", "1");
                }
                captured.register(customizer.apply(config));
                return captured;
            } catch (SQLException | RuntimeException e) {
                captured.close();
                throw e instanceof SQLException ? new SetupException("Could not create table " + captured.table
                        + ": " + e.getMessage(), e) : (RuntimeException) e;
            }
        }
    }
}
