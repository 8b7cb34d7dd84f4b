package io.github.cdcverify.cli;

import io.github.cdcverify.stack.DatabasePassword;
import io.github.cdcverify.stack.PostgresEndpoint;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where PostgreSQL is. The password never comes from a flag (flags show up in shell history and process lists): it
 * is read from {@code CDC_DB_PASSWORD} or from a file; the tutorial's {@code postgres} is the default.
 */
final class DatabaseOptions {

    @Option(names = "--db-host", defaultValue = "${CDC_DB_HOST:-localhost}",
            description = "PostgreSQL host (default: ${DEFAULT-VALUE}; env CDC_DB_HOST).")
    String host;

    @Option(names = "--db-port", defaultValue = "${CDC_DB_PORT:-5432}",
            description = "PostgreSQL port (default: ${DEFAULT-VALUE}; env CDC_DB_PORT).")
    int port;

    @Option(names = "--db-name", defaultValue = "${CDC_DB_NAME:-playground}",
            description = "Database (default: ${DEFAULT-VALUE}; env CDC_DB_NAME).")
    String database;

    @Option(names = "--db-user", defaultValue = "${CDC_DB_USER:-postgres}",
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

    PostgresEndpoint endpoint() {
        return new PostgresEndpoint(host, port, database, user, password(),
                connectorHost == null ? host : connectorHost, connectorPort == null ? port : connectorPort);
    }

    private String password() {
        return DatabasePassword.resolve(passwordFile);
    }
}
