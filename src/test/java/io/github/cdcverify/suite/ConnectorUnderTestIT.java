package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.ConnectorUnderTest;
import io.github.cdcverify.scenario.ConnectorUnderTestAssert;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness side of testing a connector before it is deployed: the user's config file and migrations
 * ({@code src/test/resources/predeploy/}) as a {@link ConnectorUnderTest} on the run's shared stack, in a database of
 * its own. A healthy config streams generated changes and the test's own write exactly; {@code skipped.operations=u}
 * fails the assertion naming a table and what was lost; nothing is left afterwards.
 */
@PipelineTest
class ConnectorUnderTestIT {

    private static final TableName CUSTOMERS = new TableName("public", "customers");

    @TempDir
    Path dir;

    @Test
    @DisplayName("A healthy config streams every generated change and the test's own write exactly, and leaves nothing")
    void healthyConfigStreamsGeneratedChangesAndOwnWrites(CdcStack stack) throws Exception {
        String name;
        try (ConnectorUnderTest connector = ConnectorUnderTest.fromFile(fixture("shop-connector.json"))
                .withSchema(fixture("migrations")).withRows(5).start(stack)) {
            name = connector.name();
            assertThat(connector.replacedSettings()).startsWith("database.hostname", "database.port",
                    "database.dbname", "database.user", "database.password").endsWith("slot.name", "topic.prefix");
            assertThat(connector.tables()).extracting(TableName::qualified).containsExactlyInAnyOrder(
                    "public.customers", "public.orders", "public.order_lines", "public.shipments");

            connector.writeGeneratedChanges(20);
            ChangeEvent own = insertOwnCustomer(connector);

            assertThat(own).isCreate().hasAfter("email", "own-write@example.org").hasAfter("tier", "gold");
            ConnectorUnderTestAssert.assertThat(connector).streamsEveryTableExactly();
        }
        assertNothingLeft(stack, name);
    }

    @Test
    @DisplayName("skipped.operations=u fails streamsEveryTableExactly() naming a table and its lost updates")
    void skippedUpdatesFailNamingTheTableAndWhatWasLost(CdcStack stack) throws Exception {
        String name;
        try (ConnectorUnderTest connector = ConnectorUnderTest.fromFile(variant(Map.of("skipped.operations", "u")))
                .withSchema(fixture("migrations")).withRows(5).start(stack)) {
            name = connector.name();
            connector.writeGeneratedChanges(20);

            assertThatThrownBy(() -> ConnectorUnderTestAssert.assertThat(connector).within(Waits.SHORT)
                    .streamsEveryTableExactly())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to stream every table exactly, but")
                    .hasMessageMatching("(?s).*public\\.(customers|orders|order_lines|shipments):.*lost \\(\\d+ of "
                            + "\\d+\\): public\\.\\w+ key \\(\\w+=[^)]+\\) update.*");
        }
        assertNothingLeft(stack, name);
    }

    @Test
    @DisplayName("A RegexRouter in the config: topic(table) names the routed topic, and every table streams exactly")
    void routedTopicsAreFollowed(CdcStack stack) throws Exception {
        Path routed = variant(Map.of("transforms", "route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", "(.*)\\.public\\.(.*)", "transforms.route.replacement", "$1-cdc-$2"));
        String name;
        try (ConnectorUnderTest connector = ConnectorUnderTest.fromFile(routed).withSchema(fixture("migrations"))
                .withRows(5).start(stack)) {
            name = connector.name();
            connector.writeGeneratedChanges(10);

            assertThat(connector.topic(CUSTOMERS)).isEqualTo(name + "-cdc-customers");
            ConnectorUnderTestAssert.assertThat(connector).streamsEveryTableExactly();
        }
        assertNothingLeft(stack, name);
    }

    @Test
    @DisplayName("A workload covers a table the generator cannot fill, and its changes stream exactly")
    void aWorkloadCoversATableTheGeneratorCannotFill(CdcStack stack) throws Exception {
        try (ConnectorUnderTest connector = ConnectorUnderTest.fromFile(fixture("vouchers-connector.json"))
                .withSchema(fixture("unsatisfiable.sql")).start(stack)) {
            assertThat(connector.unfillable()).containsKey(new TableName("public", "vouchers"));

            int changes = connector.writeWorkload(fixture("vouchers-workload.sql"), 20);

            assertThat(changes).isGreaterThanOrEqualTo(20);
            ConnectorUnderTestAssert.assertThat(connector).streamsEveryTableExactly();
        }
    }

    @Test
    @DisplayName("A Debezium version the run's stack does not run is refused before anything is created")
    void anotherDebeziumVersionIsRefusedWithTheFix(CdcStack stack) throws Exception {
        assertThatThrownBy(() -> ConnectorUnderTest.fromFile(fixture("shop-connector.json"))
                .withSchema(fixture("migrations")).withDebeziumVersion("0.0.1.Final").start(stack))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs Debezium 0.0.1.Final")
                .hasMessageContaining("-Dcdc.debezium-version=0.0.1.Final");
        Leftovers.assertNoneStartingWith(stack, "cdcv_cut_");
    }

    /** The test's own write through the connector's connection, and its event as a consumer of the topic sees it. */
    private static ChangeEvent insertOwnCustomer(ConnectorUnderTest connector) throws SQLException {
        try (ChangeEventConsumer consumer = connector.consumer(CUSTOMERS, StartFrom.BEGINNING);
             PreparedStatement insert = connector.connection().prepareStatement(
                     "INSERT INTO customers (email, tier) VALUES ('own-write@example.org', 'gold')")) {
            insert.executeUpdate();
            List<ChangeEvent> events = consumer.pollUntil(read -> read.stream().anyMatch(ConnectorUnderTestIT::own),
                    Waits.EVENTS);
            return events.stream().filter(ConnectorUnderTestIT::own).findFirst().orElseThrow(() ->
                    new AssertionError("no event of the test's own insert among " + events.size() + " events"));
        }
    }

    private static boolean own(ChangeEvent event) {
        return event.after() != null && "own-write@example.org".equals(event.after().get("email"));
    }

    private static void assertNothingLeft(CdcStack stack, String name) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("databases named " + name).isZero();
            }
        }
        Leftovers.assertNoneStartingWith(stack, name);
        Leftovers.assertNoOffsetsStartingWith(stack, name);
    }

    private Path variant(Map<String, String> settings) throws IOException, URISyntaxException {
        return PreDeployFixtures.variant(dir, settings);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return PreDeployFixtures.file(name);
    }
}
