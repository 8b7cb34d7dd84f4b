package io.github.cdcverify.setup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that PostgreSQL can feed Debezium before anything is registered: logical decoding is on, the user may
 * replicate, and replication slots are left.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * @throws SetupException listing every problem found, each with its fix
     */
    public static void check(Connection connection) {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            String walLevel = single(statement, "SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                problems.add("wal_level is '" + walLevel + "' but Debezium needs 'logical'. Run ALTER SYSTEM SET "
                        + "wal_level = logical (or start postgres with -c wal_level=logical) and restart PostgreSQL.");
            }
            String canReplicate = single(statement,
                    "SELECT (rolreplication OR rolsuper)::text FROM pg_roles WHERE rolname = current_user");
            if (!"true".equals(canReplicate)) {
                String user = single(statement, "SELECT current_user");
                problems.add("user '" + user + "' has no REPLICATION privilege. Run ALTER ROLE \"" + user
                        + "\" WITH REPLICATION, or connect as a user that has it.");
            }
            int freeSlots = Integer.parseInt(single(statement, "SELECT current_setting('max_replication_slots')::int"
                    + " - (SELECT count(*) FROM pg_replication_slots)"));
            if (freeSlots < 1) {
                problems.add("no replication slot is free (max_replication_slots is used up). Drop unused slots "
                        + "(SELECT pg_drop_replication_slot(name)) or raise max_replication_slots and restart.");
            }
        } catch (SQLException e) {
            throw new SetupException("Could not check PostgreSQL's settings: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new SetupException("PostgreSQL is not ready for change data capture: " + String.join(" Also: ",
                    problems));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
