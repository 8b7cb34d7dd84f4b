package io.github.cdcverify.kafka;

import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka's topics as an administrator sees them: which exist, removing them, and the brokers' settings that decide
 * whether a topic appears by itself. Every call is bounded by {@link #TIMEOUT}.
 */
public final class KafkaTopics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;

    private KafkaTopics(Admin admin) {
        this.admin = admin;
    }

    /** An administrative client of the cluster at {@code kafka}; the caller closes it. */
    public static KafkaTopics on(KafkaEndpoint kafka) {
        int millis = (int) TIMEOUT.toMillis();
        return new KafkaTopics(Admin.create(kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "cdc-verify-admin"))));
    }

    /** Whether {@code topic} exists. */
    public boolean exists(String topic) {
        return names().contains(topic);
    }

    /** Every topic whose name starts with {@code prefix}, internal ones excluded, sorted. */
    public List<String> startingWith(String prefix) {
        return names().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    private Collection<String> names() {
        return await(admin.listTopics().names(), "list the topics");
    }

    /**
     * Topics named {@code prefix...} and the heartbeat topics of connectors whose topic prefix starts so
     * ({@code __debezium-heartbeat.<prefix>...}): what connectors under that prefix create.
     */
    public List<String> ofConnectorsStartingWith(String prefix) {
        List<String> found = new ArrayList<>(startingWith(prefix));
        found.addAll(startingWith("__debezium-heartbeat." + prefix));
        return found;
    }

    /**
     * Deletes the topics and waits until the brokers accepted it.
     *
     * @throws KafkaAdminException naming the topics and the brokers' reason (e.g. deletion disabled, not
     *                             authorized)
     */
    public void delete(Collection<String> topics) {
        if (!topics.isEmpty()) {
            await(admin.deleteTopics(topics).all(), "delete topics " + String.join(", ", topics));
        }
    }

    /** How many brokers the cluster lists. */
    public int brokerCount() {
        return nodes().size();
    }

    private Collection<Node> nodes() {
        return await(admin.describeCluster().nodes(), "describe the cluster");
    }

    /** A broker's setting, e.g. {@code auto.create.topics.enable}, as the first broker the cluster lists has it. */
    public Optional<String> brokerSetting(String name) {
        Collection<Node> nodes = nodes();
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        return setting(new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString()), name,
                "read the brokers' settings");
    }

    /** A topic's setting, e.g. {@code cleanup.policy}, its broker default when the topic does not override it. */
    public Optional<String> topicSetting(String topic, String name) {
        return Optional.ofNullable(topicSettings(topic).get(name));
    }

    /** Every setting of a topic, as it applies (the broker's default where the topic does not override it). */
    public Map<String, String> topicSettings(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all(), "read the settings of topic " + topic)
                .get(resource);
        Map<String, String> settings = new HashMap<>();
        if (config != null) {
            config.entries().forEach(entry -> settings.put(entry.name(), entry.value()));
        }
        return settings;
    }

    private Optional<String> setting(ConfigResource resource, String name, String what) {
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(List.of(resource)).all(), what);
        return Optional.ofNullable(configs.get(resource)).map(config -> config.get(name)).map(ConfigEntry::value);
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaAdminException("Could not " + what + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new KafkaAdminException("Could not " + what + ": Kafka did not answer within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("Interrupted while trying to " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** An administrative request failed; the message says which and why. */
    public static final class KafkaAdminException extends RuntimeException {
        KafkaAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
