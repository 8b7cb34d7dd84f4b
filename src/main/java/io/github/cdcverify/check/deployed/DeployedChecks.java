package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.setup.TableName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks {@code cdc-verify verify --connector NAME} runs on a connector the user deployed: its status, the
 * findings of its settings and catalog, and whether each captured table's topic equals the table. They only read:
 * nothing is written to the user's database or cluster, unless the opt-in probe is asked for ({@link #withProbe}).
 *
 * <pre>{@code
 * List<Check> checks = DeployedChecks.forConnector("orders-connector")
 *         .accepting(Set.of("column.exclude.list")).withSettle(Duration.ofSeconds(10)).checks();
 * }</pre>
 */
public final class DeployedChecks {

    private final String connector;
    private List<TableName> tables = List.of();
    private Duration settle = TableDataCheck.DEFAULT_SETTLE;
    private Set<String> accepted = Set.of();
    private double minCoverage;
    private Map<TableName, String> topics = Map.of();
    private boolean resnapshot;
    private TableName probeTable;
    private int probeChanges = ProbeCheck.DEFAULT_CHANGES;
    private List<TableLedger> ledgers = List.of();

    private DeployedChecks(String connector) {
        this.connector = connector;
    }

    /** The checks of the deployed connector {@code connector}, on every table it captures. */
    public static DeployedChecks forConnector(String connector) {
        return new DeployedChecks(connector);
    }

    /** Only these captured tables ({@code --table}); empty (the default) for every captured table. */
    public DeployedChecks withTables(List<TableName> tables) {
        this.tables = List.copyOf(tables);
        return this;
    }

    /** How long a table and its topic may take to agree before a difference is reported (default 30 s). */
    public DeployedChecks withSettle(Duration settle) {
        this.settle = settle;
        return this;
    }

    /**
     * Findings the user accepts by name ({@code --accept}, e.g. {@code column.exclude.list}): shown as ACCEPTED, not
     * failing, and what they explain (columns left out) is not reported by the data check either.
     */
    public DeployedChecks accepting(Set<String> names) {
        this.accepted = Set.copyOf(names);
        return this;
    }

    /**
     * The share of each table's rows, in percent, that must be verifiable from its topic (default 0): where retention
     * deleted a topic's earliest events, rows not changed since cannot be compared, and fewer than this fails the
     * data check.
     */
    public DeployedChecks withMinCoverage(double percent) {
        this.minCoverage = percent;
        return this;
    }

    /**
     * The topic of each table named here ({@code --topic TABLE=TOPIC}), for connectors whose topic names cdc-verify
     * cannot derive (a custom routing transform, a naming strategy of their own).
     */
    public DeployedChecks withTopics(Map<TableName, String> topicByTable) {
        this.topics = Map.copyOf(topicByTable);
        return this;
    }

    /**
     * Has the connector re-read every captured table first (Debezium's {@code execute-snapshot} signal through its
     * signal table or topic), so that every row is compared even where retention deleted the topics' history. The
     * signal is the only write; consumers of the topics see {@code op=r} events for every row.
     */
    public DeployedChecks withResnapshot(boolean resnapshot) {
        this.resnapshot = resnapshot;
        return this;
    }

    /**
     * Adds the probe: it writes a generated mix of {@code changes} changes (and the deletes of the rows it leaves)
     * to {@code probeTable} and checks them as the connector delivers them, within the settle time after its last
     * write. It writes rows to that table only, and leaves it empty, as it must find it.
     */
    public DeployedChecks withProbe(TableName probeTable, int changes) {
        this.probeTable = probeTable;
        this.probeChanges = changes;
        return this;
    }

    /**
     * Adds, per table, the exact comparison of the changes a fresh pipeline's mix wrote ({@code verify
     * --connector-config}) with what the connector delivered: a check named {@code changes SCHEMA.TABLE} each.
     */
    public DeployedChecks withLedgers(List<TableLedger> ledgers) {
        this.ledgers = List.copyOf(ledgers);
        return this;
    }

    /**
     * The checks, in the order they run: status, findings, the ledgers when given (they wait until every written
     * change arrived, so that the data check after them finds the topics complete, not still being created by the
     * snapshot), data, then the probe when asked for.
     */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>(List.of(new ConnectorStatusCheck(connector),
                new ConnectorFindingsCheck(connector, tables, accepted)));
        ledgers.forEach(ledger -> checks.add(new LedgerCheck(connector, ledger, settle)));
        checks.add(new TableDataCheck(connector, tables, settle, accepted, minCoverage, topics, resnapshot));
        if (probeTable != null) {
            checks.add(new ProbeCheck(connector, probeTable, probeChanges, settle));
        }
        return List.copyOf(checks);
    }

    /** How many changes the probe writes when not told ({@code --changes}). */
    public static int defaultProbeChanges() {
        return ProbeCheck.DEFAULT_CHANGES;
    }
}
