package io.github.cdcverify.setup;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorStatus;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.connect.ValidationResult;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The tutorial's setup in one call: check PostgreSQL, create the users table with Alice, Bob and Charlie, register
 * the connector, wait until it runs and print its state. Running it again changes nothing that exists.
 */
public final class TutorialSetup {

    /** The tutorial's connector name. */
    public static final String CONNECTOR = "users-connector";
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

    private TableName table = TableName.USERS;
    private String connectorName = CONNECTOR;
    private String topicPrefix = DebeziumPostgresConfig.DEFAULT_TOPIC_PREFIX;
    private UnaryOperator<DebeziumPostgresConfig> customizer = UnaryOperator.identity();

    /** Default {@code public.users}. */
    public TutorialSetup withTable(TableName table) {
        this.table = table;
        return this;
    }

    /** Default {@code users-connector}. */
    public TutorialSetup withConnectorName(String connectorName) {
        this.connectorName = connectorName;
        return this;
    }

    /** Default {@code dbserver1}. */
    public TutorialSetup withTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
        return this;
    }

    /** Changes the connector configuration beyond the tutorial's, e.g. {@code c -> c.with("plugin.name", "x")}. */
    public TutorialSetup withConnectorConfig(UnaryOperator<DebeziumPostgresConfig> customizer) {
        this.customizer = customizer;
        return this;
    }

    /** The topic the table's changes go to, e.g. {@code dbserver1.public.users}. */
    public String topic() {
        return table.topic(topicPrefix);
    }

    /**
     * @return the connector's status once it and its task are RUNNING
     * @throws SetupException when PostgreSQL is not ready or the connector configuration is rejected
     * @throws io.github.cdcverify.connect.ConnectException when Connect is unreachable or the connector fails
     */
    public ConnectorStatus run(PostgresEndpoint postgres, ConnectClient connect, PrintStream out) {
        DebeziumPostgresConfig config = customizer.apply(ConnectorDatabase.of(
                        DebeziumPostgresConfig.forConnector(connectorName), postgres)
                .withTopicPrefix(topicPrefix)
                .withTables(table.qualified()));
        try (Connection connection = PostgresConnections.open(postgres)) {
            Preflight.check(connection);
            out.println("PostgreSQL at " + postgres.host() + ":" + postgres.port() + " is ready (wal_level=logical).");
            warnAboutInactiveSlots(connection, out);
            UsersTable users = new UsersTable(table);
            users.create(connection);
            int seeded = users.seedIfEmpty(connection);
            out.println("Table " + table + " is there" + (seeded > 0 ? "; inserted " + seeded + " rows." :
                    "; it already has rows, none added."));
            IncludeListCheck.requireMatch(connection, config.toMap().get("table.include.list"));
        } catch (SQLException e) {
            throw new SetupException("Could not create table " + table + ": " + e.getMessage(), e);
        }
        ValidationResult validation = connect.validate(DebeziumPostgresConfig.CONNECTOR_CLASS, config.toMap());
        if (!validation.isValid()) {
            throw new SetupException("Kafka Connect rejected the configuration of connector '" + connectorName
                    + "':" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ",
                    validation.errors()) + System.lineSeparator() + "Fix these settings and run setup again.");
        }
        connect.createOrUpdate(connectorName, config.toMap());
        out.println("Registered connector '" + connectorName + "' at " + connect.baseUrl() + " with "
                + config.masked());
        ConnectorStatus status = connect.awaitRunning(connectorName, RUNNING_TIMEOUT);
        out.println("Connector '" + connectorName + "': " + status.summary() + "; changes go to topic " + topic());
        return status;
    }

    private static void warnAboutInactiveSlots(Connection connection, PrintStream out) throws SQLException {
        ReplicationSlots.inactiveSlotWarnings(connection).forEach(out::println);
    }
}
