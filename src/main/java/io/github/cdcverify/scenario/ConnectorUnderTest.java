package io.github.cdcverify.scenario;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorConfigFile.Registration;
import io.github.cdcverify.connect.ConnectorConfigFile;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.generate.SchemaFiller;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.generate.Workload;
import io.github.cdcverify.judge.RecordFormat;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.setup.ConnectorCleanup;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TopicRouting;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's own connector configuration, tested in their own JUnit test on the run's shared stack: their config
 * file registered as written on a database of its own, with their schema applied and seed rows in every captured
 * table, so that they can write through {@link #connection()} (their repository code) or have a generated mix
 * written ({@link #writeGeneratedChanges}) and check what arrived ({@link ConnectorUnderTestAssert}).
 *
 * <pre>{@code
 * try (ConnectorUnderTest connector = ConnectorUnderTest.fromFile(Path.of("connectors/shop.json"))
 *         .withSchema(Path.of("db/migration")).withRows(20).start(stack)) {
 *     connector.writeGeneratedChanges(30);
 *     ConnectorUnderTestAssert.assertThat(connector).streamsEveryTableExactly();
 * }
 * }</pre>
 *
 * <p>To share the stack with other tests it replaces, besides the endpoints ({@code database.hostname/port/dbname/
 * user/password/sslmode}), the connector's name, {@code slot.name} (slots are server-wide) and {@code topic.prefix}
 * (topics are cluster-wide) by {@code cdcv_cut_<name>_<random>}, which also names its database;
 * {@link #replacedSettings()} lists them. Transforms that rename topics are applied as written, on the new prefix
 * ({@link #topic} follows them).
 * {@link #close()} removes all of it, also after a failed test, and throws when something could not be removed.
 */
public final class ConnectorUnderTest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorUnderTest.class);
    /** Debezium's {@code publication.name} when the config sets none. */
    private static final String DEFAULT_PUBLICATION = "dbz_publication";

    private final CdcStack stack;
    private final String name;
    private final String configName;
    private final PostgresEndpoint database;
    private boolean databaseCreated;
    private Connection connection;
    private Map<String, String> registered = Map.of();
    private List<String> replaced = List.of();
    private List<TableName> tables = List.of();
    private SchemaFiller filler;
    private final Map<TableName, TableLedger> workloadLedgers = new LinkedHashMap<>();

    ConnectorUnderTest(CdcStack stack, String name, String configName) {
        this.stack = stack;
        this.name = name;
        this.configName = configName;
        this.database = stack.postgres().withDatabase(name);
    }

    /** Starts configuring the connector of {@code config}: the JSON you PUT or POST to Connect. */
    public static ConnectorUnderTestBuilder fromFile(Path config) {
        return new ConnectorUnderTestBuilder(ConnectorConfigFile.read(config));
    }

    /** The connector's name on the stack, {@code cdcv_cut_...}; also its slot, topic prefix and database. */
    public String name() {
        return name;
    }

    /** The connector's name in the config file. */
    public String configName() {
        return configName;
    }

    /**
     * Every setting of the file replaced or added to run it here, in order: the endpoints the file had or lacked,
     * then {@code slot.name} and {@code topic.prefix}; the connector's name is replaced as well.
     */
    public List<String> replacedSettings() {
        return replaced;
    }

    /** An open connection to this connector's own database (auto-commit on), closed with it. */
    public Connection connection() {
        return connection;
    }

    /** This connector's own database, to open more connections (e.g. a DataSource for your repository code). */
    public PostgresEndpoint database() {
        return database;
    }

    /** The schema's tables the connector captures (its include and exclude lists applied). */
    public List<TableName> tables() {
        return tables;
    }

    /**
     * The topic of {@code table}'s events, named as the data check of {@code verify --connector} names it
     * ({@link TopicRouting}): {@code topic.prefix}, schema and table joined by {@code topic.delimiter}, then the
     * config's {@code RegexRouter} and {@code ByLogicalTableRouter} transforms applied (on this connector's own
     * prefix). A transform it cannot evaluate (your own router) is taken to keep the name.
     */
    public String topic(TableName table) {
        TopicRouting.Resolution resolution = new TopicRouting(registered, Map.of()).topicOf(table);
        return resolution.topic().orElse(resolution.guess());
    }

    /** A consumer of {@code table}'s topic; the caller closes it. */
    public ChangeEventConsumer consumer(TableName table, StartFrom startFrom) {
        return ChangeEventConsumer.create(stack.kafka(), startFrom, List.of(topic(table)));
    }

    /**
     * Writes about {@code perTable} generated inserts, updates and deletes into every captured table (foreign keys,
     * constraints and defaults honoured) but those a {@link #writeWorkload workload} changed, recording each committed
     * change in the table's ledger; may be called again, the ledgers grow.
     */
    public void writeGeneratedChanges(int perTable) throws SQLException {
        filler.mix(perTable, workloadLedgers.keySet());
    }

    /**
     * Runs the statements of {@code file} again and again until they made {@code changes} changes, each transaction
     * recorded in the ledger of the tables it changed by its effect read back from them ({@link Workload}: for tables
     * the generator cannot fill, or your own realistic mix). Call it once per connector: a second call starts new
     * ledgers for the tables it changes.
     *
     * @return the changes it made
     * @throws IllegalArgumentException when the file cannot be read or holds no statement
     * @throws io.github.cdcverify.generate.WorkloadException when PostgreSQL refuses a statement (file and line)
     */
    public int writeWorkload(Path file, int changes) throws SQLException {
        Workload.Result result = Workload.read(file).run(database, tables, changes);
        result.ledgers().forEach(ledger -> workloadLedgers.put(ledger.table(), ledger));
        return result.changes();
    }

    /** Each captured table's ledger, of the workload where it changed the table, else of the generated changes. */
    public List<TableLedger> ledgers() {
        return filler.ledgers().stream().map(ledger -> workloadLedgers.getOrDefault(ledger.table(), ledger))
                .toList();
    }

    /** Tables the generator could not write to, each with the reason (a constraint, a type, no primary key). */
    public Map<TableName, String> unfillable() {
        return filler.unfillable();
    }

    public CdcStack stack() {
        return stack;
    }

    /** What the connector's records show of a change (envelopes or flattened row images, tombstones). */
    RecordFormat recordFormat() {
        return RecordFormat.of(registered);
    }

    /** Whether {@code table} has REPLICA IDENTITY DEFAULT: a delete then carries only the key. */
    boolean keyOnlyDeletes(TableName table) throws SQLException {
        return new CaptureCatalog(connection).replicaIdentity(table) == 'd';
    }

    void createDatabase() throws SQLException {
        try (Connection server = PostgresConnections.open(stack.postgres());
             Statement create = server.createStatement()) {
            create.execute("CREATE DATABASE \"" + name + "\"");
        }
        databaseCreated = true;
        connection = PostgresConnections.open(database);
    }

    void captured(List<TableName> capturedTables, SchemaFiller schemaFiller) {
        this.tables = List.copyOf(capturedTables);
        this.filler = schemaFiller;
    }

    /**
     * The file's settings with the endpoints replaced by this database's, and the connector's own slot and topic
     * prefix; what was replaced is kept for {@link #replacedSettings()}.
     */
    Registration registration(ConnectorConfigFile config) {
        Registration asWritten = config.forPipeline(database.connectorSettings(), System::getenv);
        Map<String, String> settings = new LinkedHashMap<>(asWritten.config());
        settings.put("slot.name", name);
        settings.put("topic.prefix", name);
        List<String> all = new ArrayList<>(asWritten.replaced());
        all.addAll(asWritten.added());
        all.addAll(List.of("slot.name", "topic.prefix"));
        this.replaced = List.copyOf(all);
        this.registered = Map.copyOf(settings);
        return new Registration(name, settings, asWritten.replaced(), asWritten.added(), asWritten.resolved());
    }

    /**
     * Deletes the connector and its offsets, waits until its task released the slot, drops the slot and the
     * publication, deletes its topics, then drops its database (ending any connection still open to it).
     *
     * @throws CleanupException naming everything that could not be removed and why
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        if (databaseCreated) {
            try {
                ConnectorCleanup.of(stack, name).withTopicPrefix(name).withOffsetsRemoved().inDatabase(name)
                        .withSlotAndPublication(name, registered.getOrDefault("publication.name",
                                DEFAULT_PUBLICATION)).run();
            } catch (CleanupException e) {
                failures.addAll(e.failures());
            }
            deleteRoutedTopics(failures);
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.debug("Closing the connection to {}: {}", name, e.getMessage());
        }
        if (databaseCreated) {
            try (Connection server = PostgresConnections.open(stack.postgres());
                 Statement drop = server.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } catch (SQLException | RuntimeException e) {
                failures.add("database " + name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            CleanupException failure = new CleanupException("connector under test " + name, failures);
            log.warn(failure.getMessage());
            throw failure;
        }
    }

    /** Topics a routing transform named outside {@code name.*}, which the clean-up by prefix does not see. */
    private void deleteRoutedTopics(List<String> failures) {
        List<String> routed = tables.stream().map(this::topic).filter(topic -> !topic.startsWith(name + "."))
                .distinct().toList();
        if (routed.isEmpty()) {
            return;
        }
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            topics.delete(routed.stream().filter(topics::exists).toList());
        } catch (RuntimeException e) {
            failures.add("topics " + routed + ": " + e.getMessage());
        }
    }

    /** Never shows a setting's value. */
    @Override
    public String toString() {
        return "connector " + configName + " (as " + name + ")";
    }
}
