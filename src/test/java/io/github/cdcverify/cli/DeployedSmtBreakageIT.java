package io.github.cdcverify.cli;

import io.github.cdcverify.cli.smt.ChangeEmailOfRowTwo;
import io.github.cdcverify.cli.smt.DropEveryTenthRecord;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.suite.Leftovers;
import io.github.cdcverify.suite.OwnStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --connector NAME} on connectors whose transform loses or changes records: the data check names the
 * rows. The transforms are test classes, which only a worker started from this JVM's class path can load (a Connect
 * container has none of them), so this class runs on the embedded stack {@link OwnStack} shares, on every
 * CI stage.
 */
@ExtendWith(OwnStack.class)
class DeployedSmtBreakageIT {

    private static EmbeddedStack embedded;

    @BeforeAll
    static void stackWithTestTransforms(EmbeddedStack stack) {
        embedded = stack;
    }

    @Test
    @DisplayName("an SMT that drops every tenth record: data fails naming the rows missing from the topic")
    void droppedRecordsAreRowsMissing() throws Exception {
        try (CapturedTable deployed = CapturedTable.on(embedded, "smt_drop").withSeedRows()
                .withConnectorConfig(c -> transform(c, DropEveryTenthRecord.class)).start()) {
            insertUsers(deployed, 27);

            CliRun run = verify(deployed);

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("PASSED  status\\s+1 tasks")
                    .containsPattern("FAILED  data\\s+30 rows")
                    .contains(deployed.table().qualified() + " (topic " + deployed.topic() + ", 30 rows, 27 events")
                    .contains("3 rows missing from the topic (in the table, not in the topic): {id=10}, {id=20}, "
                            + "{id=30}");
        }
        Leftovers.assertNoneStartingWith(embedded, CapturedTable.NAME_PREFIX + "smt_drop");
    }

    @Test
    @DisplayName("an SMT that changes a column: data fails with the key, the column, the table's and the topic's value")
    void changedValueDiffers() throws Exception {
        try (CapturedTable deployed = CapturedTable.on(embedded, "smt_change").withSeedRows()
                .withConnectorConfig(c -> transform(c, ChangeEmailOfRowTwo.class)).start()) {
            insertUsers(deployed, 1);

            CliRun run = verify(deployed);

            assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).containsPattern("FAILED  data\\s+4 rows")
                    .contains("1 row differs (column: table value / topic value): {id=2} (email: "
                            + "'bob@example.com' / '" + ChangeEmailOfRowTwo.CHANGED + "')")
                    .doesNotContain("missing from the topic");
        }
    }

    private static DebeziumPostgresConfig transform(DebeziumPostgresConfig config, Class<?> type) {
        return config.with("transforms", "broken").with("transforms.broken.type", type.getName());
    }

    private static void insertUsers(CapturedTable deployed, int count) throws Exception {
        try (Statement sql = deployed.connection().createStatement()) {
            sql.execute("INSERT INTO " + deployed.table().quoted() + " (name, email) SELECT 'user' || n, 'user' || n "
                    + "|| '@example.com' FROM generate_series(1, " + count + ") n");
        }
        deployed.awaitTopic();
    }

    private static CliRun verify(CapturedTable deployed) {
        return CliRun.of(StackArgs.of(List.of("verify", "--connector", deployed.connectorName(), "--settle", "3s"),
                StackArgs.database(embedded), StackArgs.pipeline(embedded)));
    }
}
