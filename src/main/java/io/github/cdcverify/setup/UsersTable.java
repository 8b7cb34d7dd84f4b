package io.github.cdcverify.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The tutorial's table: {@code users (id SERIAL PRIMARY KEY, name, email, created_at TIMESTAMPTZ DEFAULT now())}. */
public final class UsersTable {

    /** The rows the tutorial starts with. */
    public static final List<List<String>> SEED_ROWS = List.of(
            List.of("Alice", "alice@example.com"),
            List.of("Bob", "bob@example.com"),
            List.of("Charlie", "charlie@example.com"));

    private final TableName name;

    public UsersTable(TableName name) {
        this.name = name;
    }

    public TableName name() {
        return name;
    }

    /** Creates the table if it does not exist yet. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + name.quoted() + " ("
                    + "id SERIAL PRIMARY KEY, "
                    + "name VARCHAR(100), "
                    + "email VARCHAR(100), "
                    + "created_at TIMESTAMPTZ DEFAULT now())");
        }
    }

    /**
     * Inserts Alice, Bob and Charlie, but only into an empty table, so running setup twice changes nothing.
     *
     * @return how many rows were inserted (3 or 0)
     */
    public int seedIfEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet any = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + name.quoted() + ")")) {
            any.next();
            if (any.getBoolean(1)) {
                return 0;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + name.quoted() + " (name, email) VALUES (?, ?)")) {
            for (List<String> row : SEED_ROWS) {
                insert.setString(1, row.get(0));
                insert.setString(2, row.get(1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return SEED_ROWS.size();
    }

    /**
     * Chooses what Debezium sees of the old row: {@code DEFAULT} sends only the key in a delete's {@code before}
     * and no {@code before} for updates; {@code FULL} sends the whole old row in both.
     */
    public void setReplicaIdentity(Connection connection, ReplicaIdentity identity) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + name.quoted() + " REPLICA IDENTITY " + identity.name());
        }
    }

    /** Drops the table if it exists. */
    public void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + name.quoted());
        }
    }

    /** PostgreSQL's replica identities that matter for Debezium. */
    public enum ReplicaIdentity { DEFAULT, FULL }
}
