package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data check on a partitioned table whose include list matches the parent and its partitions: each row is
 * compared once, under the name its events carry ({@code publish_via_partition_root}: the parent's).
 */
@PipelineTest
class PartitionedTablesIT {

    @Test
    @DisplayName("publish_via_partition_root: the parent's topic is compared with the parent's rows, the partitions "
            + "are not compared again (no 'none of them reached Kafka'); a row changed behind the connector's back "
            + "still fails")
    void partitionedTableViaRoot(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "parted").withSeedRows()
                .beforeConnector((connection, self) -> {
                    String parent = self.table("orders").quoted();
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE TABLE " + parent + " (id INT, region TEXT, amount INT, PRIMARY KEY (id, "
                                + "region)) PARTITION BY LIST (region)");
                        sql.execute("CREATE TABLE " + self.table("orders_eu").quoted() + " PARTITION OF " + parent
                                + " FOR VALUES IN ('eu')");
                        sql.execute("CREATE TABLE " + self.table("orders_us").quoted() + " PARTITION OF " + parent
                                + " FOR VALUES IN ('us')");
                        sql.execute("INSERT INTO " + parent + " VALUES (1, 'eu', 10), (2, 'us', 20), (3, 'eu', 30)");
                        sql.execute("CREATE PUBLICATION \"" + self.connectorName() + "_pub\" FOR TABLE " + parent
                                + " WITH (publish_via_partition_root = true)");
                    }
                })
                .withConnectorConfig(c -> c.with("publication.autocreate.mode", "disabled")
                        .with("table.include.list", "public." + c.name() + "_orders.*")
                        .with("heartbeat.interval.ms", "10000")
                        .with("skipped.operations", "u")).start()) {
            String parent = deployed.table("orders").qualified();
            String topic = deployed.topic(deployed.table("orders"));
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("INSERT INTO " + deployed.table("orders").quoted() + " VALUES (4, 'us', 40)");
            }
            await("the snapshot's 3 rows and 1 insert in " + topic).atMost(Waits.RUNNING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ConnectorVerify.recordsIn(stack.kafka(), topic) >= 4);

            CliRun healthy = verify(stack, deployed.connectorName());
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("UPDATE " + deployed.table("orders").quoted() + " SET amount = 31 WHERE id = 3");
            }
            CliRun changed = verify(stack, deployed.connectorName());

            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).contains("INFO captured tables: " + parent + "\n")
                    .containsPattern("PASSED  data\\s+4 rows\\s+\\S+ s  \\(1 table, 4 events")
                    .doesNotContain("orders_eu", "orders_us");
            assertThat(changed.exitCode()).as(changed.all()).isEqualTo(1);
            assertThat(changed.out()).contains("1 row differs (column: table value / topic value): "
                    + "{id=3, region=eu} (amount: '31' / '30')");
        }
    }

    private static CliRun verify(CdcStack stack, String connector) {
        return ConnectorVerify.run(stack, connector, "2s", "--accept", "skipped.operations");
    }
}
