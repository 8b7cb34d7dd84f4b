package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.judge.KeyValues;
import io.github.cdcverify.judge.TableValues;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table's rows by key text ({@link FoldedTopic#keyText(Map)}), read over JDBC. The whole table is streamed once
 * through a server-side cursor ({@link #stream}): each row is handed over and forgotten unless the handler keeps it
 * (a row that differs), so memory does not grow with the table. Differing keys are read again by themselves
 * ({@link #reread}) where the key's types let their text stand for them, so that a re-check of a few keys does not
 * read a large table again. No ORDER BY: the rows are looked up in the fold by key, so a sequential scan, the
 * fastest read, will do.
 */
final class TableRows {

    /** Key types whose text form from either side ({@link KeyValues}) PostgreSQL casts back. */
    private static final Set<String> TEXT_CASTABLE_KEYS = Set.of("smallint", "integer", "bigint", "numeric", "text",
            "character varying", "uuid", "date", "timestamp without time zone", "timestamp with time zone");
    /** More keys than this are read with the whole table: one query either way. */
    private static final int MOST_KEYS_BY_KEY = 1_000;
    /** Rows per round trip of the cursor: large enough that round trips cost little, small enough to stay light. */
    private static final int FETCH_SIZE = 10_000;

    /** Gets each row of the table; returns whether to keep it (for a re-check). */
    @FunctionalInterface
    interface RowHandler {
        boolean row(String key, Map<String, Object> row) throws SQLException;
    }

    private final Connection connection;
    private final TableName table;
    private final List<Column> columns;
    private final List<Column> keyColumns;
    private final Map<String, Column> keyColumnsByName = new HashMap<>();
    private final String selectAll;
    private final Map<String, Map<String, Object>> rows = new HashMap<>();
    private long streamed;

    private TableRows(Connection connection, TableName table, List<Column> columns, List<String> keyNames) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.keyColumns = keyNames.stream().map(name -> columns.stream().filter(c -> c.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("Key column " + name + " of "
                        + table.qualified() + " is not among its columns"))).toList();
        keyColumns.forEach(column -> keyColumnsByName.put(column.name(), column));
        this.selectAll = "SELECT " + columns.stream().map(TableValues::select).collect(Collectors.joining(", "))
                + " FROM " + table.quoted();
    }

    /** Every row of the table, kept: for small tables and tests. */
    static TableRows read(Connection connection, TableName table, List<Column> columns, List<String> keyNames)
            throws SQLException {
        return stream(connection, table, columns, keyNames, (key, row) -> true);
    }

    /** Hands every row of the table to {@code handler}, keeping those it says to keep. */
    static TableRows stream(Connection connection, TableName table, List<Column> columns, List<String> keyNames,
                            RowHandler handler) throws SQLException {
        TableRows rows = new TableRows(connection, table, columns, keyNames);
        rows.select(rows.selectAll, List.of(), handler);
        return rows;
    }

    /** How many rows the last full read streamed. */
    long streamed() {
        return streamed;
    }

    int size() {
        return rows.size();
    }

    Set<String> keys() {
        return rows.keySet();
    }

    /** The row of {@code key}, or null when the table has none. */
    Map<String, Object> row(String key) {
        return rows.get(key);
    }

    /**
     * Reads the rows of {@code keys} again: by key when there are few and their types allow it, else the whole table.
     *
     * @param topicRow the topic's image of a key, for keys the table did not have (their values come from there)
     */
    TableRows reread(Collection<String> keys, Function<String, FoldedTopic.Row> topicRow) throws SQLException {
        List<List<String>> keyValues = keys.size() > MOST_KEYS_BY_KEY ? null : keyValues(keys, topicRow);
        if (keyValues == null) {
            Set<String> wanted = keys instanceof Set<String> set ? set : new HashSet<>(keys);
            rows.clear();
            select(selectAll, List.of(), (key, row) -> wanted.contains(key));
            return this;
        }
        keys.forEach(rows::remove);
        if (!keyValues.isEmpty()) {
            String tuple = keyColumns.stream().map(c -> "CAST(? AS " + c.type() + ")")
                    .collect(Collectors.joining(", ", "(", ")"));
            String names = keyColumns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", ", "(", ")"));
            select(selectAll + " WHERE " + names + " IN ("
                    + String.join(", ", Collections.nCopies(keyValues.size(), tuple)) + ")",
                    keyValues.stream().flatMap(List::stream).toList(), (key, row) -> true);
        }
        return this;
    }

    /** Each key's values as text in key column order; null when a key's values are not known or not castable. */
    private List<List<String>> keyValues(Collection<String> keys, Function<String, FoldedTopic.Row> topicRow) {
        if (!keyColumns.stream().allMatch(c -> TEXT_CASTABLE_KEYS.contains(c.type()))) {
            return null;
        }
        List<List<String>> values = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> row = rows.get(key);
            FoldedTopic.Row image = row == null ? topicRow.apply(key) : null;
            List<String> parts = new ArrayList<>();
            for (Column column : keyColumns) {
                if (row != null) {
                    Object value = row.get(column.name());
                    if (value == null) {
                        return null;
                    }
                    parts.add(KeyValues.ofTable(column, value));
                } else {
                    JsonNode value = image == null ? null : image.values().get(column.name());
                    if (value == null || !value.isValueNode() || value.isNull()) {
                        return null;
                    }
                    parts.add(KeyValues.ofTopic(column, value, image.schemas().get(column.name())));
                }
            }
            values.add(parts);
        }
        return values;
    }

    private void select(String sql, List<String> parameters, RowHandler handler) throws SQLException {
        // pgjdbc reads a result through a cursor, FETCH_SIZE rows at a time, only inside a transaction.
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            // pgjdbc reads and decodes rows in a thread of its own while this one compares them.
            long count = PipelinedRead.<KeyedRow>run("cdc-verify-table-reader", sink -> query(sql, parameters, sink),
                    keyed -> {
                        try {
                            if (handler.row(keyed.key(), keyed.row())) {
                                rows.put(keyed.key(), keyed.row());
                            }
                        } catch (SQLException e) {
                            throw new HandlerFailed(e);
                        }
                    });
            if (parameters.isEmpty()) {
                streamed = count;
            }
        } catch (HandlerFailed e) {
            throw e.sqlException;
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("Reading " + table.qualified() + " failed: " + e.getMessage(), e);
        } finally {
            if (autoCommit) {
                // Ends the read-only transaction.
                connection.setAutoCommit(true);
            }
        }
    }

    /** A row with its key's text. */
    private record KeyedRow(String key, Map<String, Object> row) {
    }

    /** A handler's SQLException on its way out of the handing thread's callback. */
    private static final class HandlerFailed extends RuntimeException {
        private final SQLException sqlException;

        HandlerFailed(SQLException e) {
            super(e);
            this.sqlException = e;
        }
    }

    private void query(String sql, List<String> parameters, java.util.function.Consumer<KeyedRow> sink)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                select.setString(i + 1, parameters.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Column column : columns) {
                        row.put(column.name(), TableValues.read(result, column));
                    }
                    Map<String, Object> key = new LinkedHashMap<>();
                    keyColumns.forEach(column -> key.put(column.name(), row.get(column.name())));
                    sink.accept(new KeyedRow(FoldedTopic.keyText(key, keyColumnsByName), row));
                }
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The planner's estimate of the table's rows (for the time left), or -1 before the table was analyzed. */
    static long estimatedRows(Connection connection, TableName table) {
        try (PreparedStatement estimate = connection.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = CAST(? AS regclass)")) {
            estimate.setString(1, table.quoted());
            try (ResultSet result = estimate.executeQuery()) {
                return result.next() ? result.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }
}
