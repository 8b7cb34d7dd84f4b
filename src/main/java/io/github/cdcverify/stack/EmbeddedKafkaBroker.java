package io.github.cdcverify.stack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Properties;

/**
 * One KRaft node of an {@link EmbeddedKafkaCluster}: broker and controller in one server, listening on loopback
 * only; in this JVM, or in a {@link NodeProcess} of its own so that it can be killed.
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
    private final Topology topology;
    private final boolean ownProcess;
    private KafkaRaftServer server;
    private NodeProcess process;
    private boolean formatted;
    private SaslScram saslScram;
    private int saslPort;

    /**
     * @param quorumVoters every controller of the cluster, {@code id@host:port,...}
     * @param clusterId    the same for every node of the cluster
     * @param ownProcess   whether the node runs in a JVM of its own
     */
    EmbeddedKafkaBroker(Path logDirectory, int nodeId, int port, int controllerPort, String quorumVoters,
                        String clusterId, Topology topology, boolean ownProcess) {
        this.logDirectory = logDirectory;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.topology = topology;
        this.ownProcess = ownProcess;
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
            if (!formatted) {
                format();
                formatted = true;
            }
            if (ownProcess) {
                startProcess(properties);
            } else {
                server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
                server.startup();
            }
        } catch (StackException e) {
            throw e;
        } catch (Exception e) {
            throw new StackException("Kafka broker " + nodeId + " did not start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private void format() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Formatter formatter = new Formatter();
        if (saslScram != null) {
            formatter.setScramArguments(saslScram.formatterArguments());
        }
        formatter
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDirectory.toString())
                .setDirectories(List.of(logDirectory.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
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
        p.putAll(KafkaNodeSettings.forShape(topology));
        if (saslScram != null) {
            saslScram.addListener(p, saslPort);
        }
        return p;
    }

    private void startProcess(Properties properties) {
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        process = new NodeProcess("kafka", logDirectory.resolveSibling(logDirectory.getFileName() + "-process"),
                settings, "320m");
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
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
    }
}
