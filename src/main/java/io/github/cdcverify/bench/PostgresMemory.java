package io.github.cdcverify.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The memory of a PostgreSQL server running on this machine: its postmaster (the parent of our backend) and the
 * postmaster's children (backends, WAL sender, background workers). Sampled, since processes come and go.
 */
final class PostgresMemory {

    private final long postmaster;
    private long peakPss;
    private long peakRss;
    private int processes;

    private PostgresMemory(long postmaster) {
        this.postmaster = postmaster;
    }

    /**
     * Finds the server behind {@code connection}; empty when it is not a process of this machine (containers, a
     * remote server): then our backend's pid means nothing here.
     */
    static Optional<PostgresMemory> of(Connection connection) throws SQLException {
        long backend;
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            backend = result.getLong(1);
        }
        OptionalLong parent = ProcMemory.parent(backend);
        if (parent.isEmpty() || !ProcMemory.commandLine(backend).startsWith("postgres:")
                || !ProcMemory.commandLine(parent.getAsLong()).contains("postgres")) {
            return Optional.empty();
        }
        return Optional.of(new PostgresMemory(parent.getAsLong()));
    }

    /** Takes one sample of every server process and keeps the peak sums. */
    synchronized void sample() {
        List<Long> pids = new ArrayList<>(ProcMemory.children(postmaster));
        pids.add(postmaster);
        long pss = 0;
        long rss = 0;
        for (long pid : pids) {
            pss += ProcMemory.pss(pid).orElse(0);
            rss += ProcMemory.rss(pid).orElse(0);
        }
        peakPss = Math.max(peakPss, pss);
        peakRss = Math.max(peakRss, rss);
        processes = pids.size();
    }

    synchronized long peakPss() {
        return peakPss;
    }

    synchronized long peakRss() {
        return peakRss;
    }

    synchronized int processes() {
        return processes;
    }
}
