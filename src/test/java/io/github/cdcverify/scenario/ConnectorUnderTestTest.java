package io.github.cdcverify.scenario;

import io.github.cdcverify.connect.ConnectorConfigFile.Registration;
import io.github.cdcverify.connect.ConnectorConfigFile;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorUnderTestTest {

    @TempDir
    Path dir;

    @Test
    void onlyEndpointsSlotAndTopicPrefixAreReplacedAndListed() throws IOException {
        Path file = dir.resolve("shop.json");
        Files.writeString(file, """
                {"name": "shop", "config": {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                  "database.hostname": "prod", "database.port": "5432", "database.dbname": "shop",
                  "database.user": "debezium", "database.password": "secret", "slot.name": "shop_slot",
                  "topic.prefix": "shop", "topic.delimiter": "_", "decimal.handling.mode": "double"}}""");
        ConnectorUnderTest connector = new ConnectorUnderTest(new FakeStack(), "cdcv_cut_shop_1234abcd", "shop");

        Registration registration = connector.registration(ConnectorConfigFile.read(file));

        assertThat(registration.name()).isEqualTo("cdcv_cut_shop_1234abcd");
        assertThat(registration.config()).containsEntry("database.hostname", "connect-pg")
                .containsEntry("database.port", "6543").containsEntry("database.dbname", "cdcv_cut_shop_1234abcd")
                .containsEntry("database.user", "cdc").containsEntry("database.password", "pw")
                .containsEntry("slot.name", "cdcv_cut_shop_1234abcd")
                .containsEntry("topic.prefix", "cdcv_cut_shop_1234abcd")
                .containsEntry("decimal.handling.mode", "double").containsEntry("topic.delimiter", "_");
        assertThat(connector.replacedSettings()).containsExactly("database.hostname", "database.port",
                "database.dbname", "database.user", "database.password", "slot.name", "topic.prefix");
        assertThat(connector.topic(new TableName("public", "orders")))
                .isEqualTo("cdcv_cut_shop_1234abcd_public_orders");
        assertThat(connector.toString()).doesNotContain("pw").doesNotContain("secret");
    }

    @Test
    void aPluginPathTheStackWasNotStartedWithIsRefusedWithTheFix() {
        Path plugins = dir.resolve("plugins");

        assertThat(StackOffer.missingPluginPath(plugins, Optional.of(plugins), "")).isEmpty();
        assertThat(StackOffer.missingPluginPath(plugins, Optional.empty(), "debezium: ..., plugins from "
                + plugins.toAbsolutePath().normalize())).isEmpty();
        assertThat(StackOffer.missingPluginPath(plugins, Optional.empty(), "debezium: PostgreSQL connector 3.4.1"))
                .hasValueSatisfying(message -> assertThat(message).contains("started without them")
                        .contains("-Dcdc.plugin-path=" + plugins.toAbsolutePath().normalize()));
    }

    @Test
    void anotherDebeziumVersionIsRefusedWithTheFix() {
        assertThat(StackOffer.otherDebeziumVersion("3.4.1.Final", "3.4.1.Final")).isEmpty();
        assertThat(StackOffer.otherDebeziumVersion("2.7.4.Final", "3.4.1.Final")).hasValueSatisfying(message ->
                assertThat(message).contains("needs Debezium 2.7.4.Final")
                        .contains("runs the PostgreSQL connector 3.4.1.Final")
                        .contains("-Dcdc.debezium-version=2.7.4.Final"));
    }

    @Test
    void startingWithoutASchemaSaysWhatIsMissing() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\"}");

        assertThatThrownBy(() -> ConnectorUnderTest.fromFile(file).start(new FakeStack()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call withSchema(path)");
    }

    /** Endpoints only: nothing here is started or reached. */
    private static final class FakeStack implements CdcStack {
        @Override
        public void start() {
        }

        @Override
        public PostgresEndpoint postgres() {
            return new PostgresEndpoint("localhost", 1, "postgres", "cdc", "pw", "connect-pg", 6543);
        }

        @Override
        public String kafkaBootstrapServers() {
            return "localhost:2";
        }

        @Override
        public String connectUrl() {
            return "http://localhost:3";
        }

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }
}
