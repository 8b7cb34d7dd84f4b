package io.github.cdcverify.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka Connect worker in <em>distributed</em> mode, in this JVM or in a JVM of its own, with its REST API on
 * loopback. The Debezium connector is found on the class path, or as an isolated plugin on the worker's
 * {@code plugin.path} next to the user's own plugin jars. Every worker of a stack joins the same group, so a connector's task runs on
 * one of them and moves when that one stops.
 */
final class EmbeddedConnectWorker implements AutoCloseable {

    static final String GROUP_ID = "cdc-verify-connect";
    /** The workers' {@code heartbeat.interval.ms}, here and in containers (default 3000). */
    static final String CONNECT_HEARTBEAT_INTERVAL_MS = "500";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROCESS_READY_TIMEOUT = Duration.ofSeconds(120);

    private final String bootstrapServers;
    private final int restPort;
    private final Shape shape;
    private final Path processDirectory;
    private final String processClassPath;
    private final List<Path> pluginPath;
    private final boolean scanPlugins;
    private AutoCloseable connect;
    private NodeProcess process;

    /**
     * @param processDirectory where the worker's own JVM keeps its files; {@code null} runs it in this JVM
     * @param processClassPath the class path of the worker's own JVM (with a {@code processDirectory})
     * @param pluginPath       directories of plugins (each jar or subdirectory one plugin, in its own class
     *                         loader); empty for none
     * @param scanPlugins      whether some plugin may lack the ServiceLoader manifests that service loading needs
     *                         (a user's jars): the worker then scans the class path and plugin path too
     */
    EmbeddedConnectWorker(String bootstrapServers, int restPort, Shape shape, Path processDirectory,
                          String processClassPath, List<Path> pluginPath, boolean scanPlugins) {
        this.bootstrapServers = bootstrapServers;
        this.restPort = restPort;
        this.shape = shape;
        this.processDirectory = processDirectory;
        this.processClassPath = processClassPath;
        this.pluginPath = List.copyOf(pluginPath);
        this.scanPlugins = scanPlugins;
    }

    boolean running() {
        return connect != null || process != null && process.alive();
    }

    String url() {
        return "http://" + Ports.LOOPBACK + ":" + restPort;
    }

    void start() {
        if (running()) {
            return;
        }
        if (processDirectory != null) {
            process = new NodeProcess("connect", processDirectory, workerProperties(), "384m",
                    processClassPath);
            process.startAndAwait(() -> Readiness.awaitHttpOk(url() + "/connectors", "Kafka Connect",
                    PROCESS_READY_TIMEOUT));
            return;
        }
        try {
            connect = KafkaServers.startConnect(workerProperties());
        } catch (RuntimeException e) {
            throw new StackException("Kafka Connect did not start on " + url() + ": " + e.getMessage(), e);
        }
        Readiness.awaitHttpOk(url() + "/connectors", "Kafka Connect", READY_TIMEOUT);
    }

    /**
     * Kills the worker's process (SIGKILL): its tasks stop without committing offsets or leaving the group.
     *
     * @throws UnsupportedOperationException for a worker in this JVM
     */
    void kill() {
        if (process == null) {
            throw new UnsupportedOperationException("A Connect worker in this JVM cannot be killed on its own");
        }
        process.kill();
    }

    private Map<String, String> workerProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP_ID);
        p.put("config.storage.topic", GROUP_ID + "-configs");
        p.put("offset.storage.topic", GROUP_ID + "-offsets");
        p.put("status.storage.topic", GROUP_ID + "-status");
        String replicas = String.valueOf(shape.replicationFactor());
        p.put("config.storage.replication.factor", replicas);
        p.put("offset.storage.replication.factor", replicas);
        p.put("status.storage.replication.factor", replicas);
        p.put("offset.storage.partitions", "1");
        p.put("status.storage.partitions", "1");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("listeners", url());
        p.put("rest.advertised.host.name", Ports.LOOPBACK);
        p.put("rest.advertised.port", String.valueOf(restPort));
        // Scanning the whole classpath for plugins costs seconds (measured: worker up in 32-55 s instead of 8 s on
        // a busy 2-core machine); service loading finds Debezium, also as a plugin archive. A user's plugin jars may
        // lack the ServiceLoader manifests that service_load needs (Connect asks for them since 3.6): with those
        // the worker scans, and warns about plugins without manifests.
        p.put("plugin.discovery", scanPlugins ? "hybrid_warn" : "service_load");
        if (!pluginPath.isEmpty()) {
            p.put("plugin.path", pluginPath.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        // Commit source offsets every second so that a restarted task replays little.
        p.put("offset.flush.interval.ms", "1000");
        p.put("connector.client.config.override.policy", "All");
        // 1 s unless set: a worker replaced without a clean leave would otherwise have its tasks held back for 5 min.
        p.put("scheduled.rebalance.max.delay.ms",
                String.valueOf(StackConfig.fromSystem().connectRebalanceDelay().toMillis()));
        // In a group of several workers, the others learn of a rebalance (a connector or task added or removed) at
        // their next heartbeat: with the default 3 s, each connector a scenario registers or deletes waited ~3 s for
        // its tasks (measured: verify's insert-update-delete check 7.2 s -> 2.0 s on 3 brokers / 2 workers).
        p.put("heartbeat.interval.ms", CONNECT_HEARTBEAT_INTERVAL_MS);
        // Connectors may take secrets from files (${file:/path:key}) instead of keeping them in clear in their
        // configuration, as production workers offer.
        p.put("config.providers", "file");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return p;
    }

    /** What the worker's own JVM printed; empty for a worker in this JVM (its log is this JVM's). */
    String processLog() {
        return process == null ? "" : process.log();
    }

    /** Kills the worker's process, or stops a worker in this JVM (which cannot be killed). */
    void killOrClose() {
        if (process != null) {
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
        if (connect != null) {
            try {
                connect.close();
            } catch (Exception e) {
                throw new StackException("Kafka Connect on " + url() + " did not stop: " + e.getMessage(), e);
            } finally {
                connect = null;
            }
        }
    }
}
