package io.github.cdcverify.stack;

import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Kafka side of an {@link EmbeddedStack}: one to three KRaft nodes, each broker and controller, in this JVM or each in a JVM of
 * its own.
 * Nodes start and stop together, in parallel: a broker with other voters waits for a quorum before it is ready.
 */
final class EmbeddedKafkaCluster implements AutoCloseable {

    private final List<EmbeddedKafkaBroker> brokers = new ArrayList<>();

    /**
     * @param firstPort the first broker's client port (chosen by the caller, so a fixed one can be honoured); the
     *                  others get free ports
     * @param processClassPath the class path of the nodes' own JVMs; {@code null} runs them in this JVM
     */
    EmbeddedKafkaCluster(Path directory, int firstPort, Shape shape, String processClassPath) {
        int count = shape.brokers();
        int[] ports = new int[count];
        int[] controllerPorts = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = i == 0 ? firstPort : Ports.free();
            controllerPorts[i] = Ports.free();
        }
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            voters.add((i + 1) + "@" + Ports.LOOPBACK + ":" + controllerPorts[i]);
        }
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < count; i++) {
            brokers.add(new EmbeddedKafkaBroker(directory.resolve("node-" + (i + 1)), i + 1, ports[i],
                    controllerPorts[i], String.join(",", voters), clusterId, shape, processClassPath));
        }
    }

    /** Every broker's address, comma-separated, as clients take it. */
    String bootstrapServers() {
        return brokers.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Gives every broker a SASL_PLAINTEXT listener, on a free port, for {@code scram}'s user. */
    void withSaslScram(SaslScram scram) {
        brokers.forEach(broker -> broker.withSaslScram(scram, Ports.free()));
    }

    /** Every broker's SASL listener, comma-separated; see {@link #withSaslScram}. */
    String saslBootstrapServers() {
        return brokers.stream().map(EmbeddedKafkaBroker::saslBootstrapServers).collect(Collectors.joining(","));
    }

    /** Starts every node that is not running, in parallel; returns when all are up. */
    void start() {
        Parallel.forEach(brokers, broker -> {
            if (!broker.running()) {
                broker.start();
            }
        });
    }

    /** How many nodes the cluster has; node ids are 1 to this. */
    int size() {
        return brokers.size();
    }

    /** Kills one node (SIGKILL) while the others keep running; {@link #start()} brings it back. */
    void kill(int nodeId) {
        node(nodeId).kill();
    }

    private EmbeddedKafkaBroker node(int nodeId) {
        if (nodeId < 1 || nodeId > brokers.size()) {
            throw new IllegalArgumentException("Kafka node " + nodeId + " does not exist: nodes are 1 to "
                    + brokers.size());
        }
        return brokers.get(nodeId - 1);
    }

    /**
     * Stops every node, keeping their data: one after another with a controlled shutdown, except the last node of
     * a cluster of several, which is killed: with the other controllers gone it has no quorum to shut down with
     * (Kafka would wait minutes for one), and it recovers its log on start like after a crash.
     */
    @Override
    public void close() {
        for (int i = 0; i < brokers.size(); i++) {
            if (i > 0 && i == brokers.size() - 1) {
                brokers.get(i).kill();
            } else {
                brokers.get(i).close();
            }
        }
    }

    /** Kills every node at once: for a cluster whose data is thrown away next. */
    void killAll() {
        brokers.forEach(EmbeddedKafkaBroker::killOrClose);
    }
}
