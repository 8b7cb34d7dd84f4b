package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.TableShape.ColumnShape;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes into tables it has never seen, from their catalog ({@link TableShape}): seed rows before a connector
 * starts, so that its snapshot has work, then a mix of inserts, updates and deletes with a ledger per table
 * ({@link TableLedger}) while it runs.
 *
 * <p>Values come by type ({@link ValueMaker}); columns PostgreSQL numbers or computes are left to it, and columns
 * with a default are left to it on insert and set by updates. Parents are filled before children, and a foreign key
 * takes the key of a live parent row (all columns of a multi-column key from the same row). Updates leave keys and
 * foreign keys alone; a row is deleted only while no live row references it, so that no cascade changes rows behind
 * the ledger's back. A row PostgreSQL refuses (a check constraint, a unique key already taken) is tried again with
 * other values, up to {@value #ATTEMPTS} times; then the table is named with the constraint and not written to again.
 */
public final class SchemaFiller {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaFiller.class);
    static final int ATTEMPTS = 25;
    private static final int SEED_BATCH = 100;
    private static final int CHANGES_PER_TRANSACTION = 3;

    private final PostgresEndpoint postgres;
    private final List<FilledTable> tables;
    private final Map<TableName, FilledTable> byName = new LinkedHashMap<>();
    private final Random random;
    private final ValueMaker values;
    private final ForeignKeys foreignKeys;

    private SchemaFiller(PostgresEndpoint postgres, List<FilledTable> tables, long seed) {
        this.postgres = postgres;
        this.tables = tables;
        tables.forEach(table -> byName.put(table.table(), table));
        this.random = new Random(seed);
        this.values = new ValueMaker(new Random(seed + 1));
        this.foreignKeys = new ForeignKeys(tables, byName, random);
    }

    /** Reads the tables' shapes and orders them parents first. */
    public static SchemaFiller of(PostgresEndpoint postgres, List<TableName> tables, long seed) throws SQLException {
        List<TableShape> shapes = new ArrayList<>();
        try (Connection connection = postgres.open()) {
            for (TableName table : tables) {
                shapes.add(TableShape.read(connection, table));
            }
        }
        List<FilledTable> ordered = new ArrayList<>();
        List<TableShape> pending = new ArrayList<>(shapes);
        while (!pending.isEmpty()) {
            TableShape next = pending.stream().filter(shape -> shape.foreignKeys().stream().noneMatch(key ->
                    !key.parent().equals(shape.table()) && pending.stream().anyMatch(other ->
                            other.table().equals(key.parent())))).findFirst().orElse(pending.get(0)); // a cycle: any
            pending.remove(next);
            ordered.add(new FilledTable(next));
        }
        return new SchemaFiller(postgres, ordered, seed);
    }

    /** The tables in the order they are filled, parents first. */
    public List<TableName> tables() {
        return tables.stream().map(FilledTable::table).toList();
    }

    /** Tables it could not fill, each with the reason (a constraint, a type, a missing key); in fill order. */
    public Map<TableName, String> unfillable() {
        Map<TableName, String> unfillable = new LinkedHashMap<>();
        tables.stream().filter(table -> table.unfillable != null)
                .forEach(table -> unfillable.put(table.table(), table.unfillable));
        return unfillable;
    }

    /** How many rows of each table the filler knows to be there, in fill order. */
    public Map<TableName, Integer> rows() {
        Map<TableName, Integer> rows = new LinkedHashMap<>();
        tables.forEach(table -> rows.put(table.table(), table.live.size()));
        return rows;
    }

    /** Each table's ledger of the mix, in fill order. */
    public List<TableLedger> ledgers() {
        return tables.stream().map(FilledTable::tableLedger).toList();
    }

    /** Inserts {@code rows} rows into every table, parents first, without a ledger (the snapshot reads them). */
    public void seed(int rows) throws SQLException {
        try (Connection connection = postgres.open()) {
            connection.setAutoCommit(false);
            for (FilledTable table : tables) {
                for (int i = 0; i < rows && table.unfillable == null; i++) {
                    insert(connection, table);
                    if ((i + 1) % SEED_BATCH == 0) {
                        connection.commit();
                    }
                }
                connection.commit();
                LOG.info("Seeded {} with {} rows{}", table.table().qualified(), table.live.size(),
                        table.unfillable == null ? "" : " (then stopped: " + table.unfillable + ")");
            }
        }
    }

    /**
     * Writes about {@code changesPerTable} changes to every fillable table, in transactions of a few changes of one
     * table, the tables interleaved, each committed transaction in its table's ledger.
     */
    public void mix(int changesPerTable) throws SQLException {
        mix(changesPerTable, Set.of());
    }

    /** As {@link #mix(int)}, but leaves {@code others} alone: tables another writer (a {@link Workload}) changes. */
    public void mix(int changesPerTable, Set<TableName> others) throws SQLException {
        try (Connection connection = postgres.open()) {
            connection.setAutoCommit(false);
            Map<FilledTable, Integer> remaining = new LinkedHashMap<>();
            tables.stream().filter(table -> table.unfillable == null && !others.contains(table.table()))
                    .forEach(table -> remaining.put(table, changesPerTable));
            while (!remaining.isEmpty()) {
                List<FilledTable> open = new ArrayList<>(remaining.keySet());
                FilledTable table = open.get(random.nextInt(open.size()));
                long txId = currentTxId(connection);
                List<Ledger.Change> changes = new ArrayList<>();
                for (int i = 0; i < CHANGES_PER_TRANSACTION && table.unfillable == null; i++) {
                    Ledger.Change change = change(connection, table);
                    if (change != null) {
                        changes.add(change);
                    }
                }
                connection.commit();
                if (!changes.isEmpty()) {
                    table.ledger.appendCommitted(++table.transactions, txId, changes);
                }
                int left = remaining.get(table) - Math.max(1, changes.size());
                if (left <= 0 || table.unfillable != null) {
                    remaining.remove(table);
                } else {
                    remaining.put(table, left);
                }
            }
        }
        for (FilledTable table : tables) {
            LOG.info("Mix on {}: {}", table.table().qualified(), table.ledger.countsByOp());
        }
    }

    private Ledger.Change change(Connection connection, FilledTable table) throws SQLException {
        int pick = random.nextInt(10);
        if (pick < 4 || table.live.isEmpty()) {
            Map<String, Object> row = insert(connection, table);
            return row == null ? null : new Ledger.Change(Op.CREATE, table.keyNumber(row),
                    ComparableValues.of(row, table.compared));
        }
        int key = table.live.get(random.nextInt(table.live.size()));
        if (pick < 8 || foreignKeys.referenced(table, key)) {
            return update(connection, table, key);
        }
        Map<String, Object> before = table.rows.get(key);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.table().quoted()
                + " WHERE " + keyCondition(table))) {
            bindKey(delete, 1, table, before);
            delete.executeUpdate();
        }
        table.remove(key);
        return new Ledger.Change(Op.DELETE, key, ComparableValues.of(before, table.compared));
    }

    /** Inserts one row, retried with other values when refused; {@code null} when the table became unfillable. */
    private Map<String, Object> insert(Connection connection, FilledTable table) throws SQLException {
        List<ColumnShape> columns = table.insertColumns();
        String sql = columns.isEmpty() ? "INSERT INTO " + table.table().quoted() + " DEFAULT VALUES RETURNING *"
                : "INSERT INTO " + table.table().quoted() + " (" + columns.stream().map(c -> quote(c.name()))
                .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(c -> "?::" + c.type())
                .collect(Collectors.joining(", ")) + ") RETURNING *";
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, String> row = new LinkedHashMap<>();
            String missingParent = foreignKeys.values(table, row);
            if (missingParent != null) {
                table.unfillable = missingParent;
                return null;
            }
            for (ColumnShape column : columns) {
                if (!row.containsKey(column.name())) {
                    row.put(column.name(), column.notNull() || random.nextInt(6) != 0
                            ? values.literal(column, table.checkLiterals.get(column.name())) : null);
                }
            }
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int index = 1;
                for (ColumnShape column : columns) {
                    insert.setString(index++, row.get(column.name()));
                }
                Map<String, Object> written = returned(insert);
                connection.releaseSavepoint(savepoint);
                table.put(table.keyNumber(written), written);
                return written;
            } catch (SQLException refused) {
                connection.rollback(savepoint);
                last = refused;
            }
        }
        table.unfillable = refusal(table, "insert", last);
        return null;
    }

    private Ledger.Change update(Connection connection, FilledTable table, int key) throws SQLException {
        List<ColumnShape> updatable = table.updatableColumns();
        if (updatable.isEmpty()) {
            return null;
        }
        Map<String, Object> before = table.rows.get(key);
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ColumnShape> set = new ArrayList<>(updatable);
            while (set.size() > 1 && random.nextInt(3) != 0) {
                set.remove(random.nextInt(set.size()));
            }
            String sql = "UPDATE " + table.table().quoted() + " SET " + set.stream().map(c -> quote(c.name())
                    + " = ?::" + c.type()).collect(Collectors.joining(", ")) + " WHERE " + keyCondition(table)
                    + " RETURNING *";
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                for (ColumnShape column : set) {
                    update.setString(index++, column.notNull() || random.nextInt(6) != 0
                            ? values.literal(column, table.checkLiterals.get(column.name())) : null);
                }
                bindKey(update, index, table, before);
                Map<String, Object> after = returned(update);
                connection.releaseSavepoint(savepoint);
                table.put(key, after);
                return new Ledger.Change(Op.UPDATE, key, ComparableValues.of(after, table.compared),
                        ComparableValues.of(before, table.compared));
            } catch (SQLException refused) {
                connection.rollback(savepoint);
                last = refused;
            }
        }
        table.unfillable = refusal(table, "update", last);
        return null;
    }

    private static String refusal(FilledTable table, String what, SQLException last) {
        String constraint = constraintOf(last);
        String definition = constraint == null ? "" : table.shape.checks().stream()
                .filter(check -> check.name().equals(constraint)).map(check -> " " + check.definition())
                .findFirst().orElse("");
        String message = last == null ? "" : last.getMessage().lines().findFirst().orElse("");
        return "PostgreSQL refused " + ATTEMPTS + " generated rows in a row (" + what + ")"
                + (constraint == null ? "" : ", constraint " + constraint + definition) + ": " + message;
    }

    private static String constraintOf(SQLException e) {
        return e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getConstraint() : null;
    }

    private static String keyCondition(FilledTable table) {
        return table.shape.primaryKey().stream().map(column -> quote(column) + " = ?::"
                + table.shape.column(column).orElseThrow().type()).collect(Collectors.joining(" AND "));
    }

    private static void bindKey(PreparedStatement statement, int from, FilledTable table, Map<String, Object> row)
            throws SQLException {
        int index = from;
        for (String column : table.shape.primaryKey()) {
            statement.setString(index++, ComparableValues.literal(row.get(column)));
        }
    }

    private static Map<String, Object> returned(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new SQLException("the statement returned no row");
            }
            return RowValues.read(result);
        }
    }

    private static long currentTxId(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("SELECT txid_current()")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
