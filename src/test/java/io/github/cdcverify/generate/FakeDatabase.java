package io.github.cdcverify.generate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of a transactional {@code users} table behind JDBC interfaces to test the generator without a
 * database: it understands exactly the statements the generator prepares.
 */
final class FakeDatabase {

    private TreeMap<Integer, Map<String, Object>> committed = new TreeMap<>();
    private TreeMap<Integer, Map<String, Object>> working = new TreeMap<>();
    private int nextId = 1;
    private long nextXid = 700;
    private Long currentXid;

    boolean tableExists = true;
    /** 1-based number of the data-changing statement that fails, or 0. */
    int failOnWrite;
    boolean failCommit;
    Runnable onWrite = () -> { };

    int writes;
    int commits;
    int rollbacks;
    boolean closed;
    Boolean autoCommit;

    void seed(String name, String email) {
        int id = nextId++;
        committed.put(id, row(id, name, email));
        working = copy(committed);
    }

    synchronized Map<Integer, Map<String, Object>> committedRows() {
        return copy(committed);
    }

    ConnectionFactory factory() {
        return this::connection;
    }

    Connection connection() {
        InvocationHandler handler = (proxy, method, args) -> {
            synchronized (this) {
                switch (method.getName()) {
                    case "setAutoCommit" -> autoCommit = (Boolean) args[0];
                    case "prepareStatement" -> {
                        return statement((String) args[0]);
                    }
                    case "commit" -> {
                        if (failCommit && currentXid != null) {
                            throw new SQLException("could not serialize access", "40001");
                        }
                        committed = copy(working);
                        currentXid = null;
                        commits++;
                    }
                    case "rollback" -> {
                        working = copy(committed);
                        currentXid = null;
                        rollbacks++;
                    }
                    case "close" -> closed = true;
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            }
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private PreparedStatement statement(String sql) {
        Map<Integer, Object> params = new HashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            synchronized (this) {
                switch (method.getName()) {
                    case "setString", "setInt" -> params.put((Integer) args[0], args[1]);
                    case "executeQuery" -> {
                        return resultSet(query(sql, params));
                    }
                    case "executeUpdate" -> {
                        return update(sql, params);
                    }
                    case "close" -> { }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private List<Object[]> query(String sql, Map<Integer, Object> params) throws SQLException {
        requireTable();
        if (sql.startsWith("SELECT pg_current_xact_id()")) {
            if (currentXid == null) {
                currentXid = nextXid++;
            }
            return List.<Object[]>of(new Object[] {currentXid});
        }
        if (sql.startsWith("SELECT id, name, email FROM")) {
            List<Object[]> rows = new ArrayList<>();
            working.values().forEach(row -> rows.add(new Object[] {row.get("id"), row.get("name"), row.get("email")}));
            return rows;
        }
        if (sql.startsWith("INSERT INTO")) {
            write();
            int id = nextId++;
            working.put(id, row(id, (String) params.get(1), (String) params.get(2)));
            return List.<Object[]>of(new Object[] {id});
        }
        throw new UnsupportedOperationException(sql);
    }

    private int update(String sql, Map<Integer, Object> params) throws SQLException {
        requireTable();
        write();
        if (sql.startsWith("UPDATE")) {
            int id = (Integer) params.get(3);
            if (!working.containsKey(id)) {
                return 0;
            }
            working.put(id, row(id, (String) params.get(1), (String) params.get(2)));
            return 1;
        }
        if (sql.startsWith("DELETE")) {
            return working.remove((Integer) params.get(1)) == null ? 0 : 1;
        }
        throw new UnsupportedOperationException(sql);
    }

    private void write() throws SQLException {
        writes++;
        onWrite.run();
        if (writes == failOnWrite) {
            throw new SQLException("ERROR: value too long for type character varying(100)", "22001");
        }
    }

    private void requireTable() throws SQLException {
        if (!tableExists) {
            throw new SQLException("ERROR: relation \"public.users\" does not exist", "42P01");
        }
    }

    private static ResultSet resultSet(List<Object[]> rows) {
        Iterator<Object[]> iterator = rows.iterator();
        Object[][] current = new Object[1][];
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "next" -> {
                current[0] = iterator.hasNext() ? iterator.next() : null;
                yield current[0] != null;
            }
            case "getInt" -> ((Number) current[0][(Integer) args[0] - 1]).intValue();
            case "getLong" -> ((Number) current[0][(Integer) args[0] - 1]).longValue();
            case "getString" -> (String) current[0][(Integer) args[0] - 1];
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (ResultSet) Proxy.newProxyInstance(FakeDatabase.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, handler);
    }

    private static Map<String, Object> row(int id, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        return row;
    }

    private static TreeMap<Integer, Map<String, Object>> copy(TreeMap<Integer, Map<String, Object>> rows) {
        TreeMap<Integer, Map<String, Object>> copy = new TreeMap<>();
        rows.forEach((id, row) -> copy.put(id, new LinkedHashMap<>(row)));
        return copy;
    }
}
