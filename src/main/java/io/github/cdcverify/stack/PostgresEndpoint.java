package io.github.cdcverify.stack;

/**
 * Where PostgreSQL is and how to log in.
 *
 * @param host          host name as this process reaches it
 * @param port          port as this process reaches it
 * @param connectorHost host name the Debezium connector, running inside Connect, must use (differs in container
 *                      networks, where Connect reaches Postgres by its network alias)
 * @param connectorPort port the Debezium connector must use
 */
public record PostgresEndpoint(String host, int port, String database, String user, String password,
                               String connectorHost, int connectorPort) {

    /** An endpoint that the connector reaches the same way this process does. */
    public static PostgresEndpoint direct(String host, int port, String database, String user, String password) {
        return new PostgresEndpoint(host, port, database, user, password, host, port);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same endpoint for another database on the same server. */
    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, user, password, connectorHost, connectorPort);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + ", user=" + user + ", connector at " + connectorHost + ":"
                + connectorPort + "]";
    }
}
