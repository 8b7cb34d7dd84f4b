package io.github.cdcverify.setup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What PostgreSQL's catalog says about a connector's capture: the tables there, what a publication publishes, each
 * table's key, replica identity and column types, and the replication slot's state. Read-only.
 */
public final class CaptureCatalog {

    private final Connection connection;

    public CaptureCatalog(Connection connection) {
        this.connection = connection;
    }

    /** A column as the catalog describes it. */
    public record Column(String name, String type, Integer numericPrecision, Integer numericScale,
                         Integer datetimePrecision, String udtName) {
    }

    /**
     * A replication slot's state; {@code lagBytes} is the WAL written since the consumer confirmed; {@code walStatus}
     * PostgreSQL's {@code wal_status} ({@code reserved}, {@code extended}, {@code unreserved}, {@code lost}; null
     * before PostgreSQL 13).
     */
    public record SlotState(String name, boolean active, String plugin, Long lagBytes, String walStatus) {
    }

    /**
     * Which operations a publication publishes, whether it publishes every table, and whether it publishes a
     * partition's changes as its root table's ({@code publish_via_partition_root}).
     */
    public record Publication(String name, boolean allTables, boolean inserts, boolean updates, boolean deletes,
                              boolean viaPartitionRoot) {
    }

    /**
     * How a publication publishes one table (PostgreSQL 15 and later; empty values before).
     *
     * @param rowFilter the {@code WHERE} expression rows must match to be published; empty when every row is
     * @param columns   the published columns when a column list leaves some out; empty when all are published
     */
    public record PublishedTable(Optional<String> rowFilter, List<String> columns) {
    }

    /** Every ordinary and partitioned table outside PostgreSQL's own schemas, sorted. */
    public List<TableName> userTables() throws SQLException {
        return tables("SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN "
                + "('pg_catalog', 'information_schema') ORDER BY 1, 2", null);
    }

    /** The tables {@code publication} publishes; empty when it does not exist (see {@link #publicationExists}). */
    public List<TableName> publishedTables(String publication) throws SQLException {
        return tables("SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1, 2",
                publication);
    }

    public boolean publicationExists(String publication) throws SQLException {
        return publication(publication).isPresent();
    }

    /** The publication's operations, if it exists. */
    public Optional<Publication> publication(String publication) throws SQLException {
        boolean viaRoot = connection.getMetaData().getDatabaseMajorVersion() >= 13;
        try (PreparedStatement query = connection.prepareStatement("SELECT puballtables, pubinsert, pubupdate, "
                + "pubdelete, " + (viaRoot ? "pubviaroot" : "false") + " FROM pg_publication WHERE pubname = ?")) {
            query.setString(1, publication);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Publication(publication, rows.getBoolean(1), rows.getBoolean(2),
                        rows.getBoolean(3), rows.getBoolean(4), rows.getBoolean(5))) : Optional.empty();
            }
        }
    }

    /** Each partition among the user's tables, with the partitioned table at the top of its tree. */
    public Map<TableName, TableName> partitionRoots() throws SQLException {
        Map<TableName, TableName> roots = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname, c.relname, rn.nspname, "
                + "r.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_class r ON r.oid = pg_partition_root(c.oid) JOIN pg_namespace rn ON rn.oid = r.relnamespace "
                + "WHERE c.relispartition");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                roots.put(new TableName(rows.getString(1), rows.getString(2)),
                        new TableName(rows.getString(3), rows.getString(4)));
            }
        }
        return roots;
    }

    /**
     * The row filter and column list {@code publication} applies to {@code table} (PostgreSQL 15 and later: before,
     * every row and column is published).
     */
    public PublishedTable publishedTable(String publication, TableName table) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 15) {
            return new PublishedTable(Optional.empty(), List.of());
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT rowfilter, attnames FROM "
                + "pg_publication_tables WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
            query.setString(1, publication);
            query.setString(2, table.schema());
            query.setString(3, table.table());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return new PublishedTable(Optional.empty(), List.of());
                }
                Optional<String> filter = Optional.ofNullable(rows.getString(1));
                Array names = rows.getArray(2);
                List<String> published = names == null ? List.of() : List.of((String[]) names.getArray());
                boolean allColumns = published.isEmpty() || published.size() == columns(table).size();
                return new PublishedTable(filter, allColumns ? List.of() : published);
            }
        }
    }

    /** The primary key's columns in key order; empty when the table has none. */
    public List<String> primaryKey(TableName table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary "
                        + "ORDER BY array_position(i.indkey, a.attnum)")) {
            query.setString(1, table.quoted());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** {@code d} default, {@code f} full, {@code i} index, {@code n} nothing. */
    public char replicaIdentity(TableName table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT relreplident FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, table.quoted());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1).charAt(0) : 'd';
            }
        }
    }

    /** The table's columns in order. */
    public List<Column> columns(TableName table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT column_name, data_type, numeric_precision, numeric_scale, datetime_precision, udt_name "
                        + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                        + "ORDER BY ordinal_position")) {
            query.setString(1, table.schema());
            query.setString(2, table.table());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString(1), rows.getString(2), integer(rows, 3), integer(rows, 4),
                            integer(rows, 5), rows.getString(6)));
                }
            }
        }
        return columns;
    }

    /** The slot's state, if it exists. */
    public Optional<SlotState> slot(String slotName) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT slot_name, active, plugin, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint, "
                        + (connection.getMetaData().getDatabaseMajorVersion() >= 13 ? "wal_status" : "NULL")
                        + " FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slotName);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long lag = rows.getLong(4);
                Long lagBytes = rows.wasNull() ? null : lag;
                return Optional.of(new SlotState(rows.getString(1), rows.getBoolean(2), rows.getString(3),
                        lagBytes, rows.getString(5)));
            }
        }
    }

    private List<TableName> tables(String sql, String parameter) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(new TableName(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return tables;
    }

    private static Integer integer(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }
}
