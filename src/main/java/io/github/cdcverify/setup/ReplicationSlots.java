package io.github.cdcverify.setup;

import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches and removes replication slots and publications. A slot left behind makes PostgreSQL keep WAL forever, so
 * removal is part of every clean-up, including after failures.
 */
public final class ReplicationSlots {

    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a deleted connector's task may still take to create its slot: its start-up takes about a second. */
    private static final Duration LATE_SLOT_WINDOW = Duration.ofSeconds(3);

    private ReplicationSlots() {
    }

    /**
     * Drops the slot if it exists. A slot still held by a stopping connector is waited for, then its walsender is
     * terminated.
     *
     * @return whether a slot was dropped
     * @throws SetupException when the slot is still held {@link #RELEASE_TIMEOUT} after its walsender was told to
     *                        end
     */
    public static boolean dropSlot(Connection connection, String slotName) throws SQLException {
        return drop(connection, slotName, RELEASE_TIMEOUT, Duration.ZERO);
    }

    /**
     * Drops the slot of a connector that was just deleted, once its task has released it. Connect stops a deleted
     * connector's task asynchronously, and a task that was still starting may create the slot only now: a slot
     * that is not there yet is watched for a short while ({@link #LATE_SLOT_WINDOW}) before concluding it never
     * comes. A slot still held after {@code timeout} has its walsender terminated.
     *
     * @return whether a slot was dropped
     * @throws SetupException naming the slot and its holder when it is still held after twice {@code timeout}
     */
    public static boolean dropWhenReleased(Connection connection, String slotName, Duration timeout)
            throws SQLException {
        return drop(connection, slotName, timeout, LATE_SLOT_WINDOW);
    }

    private static boolean drop(Connection connection, String slotName, Duration releaseTimeout,
                                Duration lateSlotWindow) throws SQLException {
        Instant began = Instant.now();
        Instant terminateAfter = began.plus(releaseTimeout);
        Instant giveUpAfter = terminateAfter.plus(releaseTimeout);
        Integer[] holder = new Integer[1];
        Boolean[] dropped = new Boolean[1];
        Duration bound = Duration.between(began, giveUpAfter).compareTo(lateSlotWindow) >= 0
                ? Duration.between(began, giveUpAfter) : lateSlotWindow;
        BoundedWait.upTo(bound).every(Duration.ofMillis(50)).until(() -> {
            Integer activePid = activePid(connection, slotName);
            holder[0] = activePid;
            if (activePid == null) {
                if (Instant.now().isAfter(began.plus(lateSlotWindow))) {
                    dropped[0] = false;
                }
            } else if (activePid == 0) {
                try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    drop.setString(1, slotName);
                    drop.execute();
                    dropped[0] = true;
                } catch (SQLException raceWithReconnect) {
                    // the connector's task grabbed it again between the check and the drop; look again
                }
            } else if (Instant.now().isAfter(terminateAfter)) {
                try (PreparedStatement kill = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    kill.setInt(1, activePid);
                    kill.execute();
                }
            }
            return dropped[0] != null;
        });
        if (dropped[0] != null) {
            return dropped[0];
        }
        if (holder[0] == null || holder[0] == 0) {
            return false;
        }
        throw new SetupException("Replication slot '" + slotName + "' is still held by walsender pid " + holder[0]
                + " " + Duration.between(began, Instant.now()).toSeconds() + " s after its connector was deleted, "
                + "even after pg_terminate_backend. Drop it by hand once it is released: "
                + "SELECT pg_drop_replication_slot('" + slotName + "').");
    }

    /**
     * Waits until a walsender holds the slot, i.e. the connector streams from it.
     *
     * @throws SetupException naming the slot and the timeout when nobody holds it in time
     */
    public static void awaitActive(Connection connection, String slotName, Duration timeout) throws SQLException {
        if (!BoundedWait.upTo(timeout).every(Duration.ofMillis(20)).until(() -> {
            Integer pid = activePid(connection, slotName);
            return pid != null && pid != 0;
        })) {
            throw new SetupException("Replication slot '" + slotName + "' was " + (activePid(connection, slotName)
                    == null ? "not created" : "not in use") + " within " + Durations.readable(timeout) + ": the "
                    + "connector is not streaming. Check the connector's status and the Connect worker's log.");
        }
    }

    /** PostgreSQL's current WAL position, e.g. {@code 0/42AC4B8}. */
    public static String currentWalPosition(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_current_wal_lsn()::text");
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getString(1);
        }
    }

    /**
     * The WAL position up to which the slot's consumer confirmed it has what it needs (a connector confirms when it
     * commits its offsets), or {@code null} when there is no such slot.
     */
    public static String confirmedPosition(Connection connection, String slotName) throws SQLException {
        return slotValue(connection, "confirmed_flush_lsn::text", slotName, String.class);
    }

    /** Whether the slot exists and has confirmed at least {@code position} (see {@link #confirmedPosition}). */
    public static boolean hasConfirmed(Connection connection, String slotName, String position) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT confirmed_flush_lsn >= ?::pg_lsn "
                + "FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, position);
            query.setString(2, slotName);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** {@code null} when there is no such slot, 0 when it exists and nobody holds it, else the holder's pid. */
    private static Integer activePid(Connection connection, String slotName) throws SQLException {
        return slotValue(connection, "coalesce(active_pid, 0)", slotName, Integer.class);
    }

    /** {@code expression} over the slot's row in {@code pg_replication_slots}; {@code null} without such a slot. */
    private static <T> T slotValue(Connection connection, String expression, String slotName, Class<T> type)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + expression + " FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slotName);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, type) : null;
            }
        }
    }

    /** Drops the publication if it exists. */
    public static void dropPublication(Connection connection, String publicationName) throws SQLException {
        TableName.requireIdentifier("publication", publicationName);
        try (PreparedStatement drop = connection.prepareStatement(
                "DROP PUBLICATION IF EXISTS \"" + publicationName + "\"")) {
            drop.execute();
        }
    }

    /** Names of every replication slot whose name starts with {@code prefix}. */
    public static List<String> slotsStartingWith(Connection connection, String prefix) throws SQLException {
        return names(connection, "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE ? ORDER BY 1",
                prefix);
    }

    /** Names of every publication whose name starts with {@code prefix}. */
    public static List<String> publicationsStartingWith(Connection connection, String prefix) throws SQLException {
        return names(connection, "SELECT pubname FROM pg_publication WHERE pubname LIKE ? ORDER BY 1", prefix);
    }

    /** Inactive slots and the WAL each one holds back, e.g. {@code "s1 (12 MB)"}. */
    public static List<String> inactiveSlotsWithRetainedWal(Connection connection) throws SQLException {
        List<String> slots = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT slot_name, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) "
                        + "FROM pg_replication_slots WHERE NOT active ORDER BY 1");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                slots.add(rows.getString(1) + " (" + rows.getString(2) + " of WAL retained)");
            }
        }
        return slots;
    }

    /**
     * One warning per inactive slot, with the WAL it holds back: a slot nobody reads makes PostgreSQL keep WAL until
     * the disk is full.
     */
    public static List<String> inactiveSlotWarnings(Connection connection) throws SQLException {
        return inactiveSlotsWithRetainedWal(connection).stream()
                .map(slot -> "Warning: replication slot " + slot + " is inactive: PostgreSQL keeps that WAL until the "
                        + "slot is read again or dropped. If nothing uses it any more, drop it with "
                        + "SELECT pg_drop_replication_slot('<name>').")
                .toList();
    }

    private static List<String> names(Connection connection, String sql, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
