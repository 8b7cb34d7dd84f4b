package io.github.cdcverify.stack;

/**
 * The embedded stack's PostgreSQL: zonky's binaries, configured for logical decoding, listening on loopback only,
 * with password authentication for TCP clients; started in this JVM ({@link EmbeddedPostgresServer}) or in a JVM of
 * its own on the pipeline's class path ({@link PostgresProcess}), so that a user's test class path needs none of
 * zonky's jars.
 */
interface PostgresServer extends AutoCloseable {

    /** Starts the server; returns once it accepts the configured user's login. */
    void start();

    /** {@code pg_ctl -m fast stop}, keeping the data directory for {@link #restart()}. */
    void stop();

    /** {@code pg_ctl -m immediate stop}: the next start runs crash recovery from the WAL, as after a power loss. */
    void crash();

    /** Starts a server stopped with {@link #stop()} or {@link #crash()} on the same data, port and settings. */
    void restart();

    PostgresEndpoint endpoint();

    @Override
    void close();
}
