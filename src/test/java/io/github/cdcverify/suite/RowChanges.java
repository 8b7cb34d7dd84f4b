package io.github.cdcverify.suite;

import io.github.cdcverify.setup.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Single-row writes to a users-shaped table for scenarios, returning what the database holds afterwards. */
final class RowChanges {

    private final Connection connection;
    private final TableName table;

    RowChanges(Connection connection, TableName table) {
        this.connection = connection;
        this.table = table;
    }

    /** Inserts a row and returns it as stored (id, name, email, created_at). */
    Map<String, Object> insert(String name, String email) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.quoted()
                + " (name, email) VALUES (?, ?) RETURNING id, name, email, created_at")) {
            insert.setString(1, name);
            insert.setString(2, email);
            return single(insert);
        }
    }

    Map<String, Object> updateEmail(int id, String email) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table.quoted()
                + " SET email = ? WHERE id = ? RETURNING id, name, email, created_at")) {
            update.setString(1, email);
            update.setInt(2, id);
            return single(update);
        }
    }

    Map<String, Object> delete(int id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.quoted()
                + " WHERE id = ? RETURNING id, name, email, created_at")) {
            delete.setInt(1, id);
            return single(delete);
        }
    }

    private static Map<String, Object> single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", row.getInt("id"));
            values.put("name", row.getString("name"));
            values.put("email", row.getString("email"));
            values.put("created_at", row.getObject("created_at", OffsetDateTime.class));
            return values;
        }
    }
}
