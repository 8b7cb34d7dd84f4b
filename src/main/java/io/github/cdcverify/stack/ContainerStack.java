package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The pipeline in containers (Testcontainers): PostgreSQL, Kafka and Debezium Connect on one network, in any
 * {@link Shape}: one to three KRaft nodes ({@code kafka}, or {@code kafka-1}..{@code kafka-3}) and one or two
 * Connect workers in one group ({@code connect}, or {@code connect-1}, {@code connect-2}). Connect reaches Kafka on
 * port {@code 19092} of those aliases and PostgreSQL at {@code postgres:5432}; this process reaches each through a
 * loopback port of its own.
 *
 * <p>Defaults: the pinned images of {@link ContainerImages}, database {@code playground}, user and password
 * {@code postgres}, {@link Shape#single()}. Any image can be replaced by a compatible one (another registry, a
 * local build).
 */
public final class ContainerStack implements CdcStack {

    static final String POSTGRES_ALIAS = "postgres";
    static final String KAFKA_ALIAS = "kafka";
    static final int KAFKA_INTERNAL_PORT = ContainerKafkaCluster.INTERNAL_PORT;
    static final int POSTGRES_PORT = 5432;
    static final int CONNECT_PORT = ContainerConnectWorkers.REST_PORT;
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);

    private String postgresImage = ContainerImages.POSTGRES;
    private String kafkaImage = ContainerImages.KAFKA;
    private String connectImage = ContainerImages.CONNECT;
    private String database = "playground";
    private String user = "postgres";
    private String password = "postgres";
    private java.nio.file.Path pluginPath;
    private Shape shape = Shape.single();

    private Network network;
    private ContainerPostgres postgres;
    private ContainerKafkaCluster kafka;
    private ContainerConnectWorkers connect;

    /** Default {@value ContainerImages#POSTGRES}; any image compatible with the official {@code postgres} one. */
    public ContainerStack withPostgresImage(String image) {
        this.postgresImage = image;
        return this;
    }

    /** Default {@value ContainerImages#KAFKA}; any image compatible with {@code apache/kafka}. */
    public ContainerStack withKafkaImage(String image) {
        this.kafkaImage = image;
        return this;
    }

    /** Default {@value ContainerImages#CONNECT}; any image compatible with {@code quay.io/debezium/connect}. */
    public ContainerStack withConnectImage(String image) {
        this.connectImage = image;
        return this;
    }

    /** The database created at start; default {@code playground}. */
    public ContainerStack withDatabase(String database) {
        this.database = database;
        return this;
    }

    /**
     * A directory of the user's own Connect plugins, mounted read-only into every Connect container and put on its
     * {@code plugin.path} (each jar or subdirectory one plugin); default none.
     */
    public ContainerStack withPluginPath(java.nio.file.Path directory) {
        this.pluginPath = directory;
        return this;
    }

    /** Brokers, Connect workers, partitions and topic auto-creation; default {@link Shape#single()}. */
    public ContainerStack withShape(Shape shape) {
        this.shape = shape;
        return this;
    }

    @Override
    public Optional<Shape> shape() {
        return Optional.of(shape);
    }

    @Override
    public synchronized void start() {
        if (network != null) {
            return;
        }
        network = Network.newNetwork();
        postgres = new ContainerPostgres(postgresImage, ContainerImages.POSTGRES_NAME, network, database, user,
                password);
        kafka = new ContainerKafkaCluster(kafkaImage, ContainerImages.KAFKA_NAME, network, shape, STARTUP_TIMEOUT);
        connect = new ContainerConnectWorkers(connectImage, ContainerImages.CONNECT_NAME, network, shape,
                kafka.internalBootstrapServers(), STARTUP_TIMEOUT, pluginPath);
        try {
            long began = System.nanoTime();
            List<GenericContainer<?>> first = new ArrayList<>(kafka.nodes());
            first.add(postgres.container());
            Startables.deepStart(first).join();
            log.info("PostgreSQL and {} started in {} ms", Shape.plural(shape.brokers(), "Kafka container"),
                    millisSince(began));
            long connectBegan = System.nanoTime();
            Startables.deepStart(connect.nodes()).join();
            log.info("{} started in {} ms", Shape.plural(shape.connectWorkers(), "Kafka Connect container"),
                    millisSince(connectBegan));
        } catch (RuntimeException e) {
            logTails();
            close();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new StackException("The container stack did not start: " + cause.getMessage() + ". Check that "
                    + "Docker (or Podman's API service, DOCKER_HOST) answers and that the images exist: "
                    + postgresImage + ", " + kafkaImage + ", " + connectImage + " (set them with -D"
                    + ContainerImages.POSTGRES_PROPERTY + ", -D" + ContainerImages.KAFKA_PROPERTY + ", -D"
                    + ContainerImages.CONNECT_PROPERTY + ").", cause);
        }
    }

    /** PostgreSQL's command: the default one is replaced, so fsync=off is repeated here. */
    static List<String> postgresCommand() {
        return List.of("postgres", "-c", "fsync=off", "-c", "wal_level=logical",
                "-c", "max_replication_slots=64", "-c", "max_wal_senders=64");
    }

    /** What each container printed last: the reason a start-up failed is usually there. */
    private void logTails() {
        for (GenericContainer<?> container : containers()) {
            try {
                if (container.getContainerId() != null) {
                    String logs = container.getLogs();
                    log.error("Last output of {}:{}{}", container.getNetworkAliases(), System.lineSeparator(),
                            logs.substring(Math.max(0, logs.length() - 3_000)));
                }
            } catch (RuntimeException e) {
                log.warn("No output of {}: {}", container.getDockerImageName(), e.getMessage());
            }
        }
    }

    private List<GenericContainer<?>> containers() {
        List<GenericContainer<?>> all = new ArrayList<>();
        if (connect != null) {
            all.addAll(connect.nodes());
        }
        if (kafka != null) {
            all.addAll(kafka.nodes());
        }
        if (postgres != null) {
            all.add(postgres.container());
        }
        return all;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public PostgresEndpoint postgres() {
        requireStarted();
        return postgres.endpoint();
    }

    @Override
    public String kafkaBootstrapServers() {
        requireStarted();
        return kafka.bootstrapServers();
    }

    @Override
    public String connectUrl() {
        return connectUrls().get(0);
    }

    @Override
    public List<String> connectUrls() {
        requireStarted();
        return connect.urls();
    }

    @Override
    public List<String> connectWorkerIds() {
        requireStarted();
        return connect.workerIds();
    }

    @Override
    public String kind() {
        return "containers";
    }

    private void requireStarted() {
        if (connect == null) {
            throw new IllegalStateException("The container stack is not started: call start() first");
        }
    }

    @Override
    public int nodes(Component component) {
        return shape.nodes(component);
    }

    @Override
    public boolean canRestart(Component component) {
        return true;
    }

    /** Every node of every component: a container can always be killed. */
    @Override
    public boolean canCrash(Component component) {
        return true;
    }

    /**
     * Stops every node of one component, keeping its file system: PostgreSQL with SIGINT (its fast shutdown; SIGTERM
     * would wait for the connector's replication connection), Kafka and Connect with SIGTERM; whatever still runs
     * after 10 s is killed. The others keep running.
     */
    @Override
    public synchronized void stop(Component component) {
        requireStarted();
        log.info("Stopping the {} container(s)", component);
        String signal = component == Component.POSTGRES ? "SIGINT" : "SIGTERM";
        // A KRaft node's controlled shutdown can wait a long time for a quorum that is leaving too: kill it then.
        Parallel.forEach(nodesOf(component), node -> ContainerSignals.stop(node, signal, STOP_GRACE));
    }

    /** Starts every node of a component stopped with {@link #stop(Component)} again; returns when it answers. */
    @Override
    public synchronized void start(Component component) {
        long began = System.nanoTime();
        nodesOf(component).forEach(ContainerSignals::start);
        for (int node = 1; node <= nodes(component); node++) {
            awaitAnswering(component, node);
        }
        log.info("{} container(s) restarted in {} ms", component, millisSince(began));
    }

    /**
     * Kills node {@code node} of {@code component}: SIGKILL for a Kafka node or Connect worker, SIGQUIT for
     * PostgreSQL (its immediate shutdown: no checkpoint, crash recovery on the next start).
     */
    @Override
    public synchronized void crash(Component component, int node) {
        requireStarted();
        log.info("Crashing {} node {}", component, node);
        ContainerSignals.stop(nodeOf(component, node), component == Component.POSTGRES ? "SIGQUIT" : "SIGKILL",
                STOP_GRACE);
    }

    @Override
    public synchronized void recover(Component component, int node) {
        long began = System.nanoTime();
        ContainerSignals.start(nodeOf(component, node));
        awaitAnswering(component, node);
        log.info("{} node {} recovered in {} ms", component, node, millisSince(began));
    }

    private void awaitAnswering(Component component, int node) {
        switch (component) {
            case POSTGRES -> Readiness.awaitPostgres(postgres(), RESTART_TIMEOUT);
            case KAFKA -> Readiness.awaitKafka(kafka.bootstrapServers(node), RESTART_TIMEOUT);
            case CONNECT -> Readiness.awaitHttpOk(connectUrls().get(node - 1) + "/connectors", "Kafka Connect",
                    RESTART_TIMEOUT);
        }
    }

    private List<GenericContainer<?>> nodesOf(Component component) {
        requireStarted();
        return switch (component) {
            case POSTGRES -> List.of(postgres.container());
            case KAFKA -> kafka.nodes();
            case CONNECT -> connect.nodes();
        };
    }

    private GenericContainer<?> nodeOf(Component component, int node) {
        List<GenericContainer<?>> nodes = nodesOf(component);
        if (node < 1 || node > nodes.size()) {
            throw new IllegalArgumentException(component + " node " + node + " does not exist: nodes are 1 to "
                    + nodes.size());
        }
        return nodes.get(node - 1);
    }

    /** The host addresses every container's ports are published on, e.g. {@code [127.0.0.1, 127.0.0.1, ...]}. */
    public List<String> publishedHostAddresses() {
        requireStarted();
        return containers().stream().flatMap(container -> ContainerSignals.publishedHostAddresses(container).stream())
                .toList();
    }

    /** What the nodes of a component have printed so far (Kafka's, Connect's and Debezium's logs live there). */
    public String logs(Component component) {
        return nodesOf(component).stream().map(GenericContainer::getLogs).collect(Collectors.joining());
    }

    /** Connect first, then Kafka and PostgreSQL, then the network. */
    @Override
    public synchronized void close() {
        containers().forEach(ContainerStack::stopQuietly);
        connect = null;
        kafka = null;
        postgres = null;
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                log.warn("The container network was not removed: {}", e.getMessage());
            }
            network = null;
        }
    }

    private static void stopQuietly(GenericContainer<?> container) {
        try {
            container.stop();
        } catch (RuntimeException e) {
            log.warn("Container {} did not stop cleanly: {}", container.getDockerImageName(), e.getMessage());
        }
    }
}
