package io.github.cdcverify.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server (zonky's packaged binaries) configured for logical decoding, listening on loopback only,
 * with password authentication for TCP clients, started by this JVM: the stack's own when its class path holds zonky,
 * else a {@link PostgresProcess}'s ({@link NodeMain}). The only class that touches zonky.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private final Path dataDirectory;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final PgCtl pgCtl;
    private EmbeddedPostgres postgres;

    EmbeddedPostgresServer(Path dataDirectory, int port, String database, String user, String password) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.pgCtl = new PgCtl(dataDirectory);
    }

    @Override
    public void start() {
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
     * {@code close()} would delete it.
     */
    @Override
    public void stop() {
        requireStarted();
        pgCtl.stop("fast");
    }

    @Override
    public void crash() {
        requireStarted();
        pgCtl.stop("immediate");
    }

    @Override
    public void restart() {
        pgCtl.restart();
    }

    private void requireStarted() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not started");
        }
    }

    @Override
    public PostgresEndpoint endpoint() {
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
