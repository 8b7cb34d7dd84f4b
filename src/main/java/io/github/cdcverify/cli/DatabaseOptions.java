package io.github.cdcverify.cli;

import io.github.cdcverify.stack.DatabasePassword;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.stack.TutorialDefaults;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where PostgreSQL is. The password never comes from a flag (flags show up in shell history and process lists): it
 * is read from {@code CDC_DB_PASSWORD} or from a file; the tutorial's {@code postgres} is the default.
 */
final class DatabaseOptions {

    @Option(names = "--db-host", defaultValue = "${CDC_DB_HOST:-" + TutorialDefaults.DB_HOST + "}",
            description = "PostgreSQL host (default: ${DEFAULT-VALUE}; env CDC_DB_HOST).")
    String host;

    @Option(names = "--db-port", defaultValue = "${CDC_DB_PORT:-" + TutorialDefaults.DB_PORT + "}",
            description = "PostgreSQL port (default: ${DEFAULT-VALUE}; env CDC_DB_PORT).")
    int port;

    @Option(names = "--db-name", defaultValue = "${CDC_DB_NAME:-" + TutorialDefaults.DB_NAME + "}",
            description = "Database (default: ${DEFAULT-VALUE}; env CDC_DB_NAME).")
    String database;

    @Option(names = "--db-user", defaultValue = "${CDC_DB_USER:-" + TutorialDefaults.DB_USER + "}",
            description = "User with the REPLICATION privilege (default: ${DEFAULT-VALUE}; env CDC_DB_USER).")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "File whose first line is the password. Otherwise env " + DatabasePassword.ENVIRONMENT_VARIABLE
                    + ", else 'postgres'.")
    Path passwordFile;

    @Option(names = "--connector-db-host",
            description = "Host the connector inside Kafka Connect uses to reach PostgreSQL, when it differs from "
                    + "--db-host (e.g. 'postgres' in a Docker network).")
    String connectorHost;

    @Option(names = "--connector-db-port",
            description = "Port the connector uses to reach PostgreSQL (default: --db-port).")
    Integer connectorPort;

    @Option(names = "--db-sslmode", paramLabel = "MODE", converter = Converters.SslModeConverter.class,
            description = "PostgreSQL sslmode for our connections and our connectors' database.sslmode: disable, "
                    + "allow, prefer, require, verify-ca or verify-full (default: the driver's; env CDC_DB_SSLMODE, "
                    + "property " + StackConfig.DB_SSLMODE + ").")
    String sslMode;

    @Option(names = "--connector-db-password", paramLabel = "REF",
            converter = Converters.ConfigProviderReferenceConverter.class,
            description = "What our connectors get as database.password instead of the password: a Kafka Connect "
                    + "config provider reference, e.g. '$${file:/etc/kafka/secrets/db.properties:password}' (env "
                    + "CDC_CONNECTOR_DB_PASSWORD, property " + StackConfig.CONNECTOR_DB_PASSWORD + ").")
    String connectorPassword;

    /** The flags, and for sslmode and the connector's password reference their property or environment variable. */
    PostgresEndpoint endpoint() {
        StackConfig config = StackConfig.fromSystem();
        return new PostgresEndpoint(host, port, database, user, password(),
                connectorHost == null ? host : connectorHost, connectorPort == null ? port : connectorPort)
                .withSslMode(sslMode != null ? sslMode : config.get(StackConfig.DB_SSLMODE).orElse(null))
                .withConnectorPassword(connectorPassword != null ? connectorPassword
                        : config.get(StackConfig.CONNECTOR_DB_PASSWORD).orElse(null));
    }

    private String password() {
        return DatabasePassword.resolve(passwordFile);
    }
}
