package io.github.cdcverify.stack;

import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.plugin.PluginJar;
import io.github.cdcverify.stack.plugin.UppercaseName;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Debezium PostgreSQL connector of a version users run today instead of ours (the latest 2.7 and a 3.x other
 * than ours), from its plugin archive on Maven Central, on a Connect worker in a JVM of its own whose class path has
 * no Debezium; and a user's SMT from a plugin directory (a jar built here from {@link UppercaseName}, which is not on
 * the worker's class path) changing the records.
 */
class DebeziumVersionIT {

    @ParameterizedTest(name = "Debezium {0}")
    @ValueSource(strings = {"2.7.4.Final", "3.4.1.Final"})
    void anotherDebeziumVersionRunsWithTheUsersSmt(String version, @TempDir Path plugins) throws Exception {
        PluginJar.withTransformation(plugins.resolve("uppercase-name-smt.jar"), UppercaseName.class);
        try (EmbeddedStack stack = new EmbeddedStack().withDebeziumVersion(version).withPluginPath(plugins)) {
            stack.start();

            assertThat(stack.debeziumConnectorVersion()).isEqualTo(version);
            assertThat(stack.describe()).contains("PostgreSQL connector " + version + " (plugin)");
            try (CapturedTable captured = CapturedTable.on(stack, "dbz_version").withSinglePartition()
                    .withColumns("id INT PRIMARY KEY, name TEXT")
                    .withConnectorConfig(c -> c.with("transforms", "upper")
                            .with("transforms.upper.type", UppercaseName.class.getName()))
                    .start();
                 RawTopicReader raw = RawTopicReader.fromBeginning(stack.kafka(), captured.topic())) {
                try (Connection connection = captured.connection(); Statement sql = connection.createStatement()) {
                    String table = captured.table().quoted();
                    sql.execute("INSERT INTO " + table + " VALUES (1, 'alice'), (2, 'bob')");
                    sql.execute("UPDATE " + table + " SET name = 'carol' WHERE id = 2");
                    sql.execute("DELETE FROM " + table + " WHERE id = 1");
                }

                List<ChangeEvent> events = raw.pollAtLeast(5, Waits.RUNNING).stream().map(RawRecord::event)
                        .toList();

                assertThat(events).hasSize(5);
                assertThat(events.get(0)).isCreate().hasAfterExactly(Map.of("id", 1, "name", "ALICE"));
                assertThat(events.get(1)).isCreate().hasAfterExactly(Map.of("id", 2, "name", "BOB"));
                assertThat(events.get(2)).isUpdate().hasAfterExactly(Map.of("id", 2, "name", "CAROL"));
                assertThat(events.get(3)).isDelete().hasKey("id", 1).hasNoAfter();
                assertThat(events.get(4)).isTombstone().hasKey(Map.of("id", 1));
            }
        }
    }
}
