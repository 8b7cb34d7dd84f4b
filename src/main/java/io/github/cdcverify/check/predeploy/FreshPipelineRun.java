package io.github.cdcverify.check.predeploy;

import io.github.cdcverify.check.CheckResult;
import io.github.cdcverify.check.CheckRunner;
import io.github.cdcverify.check.deployed.DeployedChecks;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectHttpException;
import io.github.cdcverify.connect.ConnectorConfigFile.Registration;
import io.github.cdcverify.connect.ConnectorConfigFile;
import io.github.cdcverify.generate.SchemaFiller;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.generate.Workload;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.SchemaFiles;
import io.github.cdcverify.setup.TableFilter;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.time.BoundedWait;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code cdc-verify verify --connector-config FILE --schema PATH}: the user's own connector configuration and schema
 * tested on a fresh pipeline before they are deployed. The schema is applied, every captured table gets seed rows
 * (so that the snapshot has work), the configuration is registered as written with only the endpoints replaced, a
 * mix of inserts, updates and deletes is written with a ledger per table while it runs, and then the checks of
 * {@code verify --connector} run (status, findings, data) plus, per table, the exact ledger comparison.
 *
 * <pre>{@code
 * List<CheckResult> results = FreshPipelineRun.of(ConnectorConfigFile.read(config), SchemaFiles.of(schema))
 *         .withRows(100).withOut(System.out).run(stack);
 * }</pre>
 */
public final class FreshPipelineRun {

    /** Seed rows per table when not told. */
    public static final int DEFAULT_ROWS = 100;
    /** Changes of the mix per table when not told. */
    public static final int DEFAULT_CHANGES = 100;
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectorConfigFile config;
    private final SchemaFiles schema;
    private int rows = DEFAULT_ROWS;
    private int changes = DEFAULT_CHANGES;
    private Duration settle = Duration.ofSeconds(30);
    private long seed = 1;
    private PrintStream out = System.out;
    private UnaryOperator<String> environment = System::getenv;
    private Workload workload;

    private FreshPipelineRun(ConnectorConfigFile config, SchemaFiles schema) {
        this.config = config;
        this.schema = schema;
    }

    public static FreshPipelineRun of(ConnectorConfigFile config, SchemaFiles schema) {
        return new FreshPipelineRun(config, schema);
    }

    /** Seed rows per captured table, written before the connector starts (default 100). */
    public FreshPipelineRun withRows(int rows) {
        this.rows = rows;
        return this;
    }

    /** Changes of the mix per captured table, written while the connector runs (default 100). */
    public FreshPipelineRun withChanges(int changes) {
        this.changes = changes;
        return this;
    }

    /** How long the topics may take to agree with the tables and ledgers (default 30 s). */
    public FreshPipelineRun withSettle(Duration settle) {
        this.settle = settle;
        return this;
    }

    /** The seed of the generated values (default 1): a run is repeatable. */
    public FreshPipelineRun withSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The user's own writes, run while the connector streams instead of the generated mix on every table they
     * change (the mix still goes to the others); each transaction is recorded in the ledger by its effect
     * ({@link Workload}). Default: none, the generated mix everywhere.
     */
    public FreshPipelineRun withWorkload(Workload workload) {
        this.workload = workload;
        return this;
    }

    public FreshPipelineRun withOut(PrintStream out) {
        this.out = out;
        return this;
    }

    /** How {@code ${env:NAME}} references are resolved (default {@link System#getenv(String)}). */
    public FreshPipelineRun withEnvironment(UnaryOperator<String> environment) {
        this.environment = environment;
        return this;
    }

    /**
     * Runs everything on {@code stack}, a fresh pipeline that is started and that the caller closes.
     *
     * @throws io.github.cdcverify.setup.SchemaException when a schema statement fails (file and line)
     * @throws IllegalArgumentException                  when the connector captures none of the schema's tables
     */
    public List<CheckResult> run(CdcStack stack) throws SQLException {
        long began = System.nanoTime();
        PostgresEndpoint postgres = stack.postgres();
        List<TableName> captured;
        try (Connection connection = postgres.open()) {
            schema.apply(connection);
            out.println("Schema applied: " + schema.files().size() + " file(s)");
            TableFilter filter = TableFilter.of(config.config());
            captured = new CaptureCatalog(connection).userTables().stream().filter(filter::captures).toList();
        }
        if (captured.isEmpty()) {
            throw new IllegalArgumentException("Connector " + config.name() + " captures none of the schema's "
                    + "tables (check its table.include.list / schema.include.list against the tables the schema "
                    + "creates), so there is nothing to test.");
        }
        SchemaFiller filler = SchemaFiller.of(postgres, captured, seed);
        filler.seed(rows);
        out.println("Seed rows, for the snapshot: " + String.join(", ", filler.rows().entrySet().stream()
                .map(table -> table.getKey().qualified() + " " + table.getValue()).toList()));
        filler.unfillable().forEach((table, reason) ->
                out.println("Could not fill " + table.qualified() + ": " + reason));
        Registration registration = config.forPipeline(postgres.connectorSettings(), environment);
        out.println(registration.describe());
        ConnectClient connect = new ConnectClient(stack.connectUrl());
        register(connect, registration);
        boolean running = awaitStreaming(stack, connect, registration);
        List<TableLedger> ledgers = running ? write(postgres, captured, filler) : List.of();
        DeployedChecks checks = DeployedChecks.forConnector(registration.name()).withSettle(settle);
        if (running) {
            checks.withLedgers(ledgers);
        }
        List<CheckResult> results = new CheckRunner(out).run(stack, checks.checks());
        out.printf("Fresh pipeline run took %.1f s%n", (System.nanoTime() - began) / 1e9);
        return results;
    }

    /**
     * The workload, when given, on the tables it changes, then the generated mix on the others; the ledgers of both,
     * in fill order.
     */
    private List<TableLedger> write(PostgresEndpoint postgres, List<TableName> captured, SchemaFiller filler)
            throws SQLException {
        Map<TableName, TableLedger> byWorkload = new LinkedHashMap<>();
        if (workload != null) {
            Workload.Result result = workload.run(postgres, captured, changes);
            result.ledgers().forEach(ledger -> byWorkload.put(ledger.table(), ledger));
            out.println("Workload " + workload.file().getFileName() + " ran " + result.rounds() + " time(s): "
                    + String.join(", ", result.ledgers().stream().map(ledger -> ledger.table().qualified() + " "
                    + ledger.ledger().size()).toList()) + " changes, with a ledger");
        }
        filler.mix(changes, byWorkload.keySet());
        List<TableLedger> ledgers = filler.ledgers().stream()
                .map(ledger -> byWorkload.getOrDefault(ledger.table(), ledger)).toList();
        List<String> mixed = ledgers.stream().filter(ledger -> ledger.problem().isEmpty()
                        && !byWorkload.containsKey(ledger.table()))
                .map(ledger -> ledger.table().qualified() + " " + ledger.ledger().size()).toList();
        if (!mixed.isEmpty()) {
            out.println("Mix written, with a ledger: " + String.join(", ", mixed) + " changes");
        }
        return ledgers;
    }

    /** Registers, again while a group of several workers is still forming (409, or 500 from a forward). */
    private static void register(ConnectClient connect, Registration registration) {
        ConnectHttpException[] refused = new ConnectHttpException[1];
        boolean registered = BoundedWait.upTo(REGISTER_TIMEOUT).every(Duration.ofSeconds(1)).until(() -> {
            try {
                connect.createOrUpdate(registration.name(), registration.config());
                return true;
            } catch (ConnectHttpException e) {
                if (e.statusCode() != 409 && e.statusCode() != 500) {
                    throw e;
                }
                refused[0] = e;
                return false;
            }
        });
        if (!registered) {
            throw refused[0];
        }
    }

    /**
     * Waits for the connector to run and its slot to be streaming, so that every change of the mix is one the
     * connector streams; {@code false} (the status check then says why) when it failed or never ran.
     */
    private boolean awaitStreaming(CdcStack stack, ConnectClient connect, Registration registration)
            throws SQLException {
        try {
            connect.awaitRunning(registration.name(), RUNNING_TIMEOUT);
        } catch (io.github.cdcverify.connect.ConnectException e) {
            out.println("Connector " + registration.name() + " did not run, so no changes were written: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return false;
        }
        String slot = registration.config().getOrDefault("slot.name", "debezium");
        boolean[] failed = new boolean[1];
        boolean streaming;
        try (Connection connection = stack.postgres().open()) {
            CaptureCatalog catalog = new CaptureCatalog(connection);
            streaming = BoundedWait.upTo(STREAMING_TIMEOUT).until(() -> {
                if (catalog.slot(slot).map(CaptureCatalog.SlotState::active).orElse(false)) {
                    return true;
                }
                failed[0] = connect.status(registration.name()).isFailed();
                return failed[0];
            });
        }
        if (failed[0]) {
            out.println("Connector " + registration.name() + " failed before streaming; no changes written");
            return false;
        }
        if (streaming) {
            return true;
        }
        out.println("Slot " + slot + " was not streaming within " + STREAMING_TIMEOUT.toSeconds() + " s; writing "
                + "the mix anyway");
        return true;
    }
}
