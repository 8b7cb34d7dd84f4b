package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.setup.TableName;

import java.time.Duration;
import java.util.List;

/**
 * The checks {@code cdc-verify verify --connector NAME} runs on a connector the user deployed: its status, the
 * findings of its settings and catalog, and whether each captured table's topic equals the table. They only read: nothing is written to the user's database or cluster.
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
}
