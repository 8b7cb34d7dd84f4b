package io.github.cdcverify.stack;

import com.github.dockerjava.api.DockerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline in containers (Testcontainers): PostgreSQL, Kafka and Debezium Connect on one network. Connect reaches
 * Kafka at {@code kafka:19092} and the connector reaches PostgreSQL at {@code postgres:5432}, by network alias; this
 * process reaches each through its mapped port.
 *
 * <p>Defaults: the pinned images of {@link ContainerImages}, database {@code playground}, user and password
 * {@code postgres}. Any image can be replaced by a compatible one (another registry, a local build).
 */
public final class ContainerStack implements CdcStack {

    static final String POSTGRES_ALIAS = "postgres";
    static final String KAFKA_ALIAS = "kafka";
    static final int KAFKA_INTERNAL_PORT = 19092;
    static final int POSTGRES_PORT = 5432;
    static final int CONNECT_PORT = 8083;
    static final int KAFKA_PORT = 9092;
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private String postgresImage = ContainerImages.POSTGRES;
    private String kafkaImage = ContainerImages.KAFKA;
    private String connectImage = ContainerImages.CONNECT;
    private String database = "playground";
    private String user = "postgres";
    private String password = "postgres";
    private Topology topology = Topology.single();

    private Network network;
    private PostgreSQLContainer postgres;
    private KafkaContainer kafka;
    private GenericContainer<?> connect;

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
     * Partitions and topic auto-creation of the broker. One broker and one Connect worker only: for more, use the
     * embedded stack.
     *
     * @throws StackException for more than one broker or worker
     */
    public ContainerStack withTopology(Topology topology) {
        if (topology.brokers() != 1 || topology.connectWorkers() != 1) {
            throw new StackException("The container stack runs one Kafka broker and one Connect worker, not "
                    + topology.describe() + ". Use the embedded stack (--stack embedded, cdc.stack=embedded) for "
                    + "several brokers or workers.");
        }
        this.topology = topology;
        return this;
    }

    @Override
    public Optional<Topology> topology() {
        return Optional.of(topology);
    }

    @Override
    public synchronized void start() {
        if (network != null) {
            return;
        }
        network = Network.newNetwork();
        postgres = new PostgreSQLContainer(image(postgresImage, ContainerImages.POSTGRES_NAME))
                .withNetwork(network)
                .withNetworkAliases(POSTGRES_ALIAS)
                .withDatabaseName(database)
                .withUsername(user)
                .withPassword(password)
                .withCommand(postgresCommand().toArray(String[]::new));
        kafka = new KafkaContainer(image(kafkaImage, ContainerImages.KAFKA_NAME))
                .withNetwork(network)
                .withListener(KAFKA_ALIAS + ":" + KAFKA_INTERNAL_PORT)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(topology.partitions()))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", String.valueOf(topology.topicAutoCreation()));
        connect = new GenericContainer<>(image(connectImage, ContainerImages.CONNECT_NAME))
                .withNetwork(network)
                .withExposedPorts(CONNECT_PORT)
                .withEnv(connectEnvironment())
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/connectors").forPort(CONNECT_PORT).forStatusCode(200)
                        .withStartupTimeout(STARTUP_TIMEOUT));
        // Fixed host ports, so that a container stopped and started again (fault scenarios) keeps its endpoint.
        // Published on loopback only, like the embedded stack's listeners.
        postgres.setPortBindings(List.of(publishedOnLoopback(POSTGRES_PORT)));
        kafka.setPortBindings(List.of(publishedOnLoopback(KAFKA_PORT)));
        connect.setPortBindings(List.of(publishedOnLoopback(CONNECT_PORT)));
        try {
            long began = System.nanoTime();
            Startables.deepStart(postgres, kafka).join();
            log.info("PostgreSQL and Kafka containers started in {} ms", millisSince(began));
            long connectBegan = System.nanoTime();
            connect.start();
            log.info("Kafka Connect container started in {} ms", millisSince(connectBegan));
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

    /** The Debezium Connect image's settings; {@code containers/docker-compose.yml} uses the same. */
    static Map<String, String> connectEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BOOTSTRAP_SERVERS", KAFKA_ALIAS + ":" + KAFKA_INTERNAL_PORT);
        env.put("GROUP_ID", EmbeddedConnectWorker.GROUP_ID);
        env.put("CONFIG_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-configs");
        env.put("OFFSET_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-offsets");
        env.put("STATUS_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-status");
        env.put("OFFSET_FLUSH_INTERVAL_MS", "1000");
        // A worker replaced without a clean leave would otherwise have its tasks held back for 5 minutes.
        env.put("CONNECT_SCHEDULED_REBALANCE_MAX_DELAY_MS", "1000");
        // Lets connector configs set producer.override.* (our low-latency linger.ms=0).
        env.put("CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY", "All");
        return env;
    }

    /** PostgreSQL's command: the default one is replaced, so fsync=off is repeated here. */
    static List<String> postgresCommand() {
        return List.of("postgres", "-c", "fsync=off", "-c", "wal_level=logical",
                "-c", "max_replication_slots=64", "-c", "max_wal_senders=64");
    }

    /** What each container printed last: the reason a start-up failed is usually there. */
    private void logTails() {
        for (GenericContainer<?> container : new GenericContainer<?>[] {postgres, kafka, connect}) {
            try {
                if (container != null && container.getContainerId() != null) {
                    String logs = container.getLogs();
                    log.error("Last output of {}:{}{}", container.getDockerImageName(), System.lineSeparator(),
                            logs.substring(Math.max(0, logs.length() - 3_000)));
                }
            } catch (RuntimeException e) {
                log.warn("No output of {}: {}", container.getDockerImageName(), e.getMessage());
            }
        }
    }

    private static DockerImageName image(String name, String compatibleWith) {
        return DockerImageName.parse(name).asCompatibleSubstituteFor(compatibleWith);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public PostgresEndpoint postgres() {
        requireStarted();
        return new PostgresEndpoint(postgres.getHost(), postgres.getMappedPort(POSTGRES_PORT), database, user,
                password, POSTGRES_ALIAS, POSTGRES_PORT);
    }

    @Override
    public String kafkaBootstrapServers() {
        requireStarted();
        return kafka.getBootstrapServers();
    }

    @Override
    public String connectUrl() {
        requireStarted();
        return "http://" + connect.getHost() + ":" + connect.getMappedPort(CONNECT_PORT);
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
    public boolean canRestart(Component component) {
        return true;
    }

    /**
     * Stops one container, keeping its file system: PostgreSQL with SIGINT (its fast shutdown; SIGTERM would wait
     * for the connector's replication connection), Kafka and Connect with SIGTERM; whatever still runs after 10 s is
     * killed. The others keep running.
     */
    @Override
    public synchronized void stop(Component component) {
        requireStarted();
        String id = container(component).getContainerId();
        log.info("Stopping the {} container", component);
        DockerClient docker = DockerClientFactory.instance().client();
        docker.killContainerCmd(id).withSignal(component == Component.POSTGRES ? "SIGINT" : "SIGTERM").exec();
        Instant deadline = Instant.now().plus(STOP_GRACE);
        while (Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
            if (Instant.now().isAfter(deadline)) {
                // A single-node KRaft broker's controlled shutdown can wait a long time for itself: kill it, as a
                // crash would.
                docker.killContainerCmd(id).exec();
                deadline = Instant.now().plus(RESTART_TIMEOUT);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Starts a container stopped with {@link #stop(Component)} again; returns when it answers. */
    @Override
    public synchronized void start(Component component) {
        long began = System.nanoTime();
        DockerClientFactory.instance().client().startContainerCmd(container(component).getContainerId()).exec();
        switch (component) {
            case POSTGRES -> Readiness.awaitPostgres(postgres(), RESTART_TIMEOUT);
            case KAFKA -> Readiness.awaitKafka(kafkaBootstrapServers(), RESTART_TIMEOUT);
            case CONNECT -> Readiness.awaitHttpOk(connectUrl() + "/connectors", "Kafka Connect", RESTART_TIMEOUT);
        }
        log.info("{} container restarted in {} ms", component, millisSince(began));
    }

    private static String publishedOnLoopback(int containerPort) {
        return Ports.LOOPBACK + ":" + Ports.free() + ":" + containerPort;
    }

    /** The host addresses every container's ports are published on, e.g. {@code [127.0.0.1, 127.0.0.1, ...]}. */
    public List<String> publishedHostAddresses() {
        requireStarted();
        DockerClient docker = DockerClientFactory.instance().client();
        List<String> addresses = new ArrayList<>();
        for (Component component : Component.values()) {
            docker.inspectContainerCmd(container(component).getContainerId()).exec().getNetworkSettings().getPorts()
                    .getBindings().values().stream()
                    .filter(Objects::nonNull)
                    .flatMap(Arrays::stream)
                    .forEach(binding -> addresses.add(binding.getHostIp()));
        }
        return addresses;
    }

    /** What a container has printed so far (Kafka's, Connect's and Debezium's logs live there, not here). */
    public String logs(Component component) {
        requireStarted();
        return container(component).getLogs();
    }

    private GenericContainer<?> container(Component component) {
        return switch (component) {
            case POSTGRES -> postgres;
            case KAFKA -> kafka;
            case CONNECT -> connect;
        };
    }

    /** Connect first, then Kafka and PostgreSQL, then the network. */
    @Override
    public synchronized void close() {
        stopQuietly(connect);
        stopQuietly(kafka);
        stopQuietly(postgres);
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
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                log.warn("Container {} did not stop cleanly: {}", container.getDockerImageName(), e.getMessage());
            }
        }
    }
}
