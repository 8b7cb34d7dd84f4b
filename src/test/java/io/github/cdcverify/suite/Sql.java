package io.github.cdcverify.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain SQL for scenarios that shape their own tables. */
final class Sql {

    private Sql() {
    }

    /** Runs each statement in order, each in its own transaction (auto-commit). */
    static void run(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs the statements as one transaction and returns its transaction id ({@code source.txId}). */
    static long inTransaction(Connection connection, String... statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            long txId;
            try (ResultSet row = statement.executeQuery("SELECT txid_current()")) {
                row.next();
                txId = row.getLong(1);
            }
            connection.commit();
            return txId;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The single value of a one-row, one-column query. */
    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
