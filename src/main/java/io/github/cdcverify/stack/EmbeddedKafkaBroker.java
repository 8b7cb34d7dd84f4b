package io.github.cdcverify.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One KRaft node of an {@link EmbeddedKafkaCluster}: broker and controller in one server, listening on loopback
 * only; in this JVM, or in a {@link NodeProcess} of its own so that it can be killed or run on the pipeline's own
 * class path. Kafka's server classes are touched only through {@link KafkaServers}.
 */
final class EmbeddedKafkaBroker implements AutoCloseable {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration PROCESS_START_TIMEOUT = Duration.ofSeconds(90);

    private final Path logDirectory;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final String quorumVoters;
    private final String clusterId;
    private final Shape shape;
    private final boolean ownProcess;
    private final String processClassPath;
    private AutoCloseable server;
    private NodeProcess process;
    private SaslScram saslScram;
    private int saslPort;

    /**
     * @param quorumVoters every controller of the cluster, {@code id@host:port,...}
     * @param clusterId    the same for every node of the cluster
     * @param processClassPath the class path of the node's own JVM; {@code null} runs it in this JVM
     */
    EmbeddedKafkaBroker(Path logDirectory, int nodeId, int port, int controllerPort, String quorumVoters,
                        String clusterId, Shape shape, String processClassPath) {
        this.logDirectory = logDirectory;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.shape = shape;
        this.ownProcess = processClassPath != null;
        this.processClassPath = processClassPath;
    }

    int nodeId() {
        return nodeId;
    }

    boolean running() {
        return server != null || process != null && process.alive();
    }

    String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Adds a SASL_PLAINTEXT listener on {@code port} for {@code scram}'s user; call before the first start. */
    void withSaslScram(SaslScram scram, int port) {
        this.saslScram = scram;
        this.saslPort = port;
    }

    /** The SASL listener's address; {@code null} without one. */
    String saslBootstrapServers() {
        return saslScram == null ? null : Ports.LOOPBACK + ":" + saslPort;
    }

    /** Starts the server on the same log directory; formats it on first start only, so a restart keeps the data. */
    void start() {
        try {
            Properties properties = serverProperties();
            if (ownProcess) {
                startProcess(properties);
            } else {
                server = KafkaServers.start(properties);
            }
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException("Kafka broker " + nodeId + " did not start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", quorumVoters);
        p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + "," + CONTROLLER_LISTENER + "://"
                + Ports.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        p.putAll(KafkaNodeSettings.forShape(shape));
        if (saslScram != null) {
            saslScram.addListener(p, saslPort);
            p.put(KafkaServers.SCRAM_ARGUMENT, saslScram.formatterArguments().get(0));
        }
        p.put(KafkaServers.CLUSTER_ID, clusterId);
        return p;
    }

    private void startProcess(Properties properties) {
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        process = new NodeProcess("kafka", logDirectory.resolveSibling(logDirectory.getFileName() + "-process"),
                settings, "320m", processClassPath);
        process.startAndAwait(() -> Readiness.awaitKafka(bootstrapServers(), PROCESS_START_TIMEOUT));
    }

    /**
     * Kills the node's process (SIGKILL): no controlled shutdown, nothing flushed.
     *
     * @throws UnsupportedOperationException for a node in this JVM
     */
    void kill() {
        if (!ownProcess) {
            throw new UnsupportedOperationException("A Kafka node in this JVM cannot be killed on its own");
        }
        if (process != null) {
            process.kill();
        }
    }

    /** Kills the node's process, or shuts down a node in this JVM (which cannot be killed). */
    void killOrClose() {
        if (ownProcess) {
            kill();
        } else {
            close();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
            process = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new StackException("Kafka broker " + nodeId + " did not shut down: " + e.getMessage(), e);
            } finally {
                server = null;
            }
        }
    }
}
