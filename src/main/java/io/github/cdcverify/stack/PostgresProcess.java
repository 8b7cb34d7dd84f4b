package io.github.cdcverify.stack;

import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL started by a JVM of its own ({@link NodeMain} {@code postgres}) on the pipeline's class path, for a test
 * JVM without zonky's jars (a user's project). The server itself is PostgreSQL's own process either way; stopping and
 * restarting it goes through {@link PgCtl} here. The password reaches the node on its standard input.
 */
final class PostgresProcess implements PostgresServer {

    static final String DATA_DIRECTORY = "cdc.postgres.data-directory";
    static final String PORT = "cdc.postgres.port";
    static final String DATABASE = "cdc.postgres.database";
    static final String USER = "cdc.postgres.user";
    static final String READY_FILE = "cdc.postgres.ready-file";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDirectory;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String classPath;
    private final PgCtl pgCtl;
    private NodeProcess process;

    PostgresProcess(Path dataDirectory, int port, String database, String user, String password, String classPath) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.classPath = classPath;
        this.pgCtl = new PgCtl(dataDirectory);
    }

    /** Launches the node and returns once it marked the server ready and the user's login works over TCP. */
    @Override
    public void start() {
        Path nodeDirectory = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-process");
        Path ready = nodeDirectory.resolve("ready");
        process = new NodeProcess("postgres", nodeDirectory, Map.of(DATA_DIRECTORY, dataDirectory.toString(),
                PORT, String.valueOf(port), DATABASE, database, USER, user, READY_FILE, ready.toString()),
                "128m", classPath).withSecret(password);
        process.startAndAwait(() -> {
            awaitReadyFile(ready);
            Readiness.awaitPostgres(endpoint(), Duration.ofSeconds(30));
        });
    }

    /** Until the node marks the server ready; a node that died says so at once instead of at the timeout. */
    private void awaitReadyFile(Path ready) {
        boolean started = BoundedWait.upTo(START_TIMEOUT).every(Duration.ofMillis(50)).until(() -> {
            if (!process.alive()) {
                throw new StackException("PostgreSQL's node process ended before the server was ready");
            }
            return Files.exists(ready);
        });
        if (!started) {
            throw new StackException("PostgreSQL did not start on " + Ports.LOOPBACK + ":" + port + " within "
                    + Durations.readable(START_TIMEOUT));
        }
    }

    @Override
    public void stop() {
        pgCtl.stop("fast");
    }

    @Override
    public void crash() {
        pgCtl.stop("immediate");
    }

    @Override
    public void restart() {
        pgCtl.restart();
    }

    @Override
    public PostgresEndpoint endpoint() {
        return PostgresEndpoint.direct(Ports.LOOPBACK, port, database, user, password);
    }

    /**
     * SIGTERM to the node, whose shutdown hook stops the server; if a server still runs on the data directory (the
     * node died, or {@link #restart()} started this one), an immediate stop.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.stop();
        process = null;
        pgCtl.stopIfRunning();
    }

    /**
     * The node's side: starts the server in the node's JVM and marks it ready once the user, its password and the
     * database exist; what it returns stops the server.
     */
    static AutoCloseable serve(Properties properties, String password) throws IOException {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(Path.of(properties.getProperty(DATA_DIRECTORY)),
                Integer.parseInt(properties.getProperty(PORT)), properties.getProperty(DATABASE),
                properties.getProperty(USER), password);
        server.start();
        Files.writeString(Path.of(properties.getProperty(READY_FILE)), "ready");
        return server;
    }
}
