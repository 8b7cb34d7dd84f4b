package io.github.cdcverify.stack;

import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Kafka Connect side of a {@link ContainerStack}: one or two distributed workers in one group, configured through
 * the {@code quay.io/debezium/connect} image's environment, each advertising its network alias ({@code connect}, or
 * {@code connect-1} and {@code connect-2}) to the other and in task statuses; this process reaches each REST API on a
 * loopback port fixed before the start.
 */
final class ContainerConnectWorkers {

    static final String ALIAS = "connect";
    static final int REST_PORT = 8083;
    /** Five JVMs of a cluster shape share a small machine: the image's default heap would not fit. */
    private static final String CLUSTER_WORKER_HEAP = "-Xmx384m";

    private final Shape shape;
    private final List<GenericContainer<?>> workers;

    /** Where a user's plugin directory is mounted in a Connect container. */
    static final String USER_PLUGINS = "/cdc-user-plugins";

    ContainerConnectWorkers(String image, String compatibleWith, Network network, Shape shape,
                            String kafkaBootstrapServers, Duration startupTimeout, Path pluginPath) {
        this.shape = shape;
        this.workers = IntStream.rangeClosed(1, shape.connectWorkers()).<GenericContainer<?>>mapToObj(node -> {
            GenericContainer<?> worker = new GenericContainer<>(
                    DockerImageName.parse(image).asCompatibleSubstituteFor(compatibleWith))
                    .withNetwork(network)
                    .withNetworkAliases(alias(node))
                    .withExposedPorts(REST_PORT)
                    .withEnv(environment(shape, kafkaBootstrapServers, alias(node)))
                    .waitingFor(Wait.forHttp("/connectors").forPort(REST_PORT).forStatusCode(200)
                            .withStartupTimeout(startupTimeout));
            worker.setPortBindings(List.of(Ports.LOOPBACK + ":" + Ports.free() + ":" + REST_PORT));
            if (pluginPath != null) {
                // Next to the image's own plugin directory (Debezium's images: /kafka/connect), not inside it: there
                // the whole directory would be one plugin, here each jar is one.
                worker.withFileSystemBind(pluginPath.toString(), USER_PLUGINS, BindMode.READ_ONLY)
                        .withEnv("CONNECT_PLUGIN_PATH", "/kafka/connect," + USER_PLUGINS)
                        .withEnv("CONNECT_PLUGIN_DISCOVERY", "hybrid_warn");
            }
            return worker;
        }).toList();
    }

    /** One worker of the single shape, as {@code containers/docker-compose.yml} has it. */
    static Map<String, String> singleWorkerEnvironment() {
        return environment(Shape.single(), ContainerStack.KAFKA_ALIAS + ":" + ContainerKafkaCluster.INTERNAL_PORT,
                ALIAS);
    }

    private static Map<String, String> environment(Shape shape, String bootstrapServers, String alias) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("GROUP_ID", EmbeddedConnectWorker.GROUP_ID);
        env.put("CONFIG_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-configs");
        env.put("OFFSET_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-offsets");
        env.put("STATUS_STORAGE_TOPIC", EmbeddedConnectWorker.GROUP_ID + "-status");
        String replicas = String.valueOf(shape.replicationFactor());
        env.put("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", replicas);
        env.put("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", replicas);
        env.put("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", replicas);
        // The worker's id in task statuses, and the address the other worker forwards requests to.
        env.put("ADVERTISED_HOST_NAME", alias);
        env.put("OFFSET_FLUSH_INTERVAL_MS", "1000");
        // 1 s unless set: a worker replaced without a clean leave would otherwise have its tasks held back for 5 min.
        env.put("CONNECT_SCHEDULED_REBALANCE_MAX_DELAY_MS",
                String.valueOf(StackConfig.fromSystem().connectRebalanceDelay().toMillis()));
        // Workers learn of a rebalance at their next heartbeat: see EmbeddedConnectWorker.
        env.put("CONNECT_HEARTBEAT_INTERVAL_MS", EmbeddedConnectWorker.CONNECT_HEARTBEAT_INTERVAL_MS);
        // Lets connector configs set producer.override.* (our low-latency linger.ms=0).
        env.put("CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY", "All");
        if (shape.connectWorkers() > 1 || shape.brokers() > 1) {
            env.put("HEAP_OPTS", CLUSTER_WORKER_HEAP);
        }
        return env;
    }

    private String alias(int node) {
        return shape.connectWorkers() == 1 ? ALIAS : ALIAS + "-" + node;
    }

    List<GenericContainer<?>> nodes() {
        return workers;
    }

    /** Every worker's REST API as this process reaches it, worker 1 first. */
    List<String> urls() {
        return workers.stream().map(worker -> "http://" + worker.getHost() + ":" + worker.getMappedPort(REST_PORT))
                .toList();
    }

    /** {@code connect:8083}, or {@code connect-1:8083} and {@code connect-2:8083}: what the workers advertise. */
    List<String> workerIds() {
        return IntStream.rangeClosed(1, workers.size()).mapToObj(node -> alias(node) + ":" + REST_PORT).toList();
    }
}
