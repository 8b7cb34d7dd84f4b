package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole pipeline in this JVM, all real and all on 127.0.0.1: PostgreSQL (zonky's binaries) with
 * {@code wal_level=logical}, a single-node KRaft Kafka broker and a distributed Kafka Connect worker with the
 * Debezium PostgreSQL connector on its classpath.
 *
 * <p>Defaults: free ports, database {@code playground}, user and password {@code postgres}. All state lives under
 * one temporary directory that {@link #close()} removes. PostgreSQL starts in parallel with Kafka; Connect starts
 * once Kafka is up.
 */
public final class EmbeddedStack implements CdcStack {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private int postgresPort;
    private int kafkaPort;
    private int connectPort;
    private String database = "playground";
    private String user = "postgres";
    private String password = "postgres";

    private Path workDirectory;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private EmbeddedConnectWorker connect;
    private final Map<String, Duration> startupTimes = Collections.synchronizedMap(new LinkedHashMap<>());

    /** PostgreSQL's port; 0 (the default) picks a free one. */
    public EmbeddedStack withPostgresPort(int port) {
        this.postgresPort = port;
        return this;
    }

    /** Kafka's client port; 0 (the default) picks a free one. */
    public EmbeddedStack withKafkaPort(int port) {
        this.kafkaPort = port;
        return this;
    }

    /** Connect's REST port; 0 (the default) picks a free one. */
    public EmbeddedStack withConnectPort(int port) {
        this.connectPort = port;
        return this;
    }

    /** The database created at start; default {@code playground}. */
    public EmbeddedStack withDatabase(String database) {
        this.database = database;
        return this;
    }

    /** The superuser and its password; default {@code postgres}/{@code postgres}. */
    public EmbeddedStack withCredentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    @Override
    public synchronized void start() {
        if (workDirectory != null) {
            return;
        }
        int pgPort = Ports.choose(postgresPort, "PostgreSQL", "--postgres-port");
        int brokerPort = Ports.choose(kafkaPort, "Kafka", "--kafka-port");
        int restPort = Ports.choose(connectPort, "Kafka Connect", "--connect-port");
        int controllerPort = Ports.free();
        workDirectory = createWorkDirectory();
        postgres = new EmbeddedPostgresServer(workDirectory.resolve("postgres"), pgPort, database, user, password);
        kafka = new EmbeddedKafkaBroker(workDirectory.resolve("kafka"), brokerPort, controllerPort);
        connect = new EmbeddedConnectWorker(kafka.bootstrapServers(), restPort);
        try {
            CompletableFuture<Void> postgresUp = CompletableFuture.runAsync(() -> timed("PostgreSQL", postgres::start));
            CompletableFuture<Void> connectUp = CompletableFuture.runAsync(() -> timed("Kafka broker", kafka::start))
                    .thenRun(() -> timed("Kafka Connect worker", connect::start));
            CompletableFuture.allOf(postgresUp, connectUp).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void timed(String component, Runnable start) {
        long began = System.nanoTime();
        start.run();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        startupTimes.put(component, took);
        log.info("{} started in {} ms", component, took.toMillis());
    }

    /**
     * How long each component took to start, by name ({@code PostgreSQL}, {@code Kafka broker},
     * {@code Kafka Connect worker}, and {@code ... (restart)} for restarts), in the order they finished.
     * PostgreSQL starts in parallel with Kafka, so the durations overlap.
     */
    public Map<String, Duration> startupTimes() {
        synchronized (startupTimes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
        }
    }

    private static Path createWorkDirectory() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        AbandonedStacks.sweep(root);
        return AbandonedStacks.claim(root);
    }

    @Override
    public PostgresEndpoint postgres() {
        return requireStarted(postgres).endpoint();
    }

    @Override
    public String kafkaBootstrapServers() {
        return requireStarted(kafka).bootstrapServers();
    }

    @Override
    public String connectUrl() {
        return requireStarted(connect).url();
    }

    @Override
    public String kind() {
        return "embedded";
    }

    private <T> T requireStarted(T component) {
        if (component == null) {
            throw new IllegalStateException("The embedded stack is not started: call start() first");
        }
        return component;
    }

    /** Every component restarts on its own port with its own data. */
    @Override
    public boolean canRestart(Component component) {
        return true;
    }

    /**
     * Stops one component, keeping its data: PostgreSQL with {@code pg_ctl -m fast stop}, Kafka with a controlled
     * shutdown, Connect with {@code Connect.stop()} (its tasks stop and commit their offsets, as on SIGTERM; a
     * JVM cannot kill part of itself with SIGKILL). The others keep running.
     */
    @Override
    public synchronized void stop(Component component) {
        requireStarted(workDirectory);
        log.info("Stopping {}", component);
        switch (component) {
            case POSTGRES -> postgres.stop();
            case KAFKA -> kafka.close();
            case CONNECT -> connect.close();
        }
    }

    /**
     * Starts a component stopped with {@link #stop(Component)} on the same port and data, and returns when it is
     * usable again: PostgreSQL accepts connections, Kafka's broker is unfenced, Connect lists its connectors.
     */
    @Override
    public synchronized void start(Component component) {
        requireStarted(workDirectory);
        switch (component) {
            case POSTGRES -> timed("PostgreSQL (restart)", postgres::restart);
            case KAFKA -> timed("Kafka broker (restart)", kafka::start);
            case CONNECT -> timed("Kafka Connect worker (restart)", connect::start);
        }
    }

    /** Connect first (it writes to Kafka and reads Postgres), then Kafka and Postgres; then the state on disk. */
    @Override
    public synchronized void close() {
        closeQuietly("Kafka Connect worker", connect);
        closeQuietly("Kafka broker", kafka);
        closeQuietly("PostgreSQL", postgres);
        connect = null;
        kafka = null;
        postgres = null;
        if (workDirectory != null) {
            TempFiles.deleteRecursively(workDirectory);
            workDirectory = null;
        }
    }

    private static void closeQuietly(String component, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly: {}", component, e.getMessage());
        }
    }
}
