package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a started {@link EmbeddedStack}: PostgreSQL, the Kafka cluster and the Connect workers, built from
 * the stack's configuration, and what can be done to each of them (start, stop, crash, recover, close).
 */
final class EmbeddedNodes {

    // Under the stack's name, as before this class was split out of it: a log configuration naming it still works.
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Shape shape;
    private final StartupTimes startupTimes;
    private final PostgresServer postgres;
    private final EmbeddedKafkaCluster kafka;
    private final List<EmbeddedConnectWorker> connectWorkers;

    private EmbeddedNodes(Shape shape, StartupTimes startupTimes, PostgresServer postgres, EmbeddedKafkaCluster kafka,
            List<EmbeddedConnectWorker> connectWorkers) {
        this.shape = shape;
        this.startupTimes = startupTimes;
        this.postgres = postgres;
        this.kafka = kafka;
        this.connectWorkers = List.copyOf(connectWorkers);
    }

    /** The ports the stack chose for PostgreSQL, the first broker and the first Connect worker. */
    record FirstPorts(int postgres, int kafka, int connect) {
    }

    /** The database created at start and its superuser. */
    record Database(String name, String user, String password) {
    }

    /** Builds the nodes, each with its state under {@code workDirectory}; starts none. */
    static EmbeddedNodes create(Path workDirectory, FirstPorts ports, Database database, Shape shape,
            SaslScram saslScram, NodePlacement.NodeClassPaths classPaths, List<Path> plugins, boolean userPlugins,
            StartupTimes startupTimes) {
        Path postgresData = workDirectory.resolve("postgres");
        PostgresServer postgres = classPaths.postgres() == null
                ? new EmbeddedPostgresServer(postgresData, ports.postgres(), database.name(), database.user(),
                        database.password())
                : new PostgresProcess(postgresData, ports.postgres(), database.name(), database.user(),
                        database.password(), classPaths.postgres());
        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(workDirectory.resolve("kafka"), ports.kafka(), shape,
                classPaths.brokers());
        if (saslScram != null) {
            kafka.withSaslScram(saslScram);
        }
        List<EmbeddedConnectWorker> workers = new ArrayList<>();
        for (int i = 0; i < shape.connectWorkers(); i++) {
            workers.add(new EmbeddedConnectWorker(kafka.bootstrapServers(), i == 0 ? ports.connect() : Ports.free(),
                    shape, classPaths.workers() == null ? null : workDirectory.resolve("connect-" + (i + 1)),
                    classPaths.workers(), plugins, userPlugins));
        }
        return new EmbeddedNodes(shape, startupTimes, postgres, kafka, workers);
    }

    /** PostgreSQL in parallel with Kafka; Connect once Kafka is up. */
    void startAll() {
        Parallel.forEach(List.<Runnable>of(
                () -> startupTimes.timed("PostgreSQL", postgres::start),
                () -> {
                    startupTimes.timed(kafkaName(), kafka::start);
                    startupTimes.timed(connectName(), this::startConnectWorkers);
                }), Runnable::run);
    }

    PostgresServer postgres() {
        return postgres;
    }

    EmbeddedKafkaCluster kafka() {
        return kafka;
    }

    List<EmbeddedConnectWorker> connectWorkers() {
        return connectWorkers;
    }

    private String kafkaName() {
        return shape.brokers() == 1 ? "Kafka broker" : "Kafka brokers (" + shape.brokers() + ")";
    }

    private String connectName() {
        return shape.connectWorkers() == 1 ? "Kafka Connect worker"
                : "Kafka Connect workers (" + shape.connectWorkers() + ")";
    }

    private void startConnectWorkers() {
        Parallel.forEach(connectWorkers, EmbeddedConnectWorker::start);
    }

    void crash(Component component, int node) {
        log.info("Crashing {} node {}", component, node);
        switch (component) {
            case POSTGRES -> postgres.crash();
            case KAFKA -> kafka.kill(node);
            case CONNECT -> worker(node).kill();
        }
    }

    void recover(Component component, int node) {
        switch (component) {
            case POSTGRES -> startupTimes.timed("PostgreSQL (recovery)", postgres::restart);
            case KAFKA -> startupTimes.timed("Kafka node " + node + " (recovery)", kafka::start);
            case CONNECT -> startupTimes.timed("Kafka Connect worker " + node + " (recovery)", worker(node)::start);
        }
    }

    private EmbeddedConnectWorker worker(int node) {
        if (node < 1 || node > connectWorkers.size()) {
            throw new IllegalArgumentException("Connect worker " + node + " does not exist: workers are 1 to "
                    + connectWorkers.size());
        }
        return connectWorkers.get(node - 1);
    }

    /** See {@link EmbeddedStack#stop(Component)}. */
    void stop(Component component) {
        log.info("Stopping {}", component);
        switch (component) {
            case POSTGRES -> postgres.stop();
            case KAFKA -> kafka.close();
            case CONNECT -> Parallel.forEach(connectWorkers, EmbeddedConnectWorker::close);
        }
    }

    /** See {@link EmbeddedStack#start(Component)}. */
    void start(Component component) {
        switch (component) {
            case POSTGRES -> startupTimes.timed("PostgreSQL (restart)", postgres::restart);
            case KAFKA -> startupTimes.timed(kafkaName() + " (restart)", kafka::start);
            case CONNECT -> startupTimes.timed(connectName() + " (restart)", this::startConnectWorkers);
        }
    }

    /**
     * Connect first (it writes to Kafka and reads Postgres), then Kafka and Postgres. Nodes in processes of their
     * own are killed: their data goes next, and a cluster's controlled shutdown can wait minutes for a quorum that
     * is leaving too.
     */
    void close() {
        connectWorkers.forEach(worker -> closeQuietly("Kafka Connect worker", worker::killOrClose));
        closeQuietly("Kafka broker", kafka::killAll);
        closeQuietly("PostgreSQL", postgres);
    }

    private static void closeQuietly(String component, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly: {}", component, e.getMessage());
        }
    }
}
