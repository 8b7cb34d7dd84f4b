package io.github.cdcverify.stack;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka Connect worker in <em>distributed</em> mode, in this JVM, with its REST API on loopback. The Debezium
 * connector is found on the classpath. Every worker of a stack joins the same group, so a connector's task runs on
 * one of them and moves when that one stops.
 */
final class EmbeddedConnectWorker implements AutoCloseable {

    static final String GROUP_ID = "cdc-verify-connect";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final int restPort;
    private final Topology topology;
    private Connect<?> connect;

    EmbeddedConnectWorker(String bootstrapServers, int restPort, Topology topology) {
        this.bootstrapServers = bootstrapServers;
        this.restPort = restPort;
        this.topology = topology;
    }

    boolean running() {
        return connect != null;
    }

    String url() {
        return "http://" + Ports.LOOPBACK + ":" + restPort;
    }

    void start() {
        if (running()) {
            return;
        }
        try {
            connect = new ConnectDistributed().startConnect(workerProperties());
        } catch (RuntimeException e) {
            throw new StackException("Kafka Connect did not start on " + url() + ": " + e.getMessage(), e);
        }
        Readiness.awaitHttpOk(url() + "/connectors", "Kafka Connect", READY_TIMEOUT);
    }

    private Map<String, String> workerProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", GROUP_ID);
        p.put("config.storage.topic", GROUP_ID + "-configs");
        p.put("offset.storage.topic", GROUP_ID + "-offsets");
        p.put("status.storage.topic", GROUP_ID + "-status");
        String replicas = String.valueOf(topology.replicationFactor());
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
        // Scanning the whole classpath for plugins costs seconds; service loading finds Debezium as well.
        p.put("plugin.discovery", "service_load");
        // Commit source offsets every second so that a restarted task replays little.
        p.put("offset.flush.interval.ms", "1000");
        p.put("connector.client.config.override.policy", "All");
        // A worker replaced without a clean leave would otherwise have its tasks held back for 5 minutes, in case
        // it comes back.
        p.put("scheduled.rebalance.max.delay.ms", "1000");
        // Connectors may take secrets from files (${file:/path:key}) instead of keeping them in clear in their
        // configuration, as production workers offer.
        p.put("config.providers", "file");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return p;
    }

    @Override
    public void close() {
        if (connect != null) {
            try {
                connect.stop();
            } finally {
                connect = null;
            }
        }
    }
}
