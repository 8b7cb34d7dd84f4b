package io.github.cdcverify.stack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The only code that touches Kafka's server and Connect runtime classes: formatting a KRaft node's storage, running
 * the server, running a distributed Connect worker. {@link EmbeddedKafkaBroker} and {@link EmbeddedConnectWorker}
 * call it for a node in this JVM and {@link NodeMain} for a node in a JVM of its own, so that a JVM whose class path
 * holds another Kafka or Jetty (a user's project) never links against those classes.
 */
final class KafkaServers {

    /** Node properties that are ours, not the server's: what formatting a fresh node needs. */
    static final String CLUSTER_ID = "cdc.node.cluster-id";
    static final String SCRAM_ARGUMENT = "cdc.node.scram-argument";

    private KafkaServers() {
    }

    /** Formats {@code logDirectory} unless it holds a formatted node already (a restart keeps its data). */
    static void formatIfNew(Path logDirectory, int nodeId, String clusterId, List<String> scramArguments)
            throws Exception {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Formatter formatter = new Formatter();
        if (!scramArguments.isEmpty()) {
            formatter.setScramArguments(scramArguments);
        }
        formatter
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setClusterId(clusterId)
                .setNodeId(nodeId)
                .setControllerListenerName(EmbeddedKafkaBroker.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDirectory.toString())
                .setDirectories(List.of(logDirectory.toString()))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    /**
     * Formats a new node's storage from its properties ({@link #CLUSTER_ID}, {@link #SCRAM_ARGUMENT}), starts the
     * server, and returns what shuts it down (a controlled shutdown).
     */
    static AutoCloseable start(Properties properties) throws Exception {
        Properties server = new Properties();
        server.putAll(properties);
        String clusterId = (String) server.remove(CLUSTER_ID);
        String scram = (String) server.remove(SCRAM_ARGUMENT);
        formatIfNew(Path.of(server.getProperty("log.dirs")), Integer.parseInt(server.getProperty("node.id")),
                clusterId, scram == null ? List.of() : List.of(scram));
        KafkaRaftServer raft = new KafkaRaftServer(KafkaConfig.fromProps(server, false), Time.SYSTEM);
        raft.startup();
        return () -> {
            raft.shutdown();
            raft.awaitShutdown();
        };
    }

    /** Starts a distributed Connect worker (its REST API included) and returns what stops it. */
    static AutoCloseable startConnect(Map<String, String> workerProperties) {
        Connect<?> connect = new ConnectDistributed().startConnect(workerProperties);
        return connect::stop;
    }
}
