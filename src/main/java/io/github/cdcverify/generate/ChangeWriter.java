package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Executes planned changes on one table with prepared statements and keeps {@link LiveRows} in step.
 *
 * <p>Every statement reads the row back with {@code RETURNING *}, so the ledger holds each column as stored,
 * including values PostgreSQL filled in ({@code id}, {@code created_at}). An update's previous values are the ones
 * the generator last wrote or loaded for that row.
 *
 * <p>Live rows are updated as soon as a statement succeeds, not at commit, because later statements of the same
 * transaction may target a row inserted earlier in it. If the transaction fails the generator stops anyway.
 */
final class ChangeWriter implements AutoCloseable {

    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement currentTxId;
    private final LiveRows live;

    ChangeWriter(Connection connection, String qualifiedTable, LiveRows live) throws SQLException {
        this.live = live;
        this.insert = connection.prepareStatement(
                "INSERT INTO " + qualifiedTable + " (name, email) VALUES (?, ?) RETURNING *");
        this.update = connection.prepareStatement(
                "UPDATE " + qualifiedTable + " SET name = ?, email = ? WHERE id = ? RETURNING *");
        this.delete = connection.prepareStatement("DELETE FROM " + qualifiedTable + " WHERE id = ? RETURNING *");
        // The text detour turns xid8 into a number pgjdbc can read as a long.
        this.currentTxId = connection.prepareStatement("SELECT pg_current_xact_id()::text::bigint");
    }

    /** Loads the rows already in the table, so updates and deletes can also hit rows the generator did not insert. */
    static void loadExisting(Connection connection, String qualifiedTable, LiveRows live) throws SQLException {
        // ORDER BY makes the live-row order, and with it a seeded run, independent of the physical row order.
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + qualifiedTable + " ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                live.put(rows.getInt("id"), RowValues.read(rows));
            }
        }
    }

    /** PostgreSQL's id of the open transaction (assigning one if needed). */
    long currentTxId() throws SQLException {
        try (ResultSet result = currentTxId.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Executes the change.
     *
     * @return what was written, or {@code null} when the target row no longer exists (another session removed
     *         it); the key is then dropped from the live rows
     */
    Ledger.Change write(PlannedChange planned) throws SQLException {
        return switch (planned.op()) {
            case CREATE -> insert(planned.name(), planned.email());
            case UPDATE -> update(planned.key(), planned.name(), planned.email());
            case DELETE -> delete(planned.key());
            default -> throw new IllegalArgumentException("Cannot write " + planned.op());
        };
    }

    private Ledger.Change insert(String name, String email) throws SQLException {
        insert.setString(1, name);
        insert.setString(2, email);
        Map<String, Object> values = returnedRow(insert);
        int id = ((Number) values.get("id")).intValue();
        live.put(id, values);
        return new Ledger.Change(Op.CREATE, id, values);
    }

    private Ledger.Change update(int id, String name, String email) throws SQLException {
        Map<String, Object> previous = live.valuesOf(id);
        update.setString(1, name);
        update.setString(2, email);
        update.setInt(3, id);
        Map<String, Object> values = returnedRow(update);
        if (values == null) {
            live.remove(id);
            return null;
        }
        live.put(id, values);
        return new Ledger.Change(Op.UPDATE, id, values, previous);
    }

    private Ledger.Change delete(int id) throws SQLException {
        delete.setInt(1, id);
        Map<String, Object> removed = returnedRow(delete);
        live.remove(id);
        return removed == null ? null : new Ledger.Change(Op.DELETE, id, removed, removed);
    }

    /** The row the statement returned, or {@code null} when it touched none. */
    private static Map<String, Object> returnedRow(PreparedStatement statement) throws SQLException {
        try (ResultSet returned = statement.executeQuery()) {
            return returned.next() ? RowValues.read(returned) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : new PreparedStatement[] {insert, update, delete, currentTxId}) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
