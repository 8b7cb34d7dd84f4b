package io.github.cdcverify.setup;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.stack.PostgresEndpoint;

/** How the connectors we register reach PostgreSQL: the one place that turns an endpoint into {@code database.*}. */
public final class ConnectorDatabase {

    private ConnectorDatabase() {
    }

    /**
     * {@code config} with the endpoint's connector host and port, database, user, the password the connector is to
     * get ({@link PostgresEndpoint#connectorPassword()}: a config provider reference when one is set) and its
     * {@code sslmode}.
     */
    public static DebeziumPostgresConfig of(DebeziumPostgresConfig config, PostgresEndpoint postgres) {
        return config.withDatabase(postgres.connectorHost(), postgres.connectorPort(), postgres.database(),
                        postgres.user(), postgres.connectorPassword())
                .withSslMode(postgres.sslMode());
    }
}
