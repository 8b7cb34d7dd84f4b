package io.github.cdcverify.stack;

import org.apache.kafka.common.Uuid;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Kafka side of a {@link ContainerStack}: one to three KRaft nodes, each broker and controller, configured through
 * the {@code apache/kafka} image's environment. Connect reaches them on their network aliases ({@code kafka}, or
 * {@code kafka-1} to {@code kafka-3}), this process on loopback ports fixed before the start, so that every node can
 * advertise its own and a node started again keeps it.
 */
final class ContainerKafkaCluster {

    static final int INTERNAL_PORT = 19092;
    static final int CONTROLLER_PORT = 9094;
    static final int HOST_LISTENER_PORT = 9092;
    private static final String READY_LINE = ".*Transitioning from RECOVERY to RUNNING.*";
    /** Five JVMs of a cluster shape share a small machine: the image's 1 GiB default would not fit. */
    private static final String CLUSTER_NODE_HEAP = "-Xmx320m";

    private final Shape shape;
    private final List<GenericContainer<?>> nodes = new ArrayList<>();
    private final List<Integer> hostPorts = new ArrayList<>();

    ContainerKafkaCluster(String image, String compatibleWith, Network network, Shape shape,
                          Duration startupTimeout) {
        this.shape = shape;
        String clusterId = Uuid.randomUuid().toString();
        for (int node = 1; node <= shape.brokers(); node++) {
            int hostPort = Ports.free();
            hostPorts.add(hostPort);
            GenericContainer<?> container = new GenericContainer<>(
                    DockerImageName.parse(image).asCompatibleSubstituteFor(compatibleWith))
                    .withNetwork(network)
                    .withNetworkAliases(alias(node))
                    .withEnv(environment(node, hostPort, clusterId))
                    .waitingFor(Wait.forLogMessage(READY_LINE, 1).withStartupTimeout(startupTimeout));
            container.setPortBindings(List.of(Ports.LOOPBACK + ":" + hostPort + ":" + HOST_LISTENER_PORT));
            nodes.add(container);
        }
    }

    /** {@code kafka} for a single node (as in {@code containers/docker-compose.yml}), {@code kafka-N} in a cluster. */
    String alias(int node) {
        return shape.brokers() == 1 ? ContainerStack.KAFKA_ALIAS : ContainerStack.KAFKA_ALIAS + "-" + node;
    }

    private Map<String, String> environment(int node, int hostPort, String clusterId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLUSTER_ID", clusterId);
        env.put("KAFKA_NODE_ID", String.valueOf(node));
        env.put("KAFKA_PROCESS_ROLES", "broker,controller");
        env.put("KAFKA_LISTENERS", "PLAINTEXT://:" + HOST_LISTENER_PORT + ",BROKER://:" + INTERNAL_PORT
                + ",CONTROLLER://:" + CONTROLLER_PORT);
        env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + Ports.LOOPBACK + ":" + hostPort + ",BROKER://"
                + alias(node) + ":" + INTERNAL_PORT);
        env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER");
        env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", IntStream.rangeClosed(1, shape.brokers())
                .mapToObj(voter -> voter + "@" + alias(voter) + ":" + CONTROLLER_PORT)
                .collect(Collectors.joining(",")));
        KafkaNodeSettings.forShape(shape)
                .forEach((property, value) -> env.put(KafkaNodeSettings.environmentName(property), value));
        if (shape.brokers() > 1) {
            env.put("KAFKA_HEAP_OPTS", CLUSTER_NODE_HEAP);
        }
        return env;
    }

    List<GenericContainer<?>> nodes() {
        return nodes;
    }

    /** Node 1 to {@link Shape#brokers()}; the node id of a broker is its number. */
    GenericContainer<?> node(int node) {
        if (node < 1 || node > nodes.size()) {
            throw new IllegalArgumentException("Kafka node " + node + " does not exist: nodes are 1 to "
                    + nodes.size());
        }
        return nodes.get(node - 1);
    }

    /** As this process reaches the brokers, e.g. {@code 127.0.0.1:41234,127.0.0.1:41236}. */
    String bootstrapServers() {
        return hostPorts.stream().map(port -> Ports.LOOPBACK + ":" + port).collect(Collectors.joining(","));
    }

    /** As this process reaches node {@code node} alone. */
    String bootstrapServers(int node) {
        node(node);
        return Ports.LOOPBACK + ":" + hostPorts.get(node - 1);
    }

    /** As Connect reaches the brokers on the stack's network, e.g. {@code kafka-1:19092,kafka-2:19092}. */
    String internalBootstrapServers() {
        return IntStream.rangeClosed(1, nodes.size()).mapToObj(node -> alias(node) + ":" + INTERNAL_PORT)
                .collect(Collectors.joining(","));
    }
}
