package io.github.cdcverify.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server (zonky's packaged binaries) configured for logical decoding, listening on loopback only,
 * with password authentication for TCP clients.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private EmbeddedPostgres postgres;
    private String postmasterOptions;

    EmbeddedPostgresServer(Path dataDirectory, int port, String database, String user, String password) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    void start() {
        Optional<PostgresTemplate> template = PostgresTemplate.forPackagedBinaries();
        try {
            boolean copied = template.isPresent() && copyTemplate(template.get());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // false: zonky then starts on the copied template instead of running initdb, and leaves the
                    // data directory to the stack, which removes its whole state directory on close
                    .setCleanDataDirectory(!copied)
                    .setDataDirectoryCustomizer(initialised -> {
                        if (!copied) {
                            template.ifPresent(t -> t.keep(initialised.toPath()));
                        }
                    })
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "64")
                    .setServerConfig("max_wal_senders", "64")
                    .setServerConfig("max_connections", "200")
                    // zonky turns this off; with async commit the WAL reaches Debezium noticeably later.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("timezone", "UTC")
                    .start();
            secure();
        } catch (IOException | SQLException e) {
            throw new StackException("PostgreSQL did not start on " + Ports.LOOPBACK + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private boolean copyTemplate(PostgresTemplate template) {
        if (!template.exists()) {
            return false;
        }
        try {
            template.copyTo(dataDirectory);
            return true;
        } catch (IOException e) {
            throw new StackException("Could not copy the PostgreSQL template to " + dataDirectory + ": "
                    + e.getMessage() + ". Remove ~/.cdc-verify/postgres-template to start without it.", e);
        }
    }

    /**
     * zonky's cluster trusts every local login; we give the user its password, create the database and then require
     * the password over TCP, so that a wrong password is refused as it would be on a real server.
     */
    private void secure() throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!"postgres".equals(user)) {
                statement.execute("CREATE ROLE " + quote(user) + " WITH SUPERUSER LOGIN REPLICATION");
            }
            // Identifiers and the literal come from our own configuration, not from SQL input.
            statement.execute("ALTER ROLE " + quote(user) + " WITH PASSWORD '" + password.replace("'", "''") + "'");
            if (!"postgres".equals(database)) {
                statement.execute("CREATE DATABASE " + quote(database) + " OWNER " + quote(user));
            }
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host replication all 127.0.0.1/32 scram-sha-256",
                    ""));
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Stops the server with PostgreSQL's own {@code pg_ctl -m fast stop}, keeping the data directory: zonky's
     * {@code close()} would delete it. The server's command line (zonky passes every setting there) is kept from
     * {@code postmaster.opts} for {@link #restart()}.
     */
    void stop() {
        stop("fast");
    }

    /**
     * Stops the server with {@code pg_ctl -m immediate stop}: every process quits at once, nothing is checkpointed,
     * and the next start runs crash recovery from the WAL, as after a power loss.
     */
    void crash() {
        stop("immediate");
    }

    private void stop(String mode) {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not started");
        }
        try {
            postmasterOptions = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
        } catch (IOException e) {
            throw new StackException("Could not read PostgreSQL's command line from " + dataDirectory
                    + "/postmaster.opts: " + e.getMessage(), e);
        }
        pgCtl("-m", mode, "stop");
    }

    /** Starts a server stopped with {@link #stop()} on the same data directory, port and settings; waits until ready. */
    void restart() {
        if (postmasterOptions == null) {
            throw new IllegalStateException("PostgreSQL was not stopped with stop()");
        }
        // postmaster.opts is the postgres binary followed by its quoted arguments; pg_ctl hands -o to a shell.
        int endOfBinary = postmasterOptions.indexOf(' ');
        String arguments = endOfBinary < 0 ? "" : postmasterOptions.substring(endOfBinary + 1);
        pgCtl("-o", arguments, "-l", dataDirectory.resolveSibling("postgres-restarted.log").toString(), "start");
        postmasterOptions = null;
    }

    private void pgCtl(String... command) {
        Path pgCtl = binaryDirectory().resolve("pg_ctl");
        List<String> line = new ArrayList<>();
        // PostgreSQL refuses to run as root; as root zonky runs its binaries in a new user namespace, and so do we.
        if (LinuxUtils.isUnshareAvailable()) {
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t", "60"));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new StackException("pg_ctl " + command[command.length - 1] + " failed (exit " + exit + "): "
                        + output.trim());
            }
        } catch (IOException e) {
            throw new StackException("Could not run " + pgCtl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running pg_ctl", e);
        }
    }

    /** Where zonky extracted the binaries: postmaster.opts starts with the postgres executable's path. */
    private Path binaryDirectory() {
        String options = postmasterOptions;
        if (options == null) {
            try {
                options = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
            } catch (IOException e) {
                throw new StackException("Could not find PostgreSQL's binaries: " + e.getMessage(), e);
            }
        }
        int endOfBinary = options.indexOf(' ');
        String binary = endOfBinary < 0 ? options : options.substring(0, endOfBinary);
        return Path.of(binary).getParent();
    }

    PostgresEndpoint endpoint() {
        return PostgresEndpoint.direct(Ports.LOOPBACK, port, database, user, password);
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new StackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            } finally {
                postgres = null;
            }
        }
    }
}
