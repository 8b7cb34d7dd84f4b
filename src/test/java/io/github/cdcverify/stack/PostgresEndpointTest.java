package io.github.cdcverify.stack;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.setup.ConnectorDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresEndpointTest {

    private static final String REFERENCE = "${file:/etc/kafka/secrets/db.properties:password}";
    private static final PostgresEndpoint STAGING = new PostgresEndpoint("db.staging", 5432, "app", "cdc", "s3cret",
            "db.internal", 6432);

    @Test
    void sslModeGoesIntoTheJdbcUrlAndTheConnectorsConfiguration() {
        PostgresEndpoint secured = STAGING.withSslMode("verify-full");

        Map<String, String> config = ConnectorDatabase.of(DebeziumPostgresConfig.forConnector("c"), secured).toMap();

        assertThat(secured.jdbcUrl()).isEqualTo("jdbc:postgresql://db.staging:5432/app?sslmode=verify-full");
        assertThat(config).containsEntry("database.sslmode", "verify-full")
                .containsEntry("database.hostname", "db.internal").containsEntry("database.port", "6432");
    }

    @Test
    void withoutSslModeNeitherTheUrlNorTheConnectorNamesOne() {
        Map<String, String> config = ConnectorDatabase.of(DebeziumPostgresConfig.forConnector("c"), STAGING).toMap();

        assertThat(STAGING.jdbcUrl()).isEqualTo("jdbc:postgresql://db.staging:5432/app");
        assertThat(config).doesNotContainKey("database.sslmode").containsEntry("database.password", "s3cret");
    }

    @Test
    void aConnectorPasswordReferenceReplacesThePasswordOnlyInTheConnector() {
        PostgresEndpoint referenced = STAGING.withConnectorPassword(REFERENCE);

        Map<String, String> config = ConnectorDatabase.of(DebeziumPostgresConfig.forConnector("c"), referenced)
                .toMap();

        assertThat(config).containsEntry("database.password", REFERENCE);
        assertThat(referenced.password()).isEqualTo("s3cret");
        assertThat(referenced.withDatabase("other").connectorPassword()).isEqualTo(REFERENCE);
    }

    @Test
    void anUnknownSslModeNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> STAGING.withSslMode("strict"))
                .hasMessage("Unknown PostgreSQL sslmode 'strict' (--db-sslmode, cdc.db.sslmode or CDC_DB_SSLMODE): "
                        + "use one of disable, allow, prefer, require, verify-ca, verify-full.");
    }

    @Test
    void aPasswordGivenWhereAReferenceBelongsIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> STAGING.withConnectorPassword("hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a Kafka Connect config provider reference such as "
                        + "${file:/etc/kafka/secrets/db.properties:password}")
                .message().doesNotContain("hunter2");
    }

    @Test
    void theExternalStackReadsSslModeAndReferenceFromItsSettings() {
        StackConfig config = new StackConfig(Map.of(StackConfig.DB_SSLMODE, "require")::get,
                Map.of("CDC_CONNECTOR_DB_PASSWORD", REFERENCE)::get);

        PostgresEndpoint postgres = config.newStack("external").postgres();

        assertThat(postgres.sslMode()).isEqualTo("require");
        assertThat(postgres.connectorPassword()).isEqualTo(REFERENCE);
    }
}
