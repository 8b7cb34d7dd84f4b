package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.setup.SqlScript;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The user's own writes ({@code --workload FILE.sql}): the file's statements run in order, again and again, until they
 * made the number of changes asked for. Each statement is a transaction of its own, unless the file groups statements
 * between {@code BEGIN} and {@code COMMIT} (or {@code ROLLBACK}). Nothing in the file says what it changed, so after
 * every statement each captured table is read back and compared with what it held before: its effect (rows that
 * appeared, changed, vanished, by primary key) goes into the table's {@link TableLedger} when the transaction commits.
 *
 * <p>It covers tables the {@link SchemaFiller} cannot fill (a check constraint it cannot meet) and is the user's own
 * realistic mix. A statement that touches one row twice (a CTE of two updates) is recorded by its net effect, so keep
 * to one change per row and statement; the tables are read whole after each statement, so keep them small.
 */
public final class Workload {

    private static final Pattern BEGIN = Pattern.compile("(?is)(BEGIN|START\\s+TRANSACTION)\\b.*");
    private static final Pattern COMMIT = Pattern.compile("(?is)(COMMIT|END)(\\s+(WORK|TRANSACTION))?");
    private static final Pattern ROLLBACK = Pattern.compile("(?is)(ROLLBACK|ABORT)(\\s+(WORK|TRANSACTION))?");
    private static final Pattern SAVEPOINTS = Pattern.compile("(?is)(SAVEPOINT|RELEASE|ROLLBACK\\s+(WORK\\s+|"
            + "TRANSACTION\\s+)?TO)\\b.*");

    /** What a run wrote: the ledgers of the tables it changed, how many rounds of the file it took. */
    public record Result(List<TableLedger> ledgers, int rounds, int changes) {
    }

    private final Path file;
    private final List<SqlScript.Statement> statements;

    private Workload(Path file, List<SqlScript.Statement> statements) {
        this.file = file;
        this.statements = statements;
    }

    /**
     * @throws IllegalArgumentException when the file cannot be read, holds no statement, or uses savepoints (whose
     *                                  partial rollbacks cannot be read back as an effect)
     */
    public static Workload read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the workload file " + file + " (" + e.getMessage()
                    + "): give a .sql file of INSERT, UPDATE and DELETE statements.", e);
        }
        List<SqlScript.Statement> statements = SqlScript.statements(text);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("The workload file " + file + " holds no statement: give INSERT, "
                    + "UPDATE and DELETE statements, separated by semicolons.");
        }
        for (SqlScript.Statement statement : statements) {
            if (SAVEPOINTS.matcher(statement.sql()).matches()) {
                throw new IllegalArgumentException("Workload file " + file + ", line " + statement.firstLine()
                        + ": savepoints are not supported (a partial rollback cannot be told from the table's "
                        + "effect); use whole transactions (BEGIN ... COMMIT or ROLLBACK).");
            }
        }
        return new Workload(file, List.copyOf(statements));
    }

    public Path file() {
        return file;
    }

    /**
     * Runs the file until it made at least {@code changes} changes in all {@code tables} together (a round that
     * changes nothing ends it too), recording each committed transaction's effect per table.
     *
     * @throws WorkloadException the first statement PostgreSQL refused: file, line and PostgreSQL's message
     */
    public Result run(PostgresEndpoint postgres, List<TableName> tables, int changes) throws SQLException {
        try (Connection connection = postgres.open()) {
            connection.setAutoCommit(false);
            List<TableEffects> tracked = new ArrayList<>();
            for (TableName table : tables) {
                FilledTable shape = new FilledTable(TableShape.read(connection, table));
                shape.unfillable = FilledTable.keyProblem(shape.shape);
                if (shape.unfillable == null) {
                    tracked.add(new TableEffects(shape, rows(connection, shape)));
                }
            }
            connection.commit();
            int made = 0;
            int rounds = 0;
            while (made < changes) {
                int round = round(connection, tracked, ++rounds);
                made += round;
                if (round == 0) {
                    break;
                }
            }
            List<TableLedger> ledgers = tracked.stream().filter(table -> table.table.ledger.size() > 0)
                    .map(table -> table.table.tableLedger()).toList();
            return new Result(ledgers, rounds, made);
        }
    }

    /** One pass over the file; the changes it committed. */
    private int round(Connection connection, List<TableEffects> tracked, int round) throws SQLException {
        boolean inTransaction = false;
        int committed = 0;
        for (SqlScript.Statement statement : statements) {
            String sql = statement.sql();
            if (BEGIN.matcher(sql).matches()) {
                inTransaction = true;
                continue;
            }
            if (COMMIT.matcher(sql).matches()) {
                committed += commit(connection, tracked);
                inTransaction = false;
                continue;
            }
            if (ROLLBACK.matcher(sql).matches()) {
                connection.rollback();
                tracked.forEach(TableEffects::rollback);
                inTransaction = false;
                continue;
            }
            try (Statement execute = connection.createStatement()) {
                execute.execute(sql);
            } catch (SQLException e) {
                connection.rollback();
                throw WorkloadException.of(file, lineOf(statement, e), round, sql, e);
            }
            for (TableEffects table : tracked) {
                table.readEffect(rows(connection, table.table));
            }
            if (!inTransaction) {
                committed += commit(connection, tracked);
            }
        }
        return committed + (inTransaction ? commit(connection, tracked) : 0);
    }

    private static int commit(Connection connection, List<TableEffects> tracked) throws SQLException {
        Long txId = null;
        try (Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("SELECT pg_current_xact_id_if_assigned()::text::bigint")) {
            if (result.next()) {
                long id = result.getLong(1);
                txId = result.wasNull() ? null : id;
            }
        }
        connection.commit();
        int changes = 0;
        for (TableEffects table : tracked) {
            changes += table.commit(txId);
        }
        return changes;
    }

    /** The table's rows by primary key values (as text), each row as read back. */
    private static Map<List<String>, Map<String, Object>> rows(Connection connection, FilledTable table)
            throws SQLException {
        Map<List<String>, Map<String, Object>> rows = new LinkedHashMap<>();
        try (Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("SELECT * FROM " + table.table().quoted())) {
            while (result.next()) {
                Map<String, Object> row = RowValues.read(result);
                List<String> key = new ArrayList<>();
                for (String column : table.shape.primaryKey()) {
                    key.add(String.valueOf(ComparableValues.value(row.get(column))));
                }
                rows.put(key, row);
            }
        }
        return rows;
    }

    private static int lineOf(SqlScript.Statement statement, SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getPosition() > 0) {
            return statement.lineOf(psql.getServerErrorMessage().getPosition());
        }
        return statement.firstLine();
    }

    /** One table's rows as last committed and as the open transaction left them, and that transaction's changes. */
    private static final class TableEffects {
        final FilledTable table;
        Map<List<String>, Map<String, Object>> committed;
        Map<List<String>, Map<String, Object>> current;
        final List<Ledger.Change> pending = new ArrayList<>();

        TableEffects(FilledTable table, Map<List<String>, Map<String, Object>> rows) {
            this.table = table;
            this.committed = rows;
            this.current = rows;
        }

        /** Rows gone are deletes, rows new are creates, rows that differ in any column are updates. */
        void readEffect(Map<List<String>, Map<String, Object>> now) throws SQLException {
            for (Map.Entry<List<String>, Map<String, Object>> old : current.entrySet()) {
                if (!now.containsKey(old.getKey())) {
                    pending.add(new Ledger.Change(Op.DELETE, table.keyNumber(old.getValue()),
                            ComparableValues.of(old.getValue(), table.compared)));
                }
            }
            for (Map.Entry<List<String>, Map<String, Object>> row : now.entrySet()) {
                Map<String, Object> before = current.get(row.getKey());
                if (before == null) {
                    pending.add(new Ledger.Change(Op.CREATE, table.keyNumber(row.getValue()),
                            ComparableValues.of(row.getValue(), table.compared)));
                } else if (!same(before, row.getValue())) {
                    pending.add(new Ledger.Change(Op.UPDATE, table.keyNumber(row.getValue()),
                            ComparableValues.of(row.getValue(), table.compared),
                            ComparableValues.of(before, table.compared)));
                }
            }
            current = now;
        }

        int commit(Long txId) {
            committed = current;
            if (pending.isEmpty()) {
                return 0;
            }
            table.ledger.appendCommitted(++table.transactions, txId, pending);
            int changes = pending.size();
            pending.clear();
            return changes;
        }

        void rollback() {
            current = committed;
            pending.clear();
        }

        /** Every column, in the forms the ledger holds (so arrays and bytea compare by content). */
        private static boolean same(Map<String, Object> a, Map<String, Object> b) throws SQLException {
            for (Map.Entry<String, Object> column : a.entrySet()) {
                if (!Objects.equals(ComparableValues.value(column.getValue()),
                        ComparableValues.value(b.get(column.getKey())))) {
                    return false;
                }
            }
            return true;
        }
    }
}
