package io.github.cdcverify.stack;

import org.apache.kafka.common.Uuid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Kafka side of an {@link EmbeddedStack}: one to three KRaft nodes, each broker and controller, in this JVM.
 * Nodes start and stop together, in parallel: a broker with other voters waits for a quorum before it is ready.
 */
final class EmbeddedKafkaCluster implements AutoCloseable {

    private final List<EmbeddedKafkaBroker> brokers = new ArrayList<>();

    /**
     * @param firstPort the first broker's client port (chosen by the caller, so a fixed one can be honoured); the
     *                  others get free ports
     */
    EmbeddedKafkaCluster(Path directory, int firstPort, Topology topology) {
        int count = topology.brokers();
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
                    controllerPorts[i], String.join(",", voters), clusterId, topology));
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

    /** Stops every node with a controlled shutdown, in parallel, keeping their data. */
    @Override
    public void close() {
        Parallel.forEach(brokers, EmbeddedKafkaBroker::close);
    }
}
