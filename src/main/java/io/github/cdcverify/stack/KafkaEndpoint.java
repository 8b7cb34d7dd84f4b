package io.github.cdcverify.stack;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Kafka as the clients of this process reach it: the bootstrap servers and the client settings every Kafka client
 * we create must carry on a secured cluster ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). Every
 * consumer, producer and administrative client takes its properties from {@link #clientProperties(Map)}, so no
 * client can leave the settings out.
 *
 * @param bootstrapServers e.g. {@code 127.0.0.1:9092}
 * @param clientSettings   Kafka client properties applied to every client; empty for a plaintext cluster
 */
public record KafkaEndpoint(String bootstrapServers, Map<String, String> clientSettings) {

    public KafkaEndpoint {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientSettings = Collections.unmodifiableMap(new TreeMap<>(clientSettings));
    }

    /** A cluster that needs nothing beyond its address. */
    public static KafkaEndpoint plaintext(String bootstrapServers) {
        return new KafkaEndpoint(bootstrapServers, Map.of());
    }

    /**
     * The properties for a new Kafka client: the client settings, then {@code ours} (the client's own group, offsets
     * and timeouts win over the file, which is there for security), then the bootstrap servers.
     */
    public Map<String, Object> clientProperties(Map<String, ?> ours) {
        Map<String, Object> properties = new HashMap<>(clientSettings);
        properties.putAll(ours);
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /**
     * The servers, and how clients log in when the settings say so, e.g.
     * {@code 127.0.0.1:9093 (SASL_PLAINTEXT, SCRAM-SHA-256)}; never a secret.
     */
    public String describe() {
        String protocol = clientSettings.get("security.protocol");
        if (protocol == null) {
            return bootstrapServers;
        }
        String mechanism = clientSettings.get("sasl.mechanism");
        return bootstrapServers + " (" + protocol + (mechanism == null ? "" : ", " + mechanism) + ")";
    }

    /** Names the settings but shows none of their values: some are secrets. */
    @Override
    public String toString() {
        return "KafkaEndpoint[" + bootstrapServers + ", settings " + clientSettings.keySet() + "]";
    }
}
