package io.github.cdcverify.setup;

import io.github.cdcverify.stack.PostgresEndpoint;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens JDBC connections and turns PostgreSQL's refusals into messages that say how to fix them. */
public final class PostgresConnections {

    private PostgresConnections() {
    }

    /**
     * @throws SetupException when the server is unreachable, the password is wrong or the database is missing
     */
    public static Connection open(PostgresEndpoint endpoint) {
        try {
            return endpoint.open();
        } catch (SQLException e) {
            throw explain(endpoint, e);
        }
    }

    /** A message for a failed login or connection attempt, by SQL state. */
    static SetupException explain(PostgresEndpoint endpoint, SQLException e) {
        String where = endpoint.host() + ":" + endpoint.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = switch (state) {
            case "28P01", "28000" -> "PostgreSQL at " + where + " refused user '" + endpoint.user()
                    + "': wrong password or no permission to log in. Check the user and the password "
                    + "(--db-user, and --db-password-file or the CDC_DB_PASSWORD environment variable).";
            case "3D000" -> "Database '" + endpoint.database() + "' does not exist on PostgreSQL at " + where
                    + ". Create it (CREATE DATABASE " + endpoint.database() + ") or pass another one with --db-name.";
            case "08001", "08004", "08006" -> "PostgreSQL is not reachable at " + where + " (" + firstLine(e)
                    + "). Start it, or pass the right host and port with --db-host and --db-port.";
            default -> "Could not connect to PostgreSQL at " + where + " as '" + endpoint.user() + "': "
                    + firstLine(e) + " (SQL state " + state + ").";
        };
        return new SetupException(message, e);
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
