package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.setup.TableName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code cdc-verify verify --connector NAME} runs on a connector the user deployed: its status, the
 * findings of its settings and catalog, and whether each captured table's topic equals the table. They only read:
 * nothing is written to the user's database or cluster, unless the opt-in probe is asked for ({@link #withProbe}).
 */
public final class DeployedChecks {

    private DeployedChecks() {
    }

    /**
     * @param tables the captured tables to look at ({@code --table}); empty for every captured table
     */
    public static List<Check> of(String connector, List<TableName> tables) {
        return of(connector, tables, TableDataCheck.DEFAULT_SETTLE);
    }

    /**
     * @param settle how long a table and its topic may take to agree before a difference is reported
     */
    public static List<Check> of(String connector, List<TableName> tables, Duration settle) {
        return List.of(new ConnectorStatusCheck(connector), new ConnectorFindingsCheck(connector, tables),
                new TableDataCheck(connector, tables, settle));
    }

    /**
     * The checks above, then the probe: it writes a generated mix of {@code changes} changes (and the deletes of
     * the rows it leaves) to {@code probeTable} and checks them as the connector delivers them. It writes rows to
     * that table only, and leaves it empty, as it must find it.
     *
     * @param settle also how long the probe's events may take to arrive after its last write
     */
    public static List<Check> withProbe(String connector, List<TableName> tables, Duration settle,
                                        TableName probeTable, int changes) {
        List<Check> checks = new ArrayList<>(of(connector, tables, settle));
        checks.add(new ProbeCheck(connector, probeTable, changes, settle));
        return List.copyOf(checks);
    }

    /** How many changes the probe writes when not told ({@code --changes}). */
    public static int defaultProbeChanges() {
        return ProbeCheck.DEFAULT_CHANGES;
    }
}
