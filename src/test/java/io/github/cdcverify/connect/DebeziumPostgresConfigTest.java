package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebeziumPostgresConfigTest {

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    @Test
    void defaultsAreTunedForLowLatencyAndTheTutorialEnvelope() {
        Map<String, String> config = DebeziumPostgresConfig.forConnector("users-connector").toMap();

        assertThat(config)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("tasks.max", "1")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("topic.prefix", "dbserver1")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("poll.interval.ms", "5")
                .containsEntry("topic.creation.default.partitions", "-1")
                .containsEntry("topic.creation.default.replication.factor", "-1")
                .containsEntry("producer.override.linger.ms", "0")
                .containsEntry("key.converter", JSON_CONVERTER)
                .containsEntry("value.converter", JSON_CONVERTER)
                .containsEntry("key.converter.schemas.enable", "true")
                .containsEntry("value.converter.schemas.enable", "true")
                .containsEntry("key.converter.replace.null.with.default", "false")
                .containsEntry("value.converter.replace.null.with.default", "false")
                .containsEntry("name", "users-connector")
                .doesNotContainKeys("database.password", "table.include.list");
    }

    @Test
    void slotAndPublicationNamesAreDerivedFromTheConnectorNameAndSanitized() {
        DebeziumPostgresConfig config = DebeziumPostgresConfig.forConnector("Users-Connector.v2");

        assertThat(config.name()).isEqualTo("Users-Connector.v2");
        assertThat(config.toMap())
                .containsEntry("slot.name", "users_connector_v2")
                .containsEntry("publication.name", "users_connector_v2_pub");
    }

    @Test
    void sanitizeProducesValidPostgresIdentifiers() {
        assertThat(DebeziumPostgresConfig.sanitize("orders connector/#1")).isEqualTo("orders_connector__1");
        assertThat(DebeziumPostgresConfig.sanitize("2nd-connector")).isEqualTo("cdc_2nd_connector");
        assertThat(DebeziumPostgresConfig.sanitize("x".repeat(100))).hasSize(63).matches("[a-z0-9_]+");

        Map<String, String> longName = DebeziumPostgresConfig.forConnector("c".repeat(80)).toMap();
        assertThat(longName.get("slot.name")).hasSize(63);
        assertThat(longName.get("publication.name")).hasSize(63).endsWith("_pub");
    }

    @Test
    void overridesReplaceDefaultsAndLeaveTheOriginalUntouched() {
        DebeziumPostgresConfig base = DebeziumPostgresConfig.forConnector("users-connector");

        DebeziumPostgresConfig changed = base
                .withDatabase("db.internal", 5433, "shop", "debezium", "s3cret-pw")
                .withTopicPrefix("shop")
                .withTables("public.users", "public.orders")
                .withSlotName("my_slot")
                .withPublicationName("my_pub")
                .withSnapshotMode("no_data")
                .with("heartbeat.interval.ms", "1000")
                .with("poll.interval.ms", null);

        assertThat(changed.toMap())
                .containsEntry("database.hostname", "db.internal")
                .containsEntry("database.port", "5433")
                .containsEntry("database.dbname", "shop")
                .containsEntry("database.user", "debezium")
                .containsEntry("database.password", "s3cret-pw")
                .containsEntry("topic.prefix", "shop")
                .containsEntry("table.include.list", "public.users,public.orders")
                .containsEntry("slot.name", "my_slot")
                .containsEntry("publication.name", "my_pub")
                .containsEntry("snapshot.mode", "no_data")
                .containsEntry("heartbeat.interval.ms", "1000")
                .doesNotContainKey("poll.interval.ms");
        assertThat(base.toMap())
                .containsEntry("topic.prefix", "dbserver1")
                .containsEntry("poll.interval.ms", "5")
                .doesNotContainKey("database.hostname");
    }

    @Test
    void toMapIsUnmodifiable() {
        Map<String, String> config = DebeziumPostgresConfig.forConnector("c").toMap();

        assertThatThrownBy(() -> config.put("tasks.max", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void maskedHidesEveryPasswordButKeepsTheRest() {
        DebeziumPostgresConfig config = DebeziumPostgresConfig.forConnector("users-connector")
                .withDatabase("localhost", 5432, "postgres", "postgres", "s3cret-pw")
                .with("database.sslPassword", "ssl-secret");

        assertThat(config.masked())
                .containsEntry("database.password", Secrets.MASK)
                .containsEntry("database.sslPassword", Secrets.MASK)
                .containsEntry("database.user", "postgres")
                .hasSameSizeAs(config.toMap());
        assertThat(config.toMap()).containsEntry("database.password", "s3cret-pw");
        assertThat(config.toString()).contains("users-connector").doesNotContain("s3cret-pw", "ssl-secret");
    }

    @Test
    void rejectsInvalidInput() {
        DebeziumPostgresConfig config = DebeziumPostgresConfig.forConnector("c");

        assertThatThrownBy(() -> DebeziumPostgresConfig.forConnector(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(config::withTables).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withDatabase("h", 0, "d", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
