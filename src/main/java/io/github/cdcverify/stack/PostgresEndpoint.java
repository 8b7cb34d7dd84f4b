package io.github.cdcverify.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL is and how to log in.
 *
 * @param host              host name as this process reaches it
 * @param port              port as this process reaches it
 * @param connectorHost     host name the Debezium connector, running inside Connect, must use (differs in container
 *                          networks, where Connect reaches Postgres by its network alias)
 * @param connectorPort     port the Debezium connector must use
 * @param sslMode           pgjdbc's and Debezium's {@code sslmode} ({@code require}, {@code verify-full}, ...), or
 *                          {@code null} for the driver's default
 * @param connectorPassword what the connectors we register get as {@code database.password}: a Kafka Connect config
 *                          provider reference such as {@code ${file:/etc/kafka/secrets/db.properties:password}}, or
 *                          {@code null} for {@link #password()} itself
 */
public record PostgresEndpoint(String host, int port, String database, String user, String password,
                               String connectorHost, int connectorPort, String sslMode, String connectorPassword) {

    /** The values pgjdbc accepts for {@code sslmode}. */
    public static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    // ${provider:[path:]key}, as Kafka's ConfigTransformer reads it.
    private static final Pattern CONFIG_PROVIDER_REFERENCE = Pattern.compile("\\$\\{[^}:]+:[^}]+}");

    public PostgresEndpoint {
        if (sslMode != null) {
            requireSslMode(sslMode);
        }
        if (connectorPassword != null) {
            requireConfigProviderReference(connectorPassword);
        }
    }

    /**
     * @return {@code mode}
     * @throws IllegalArgumentException naming the accepted modes and where the value came from
     */
    public static String requireSslMode(String mode) {
        if (!SSL_MODES.contains(mode)) {
            throw new IllegalArgumentException("Unknown PostgreSQL sslmode '" + mode + "' (--db-sslmode, "
                    + "cdc.db.sslmode or CDC_DB_SSLMODE): use one of " + String.join(", ", SSL_MODES) + ".");
        }
        return mode;
    }

    /**
     * @return {@code reference}
     * @throws IllegalArgumentException when it is no {@code ${provider:...}} reference; the value is not echoed, as
     *                                  it may be a password typed where a reference belongs
     */
    public static String requireConfigProviderReference(String reference) {
        if (!CONFIG_PROVIDER_REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("The connector's database password (--connector-db-password, "
                    + "cdc.connector-db-password or CDC_CONNECTOR_DB_PASSWORD) must be a Kafka Connect config "
                    + "provider reference such as ${file:/etc/kafka/secrets/db.properties:password}, never the "
                    + "password itself: options and properties show up in shell history and process lists.");
        }
        return reference;
    }

    /** An endpoint without sslmode whose connectors get the password itself. */
    public PostgresEndpoint(String host, int port, String database, String user, String password,
                            String connectorHost, int connectorPort) {
        this(host, port, database, user, password, connectorHost, connectorPort, null, null);
    }

    /** An endpoint that the connector reaches the same way this process does. */
    public static PostgresEndpoint direct(String host, int port, String database, String user, String password) {
        return new PostgresEndpoint(host, port, database, user, password, host, port);
    }

    /** The JDBC URL, with {@code ?sslmode=} when one is set, so every connection opened from it honours it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    /**
     * A new JDBC connection as this endpoint's user (named {@code cdc-verify} in {@code pg_stat_activity}, 10 s to
     * connect): the one way the library opens PostgreSQL. {@code PostgresConnections.open} adds messages that say
     * how to fix a refusal.
     */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "cdc-verify");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** What the connectors we register get as {@code database.password}: the reference when set, else the password. */
    @Override
    public String connectorPassword() {
        return connectorPassword != null ? connectorPassword : password;
    }

    /** The same endpoint for another database on the same server. */
    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, user, password, connectorHost, connectorPort, sslMode,
                connectorPassword);
    }

    /** The same endpoint with {@code sslmode} set; {@code null} for the driver's default. */
    public PostgresEndpoint withSslMode(String mode) {
        return new PostgresEndpoint(host, port, database, user, password, connectorHost, connectorPort, mode,
                connectorPassword);
    }

    /**
     * The same endpoint whose connectors get {@code reference}, a Kafka Connect config provider reference, as
     * {@code database.password} instead of the password; {@code null} for the password itself.
     */
    public PostgresEndpoint withConnectorPassword(String reference) {
        return new PostgresEndpoint(host, port, database, user, password, connectorHost, connectorPort, sslMode,
                reference);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + ", user=" + user + ", connector at " + connectorHost + ":"
                + connectorPort + "]";
    }

    /**
     * The connection settings of a Debezium PostgreSQL connector that reaches this database:
     * {@code database.hostname/port/dbname/user/password/sslmode}, in that order.
     */
    public Map<String, String> connectorSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database.hostname", connectorHost());
        settings.put("database.port", Integer.toString(connectorPort()));
        settings.put("database.dbname", database());
        settings.put("database.user", user());
        settings.put("database.password", connectorPassword());
        settings.put("database.sslmode", sslMode());
        return settings;
    }
}
