package io.github.cdcverify.cli;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
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
 * The data check on connectors whose topics a transform renames: a {@code RegexRouter} is applied as Connect applies
 * it; a routing it cannot evaluate is "could not check" (exit 3) until the topic is named with {@code --topic}.
 */
@PipelineTest
class RoutedTopicsIT {

    /** Renames {@code <prefix>.public.<table>} to {@code <prefix>.routed}: still under the prefix, so cleaned up. */
    private static DebeziumPostgresConfig routed(DebeziumPostgresConfig config) {
        return config.with("transforms", "route")
                .with("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter")
                .with("transforms.route.regex", "([^.]+)\\.public\\..*")
                .with("transforms.route.replacement", "$1.routed");
    }

    @Test
    @DisplayName("RegexRouter: the data check finds the routed topic and passes; an update skipped there fails with "
            + "key, column, both values and the routed topic")
    void regexRouterTopics(CdcStack stack) throws Exception {
        try (CapturedTable healthy = CapturedTable.on(stack, "routed_ok").withSeedRows()
                .withConnectorConfig(RoutedTopicsIT::routed).start();
             CapturedTable skipping = CapturedTable.on(stack, "routed_skip").withSeedRows()
                     .withConnectorConfig(c -> routed(c).with("skipped.operations", "u")).start()) {
            updateBob(healthy, 4);
            updateBob(skipping, 3);

            CliRun passing = verify(stack, healthy.connectorName());
            CliRun failing = verify(stack, skipping.connectorName(), "--accept", "skipped.operations");

            assertThat(passing.exitCode()).as(passing.all()).isZero();
            assertThat(passing.out()).containsPattern("PASSED  data\\s+3 rows")
                    .contains("INFO " + healthy.table().qualified() + ": 3 rows, 4 events in "
                            + healthy.topicPrefix() + ".routed");
            assertThat(failing.exitCode()).as(failing.all()).isEqualTo(1);
            assertThat(failing.out()).containsPattern("FAILED  data\\s+3 rows")
                    .contains(skipping.table().qualified() + " (topic " + skipping.topicPrefix() + ".routed, 3 rows")
                    .contains("1 row differs (column: table value / topic value): {id=2} (email: "
                            + "'bob@example.org' / 'bob@example.com')");
        }
    }

    @Test
    @DisplayName("a router behind a predicate cdc-verify cannot evaluate: the topic is found from the events' source "
            + "block; flattened records have none: could not check (exit 3) naming the table and --topic, and with "
            + "--topic the data check passes")
    void unevaluableRoutingNeedsTheEventsOrTheTopicNamed(CdcStack stack) throws Exception {
        try (CapturedTable envelopes = CapturedTable.on(stack, "routed_pred").withSeedRows()
                .withConnectorConfig(RoutedTopicsIT::routedThroughAPredicate).start();
             CapturedTable flattened = CapturedTable.on(stack, "routed_flat").withSeedRows()
                     .withConnectorConfig(c -> routedThroughAPredicate(c).with("transforms", "unwrap,route")
                             .with("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState")).start()) {
            updateBob(envelopes, 4);
            updateBob(flattened, 4);
            String table = flattened.table().qualified();

            CliRun discovered = verify(stack, envelopes.connectorName());
            CliRun unknown = verify(stack, flattened.connectorName());
            CliRun named = verify(stack, flattened.connectorName(), "--topic",
                    table + "=" + flattened.topicPrefix() + ".routed");

            assertThat(discovered.exitCode()).as(discovered.all()).isZero();
            assertThat(discovered.out()).containsPattern("PASSED  data\\s+3 rows")
                    .contains("INFO " + envelopes.table().qualified() + ": its topic " + envelopes.topicPrefix()
                            + ".routed was found from its events' source block, since transform 'route' applies "
                            + "through predicate noHeader, which cdc-verify does not evaluate");
            assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(3);
            assertThat(unknown.out()).containsPattern("ERROR   data")
                    .contains("Cannot tell which topic holds " + table + " (transform 'route' applies through "
                            + "predicate noHeader, which cdc-verify does not evaluate, and no single topic under "
                            + flattened.topicPrefix() + " holds its events). Name each such table's topic with "
                            + "--topic SCHEMA.TABLE=TOPIC.");
            assertThat(named.exitCode()).as(named.all()).isZero();
            assertThat(named.out()).containsPattern("PASSED  data\\s+3 rows");
        }
    }

    private static DebeziumPostgresConfig routedThroughAPredicate(DebeziumPostgresConfig config) {
        return routed(config).with("transforms.route.predicate", "noHeader")
                .with("transforms.route.negate", "true")
                .with("predicates", "noHeader")
                .with("predicates.noHeader.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey")
                .with("predicates.noHeader.name", "cdcv-never-set");
    }

    @Test
    @DisplayName("ByLogicalTableRouter: two tables with the same ids in one topic, told apart by the key field it "
            + "adds: each compared with its own rows; an update skipped in one fails for that table only")
    void tablesMergedIntoOneTopic(CdcStack stack) throws Exception {
        try (CapturedTable deployed = CapturedTable.on(stack, "merged").withSeedRows()
                .beforeConnector((connection, self) -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("CREATE TABLE " + self.table("b").quoted() + " (id INT PRIMARY KEY, name "
                                + "VARCHAR(100), email VARCHAR(100), created_at TIMESTAMPTZ DEFAULT now())");
                        sql.execute("INSERT INTO " + self.table("b").quoted() + " SELECT * FROM "
                                + self.table().quoted());
                    }
                })
                .withConnectorConfig(c -> c.with("table.include.list", "public\\." + c.name() + "(_b)?")
                        .with("skipped.operations", "u")
                        .with("transforms", "merge")
                        .with("transforms.merge.type", "io.debezium.transforms.ByLogicalTableRouter")
                        .with("transforms.merge.topic.regex", "([^.]+)\\.public\\..*")
                        .with("transforms.merge.topic.replacement", "$1.merged")).start()) {
            String topic = deployed.topicPrefix() + ".merged";
            await("both snapshots in " + topic).atMost(Waits.RUNNING).pollInterval(Duration.ofMillis(100))
                    .until(() -> recordsIn(deployed, topic) >= 6);

            CliRun healthy = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");
            try (Statement sql = deployed.connection().createStatement()) {
                sql.execute("UPDATE " + deployed.table("b").quoted() + " SET email = 'bob@example.org' WHERE id = 2");
            }
            CliRun changed = verify(stack, deployed.connectorName(), "--accept", "skipped.operations");

            assertThat(healthy.exitCode()).as(healthy.all()).isZero();
            assertThat(healthy.out()).containsPattern("PASSED  data\\s+6 rows\\s+\\S+ s  \\(2 tables, 6 events")
                    .contains("INFO " + deployed.table().qualified() + ": 3 rows, 3 events in " + topic)
                    .contains("INFO " + deployed.table("b").qualified() + ": 3 rows, 3 events in " + topic);
            assertThat(changed.exitCode()).as(changed.all()).isEqualTo(1);
            assertThat(changed.out()).contains(deployed.table("b").qualified() + " (topic " + topic + ", 3 rows")
                    .contains("1 row differs (column: table value / topic value): {id=2} (email: "
                            + "'bob@example.org' / 'bob@example.com')")
                    .doesNotContain(deployed.table().qualified() + " (topic ");
        }
    }

    /** Bob's email changed; then waits for {@code records} records in the routed topic. */
    private static void updateBob(CapturedTable deployed, int records) throws Exception {
        String topic = deployed.topicPrefix() + ".routed";
        await("the snapshot in " + topic).atMost(Waits.RUNNING).pollInterval(Duration.ofMillis(100))
                .until(() -> recordsIn(deployed, topic) >= 3);
        try (Statement sql = deployed.connection().createStatement()) {
            sql.execute("UPDATE " + deployed.table().quoted() + " SET email = 'bob@example.org' WHERE id = 2");
        }
        await(records + " records in " + topic).atMost(Waits.RUNNING).pollInterval(Duration.ofMillis(100))
                .until(() -> recordsIn(deployed, topic) >= records);
    }

    private static long recordsIn(CapturedTable deployed, String topic) {
        return ConnectorVerify.recordsIn(deployed.stack().kafka(), topic);
    }

    private static CliRun verify(CdcStack stack, String connector, String... more) {
        return ConnectorVerify.run(stack, connector, "3s", more);
    }
}
