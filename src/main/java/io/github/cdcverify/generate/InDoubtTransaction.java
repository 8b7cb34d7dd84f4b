package io.github.cdcverify.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A transaction whose COMMIT was sent but whose answer never came (the connection broke, e.g. the server restarted).
 * It may have committed: PostgreSQL knows, by its transaction id. {@link #resolve} asks and, if it committed, adds
 * its changes to the ledger, so that the ledger again holds exactly what was committed.
 *
 * @param transactionOrdinal the generator's number of the transaction
 * @param txId               its PostgreSQL transaction id ({@code pg_current_xact_id()})
 * @param changes            what it wrote
 */
public record InDoubtTransaction(long transactionOrdinal, long txId, List<Ledger.Change> changes) {

    public InDoubtTransaction {
        changes = List.copyOf(changes);
    }

    /**
     * Asks PostgreSQL whether the transaction committed, and records its changes in {@code ledger} if it did.
     *
     * @return whether it committed
     * @throws SQLException when PostgreSQL cannot answer (e.g. not back yet)
     */
    public boolean resolve(Connection connection, Ledger ledger) throws SQLException {
        try (PreparedStatement status = connection.prepareStatement("SELECT pg_xact_status(?::text::xid8)")) {
            status.setString(1, Long.toString(txId));
            try (ResultSet row = status.executeQuery()) {
                row.next();
                boolean committed = "committed".equals(row.getString(1));
                if (committed) {
                    ledger.appendCommitted(transactionOrdinal, txId, changes);
                }
                return committed;
            } catch (SQLException e) {
                if (neverReachedTheLog(e)) {
                    return false;
                }
                throw e;
            }
        }
    }

    /**
     * After a crash (immediate shutdown, power loss) PostgreSQL's transaction counter restarts from what reached its
     * WAL. A transaction whose id is "in the future" then never wrote a commit record there: it did not commit.
     */
    private static boolean neverReachedTheLog(SQLException e) {
        return "22023".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("is in the future");
    }
}
