package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL, not a guess, decides whether a transaction whose COMMIT got no answer is in the ledger. */
@PipelineTest
class InDoubtTransactionIT {

    private static final List<Ledger.Change> ONE_INSERT = List.of(
            new Ledger.Change(Op.CREATE, 1, Map.of("id", 1, "name", "Ann", "email", "ann@example.com")));

    @Test
    void aCommittedTransactionJoinsTheLedger(CdcStack stack) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            long txId = transactionThat(connection, true);
            Ledger ledger = new Ledger();

            boolean committed = new InDoubtTransaction(7, txId, ONE_INSERT).resolve(connection, ledger);

            assertThat(committed).isTrue();
            assertThat(ledger.entries()).singleElement()
                    .satisfies(entry -> assertThat(entry.txId()).isEqualTo(txId))
                    .satisfies(entry -> assertThat(entry.transactionOrdinal()).isEqualTo(7));
        }
    }

    @Test
    void aRolledBackTransactionStaysOut(CdcStack stack) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            long txId = transactionThat(connection, false);
            Ledger ledger = new Ledger();

            boolean committed = new InDoubtTransaction(1, txId, ONE_INSERT).resolve(connection, ledger);

            assertThat(committed).isFalse();
            assertThat(ledger.entries()).isEmpty();
        }
    }

    /** After a crash, the id of a transaction whose commit never reached the WAL lies "in the future". */
    @Test
    void aTransactionLostInACrashDidNotCommit(CdcStack stack) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            long beyondTheLog = transactionThat(connection, true) + 1_000_000;
            Ledger ledger = new Ledger();

            boolean committed = new InDoubtTransaction(1, beyondTheLog, ONE_INSERT).resolve(connection, ledger);

            assertThat(committed).isFalse();
            assertThat(ledger.entries()).isEmpty();
        }
    }

    /** Runs a transaction that takes an id and commits or rolls back; returns the id. */
    private static long transactionThat(Connection connection, boolean commits) throws SQLException {
        connection.setAutoCommit(false);
        long txId;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
            row.next();
            txId = row.getLong(1);
        }
        if (commits) {
            connection.commit();
        } else {
            connection.rollback();
        }
        connection.setAutoCommit(true);
        return txId;
    }
}
