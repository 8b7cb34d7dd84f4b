package io.github.cdcverify.scenario;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorConfigFile.Registration;
import io.github.cdcverify.connect.ConnectorConfigFile;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.generate.SchemaFiller;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.CleanupException;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.setup.SchemaFiles;
import io.github.cdcverify.setup.SetupException;
import io.github.cdcverify.setup.TableFilter;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Configures a {@link ConnectorUnderTest}: {@link ConnectorUnderTest#fromFile}, then {@link #withSchema} (required),
 * then {@link #start(CdcStack)}. The {@code withX} methods only record a value; {@link #start} does the work.
 */
public final class ConnectorUnderTestBuilder {

    /** Seed rows per captured table when not told: enough for the snapshot to have work, few for a fast test. */
    public static final int DEFAULT_ROWS = 10;

    private static final Logger log = LoggerFactory.getLogger(ConnectorUnderTestBuilder.class);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final int LABEL_LENGTH = 20;

    private final ConnectorConfigFile config;
    private SchemaFiles schema;
    private int rows = DEFAULT_ROWS;
    private long seed = 1;
    private Path pluginPath;
    private String debeziumVersion;

    ConnectorUnderTestBuilder(ConnectorConfigFile config) {
        this.config = config;
    }

    /**
     * The schema the connector's tables are created from: one {@code .sql} file, or a folder of migrations applied
     * in Flyway's order ({@code V1__init.sql}, {@code V1_1__more.sql}, ..., then other {@code .sql} files by name).
     *
     * @throws IllegalArgumentException when the path does not exist or holds no {@code .sql} file
     */
    public ConnectorUnderTestBuilder withSchema(Path schemaFileOrFolder) {
        this.schema = SchemaFiles.of(schemaFileOrFolder);
        return this;
    }

    /** Generated rows inserted into every captured table before the connector starts, for its snapshot (default 10). */
    public ConnectorUnderTestBuilder withRows(int seedRows) {
        this.rows = seedRows;
        return this;
    }

    /** The seed of the generated values (default 1), so that a failing run can be repeated. */
    public ConnectorUnderTestBuilder withSeed(long valuesSeed) {
        this.seed = valuesSeed;
        return this;
    }

    /**
     * Requires the stack's Connect workers to have the plugins (SMTs, converters, predicates) of {@code directory}.
     * The run's stack is started once for every test, so it cannot take them for one test: {@link #start} fails,
     * saying so, unless the run was started with {@code -Dcdc.plugin-path=directory}.
     */
    public ConnectorUnderTestBuilder withPluginPath(Path directory) {
        this.pluginPath = directory;
        return this;
    }

    /**
     * Requires the stack to run the Debezium PostgreSQL connector of {@code version} (e.g. {@code 2.7.4.Final});
     * {@link #start} fails, saying so, unless the run was started with {@code -Dcdc.debezium-version=version}.
     */
    public ConnectorUnderTestBuilder withDebeziumVersion(String version) {
        this.debeziumVersion = version;
        return this;
    }

    /**
     * Creates a database of its own on {@code stack}'s PostgreSQL, applies the schema, seeds every captured table,
     * registers the configuration as written (see {@link ConnectorUnderTest#replacedSettings()}) and returns once
     * the connector and its task run and its slot streams. Whatever it created is removed when it fails.
     *
     * @throws IllegalStateException    when no schema was given, or the stack lacks the plugins or Debezium version
     * @throws IllegalArgumentException when the connector captures none of the schema's tables
     * @throws io.github.cdcverify.setup.SchemaException when a schema statement fails (file and line)
     * @throws io.github.cdcverify.connect.ConnectException when Connect refuses the config or it does not run
     */
    public ConnectorUnderTest start(CdcStack stack) {
        if (schema == null) {
            throw new IllegalStateException("No schema for connector " + config.name() + ": call withSchema(path) "
                    + "with your migrations folder or .sql file before start(stack), so that its tables exist.");
        }
        StackOffer.require(stack, pluginPath, debeziumVersion);
        String label = DebeziumPostgresConfig.sanitize(config.name());
        String name = CapturedTable.NAME_PREFIX + "cut_" + label.substring(0, Math.min(LABEL_LENGTH, label.length()))
                + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ConnectorUnderTest connector = new ConnectorUnderTest(stack, name, config.name());
        try {
            connector.createDatabase();
            schema.apply(connector.connection());
            TableFilter filter = TableFilter.of(config.config());
            List<TableName> captured = new CaptureCatalog(connector.connection()).userTables().stream()
                    .filter(filter::captures).toList();
            if (captured.isEmpty()) {
                throw new IllegalArgumentException("Connector " + config.name() + " captures none of the schema's "
                        + "tables (check its table.include.list / schema.include.list against the tables the schema "
                        + "creates), so there is nothing to test.");
            }
            SchemaFiller filler = SchemaFiller.of(connector.database(), captured, seed);
            filler.seed(rows);
            filler.unfillable().forEach((table, reason) ->
                    log.warn("Could not fill {}: {}", table.qualified(), reason));
            connector.captured(captured, filler);
            Registration registration = connector.registration(config);
            log.info("Registering connector {} as {} on database {}; replaced: {}", config.name(), name, name,
                    String.join(", ", connector.replacedSettings()));
            ConnectClient connect = new ConnectClient(stack.connectUrl());
            connect.createOrUpdate(name, registration.config());
            connect.awaitRunning(name, RUNNING_TIMEOUT);
            ReplicationSlots.awaitActive(connector.connection(), name, RUNNING_TIMEOUT);
            return connector;
        } catch (SQLException | RuntimeException e) {
            try {
                connector.close();
            } catch (CleanupException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof SQLException ? new SetupException("Could not start " + connector + ": "
                    + e.getMessage(), e) : (RuntimeException) e;
        }
    }
}
