package io.github.cdcverify.setup;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorStatus;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import java.time.Duration;

/** Waiting for a connector's topic after its first change, and explaining why it never came when it does not. */
public final class ConnectorTopicWait {

    private static final Duration POLL = Duration.ofMillis(100);

    private ConnectorTopicWait() {
    }

    /**
     * Waits until {@code topic} exists.
     *
     * @throws TopicNotCreatedException when it does not within {@code timeout}, with the brokers' setting, the
     *                                  connector's state and the fix
     */
    public static void await(KafkaEndpoint kafka, String topic, ConnectClient connect, String connector,
                             Duration timeout) {
        try (KafkaTopics topics = KafkaTopics.on(kafka)) {
            if (!BoundedWait.upTo(timeout).every(POLL).until(() -> topics.exists(topic))) {
                throw new TopicNotCreatedException(explain(topics, topic, connect, connector, timeout));
            }
        }
    }

    private static String explain(KafkaTopics topics, String topic, ConnectClient connect, String connector,
                                  Duration timeout) {
        String autoCreate = topics.brokerSetting("auto.create.topics.enable").orElse("unknown");
        String state;
        try {
            ConnectorStatus status = connect.status(connector);
            state = connector + ": " + status.summary() + status.failedTrace()
                    .map(trace -> " (" + trace.lines().findFirst().orElse("") + ")").orElse("");
        } catch (RuntimeException e) {
            state = "the connector's state could not be read: " + e.getMessage();
        }
        return "Topic '" + topic + "' did not appear within " + Durations.readable(timeout) + " of the first change, so "
                + "no change event can reach Kafka (" + state + "). The brokers have auto.create.topics.enable="
                + autoCreate + ", and Kafka Connect did not create the topic either. Connect creates a connector's "
                + "topics only when the connector sets topic.creation.default.replication.factor and "
                + "topic.creation.default.partitions (cdc-verify's connectors set both to -1, the brokers' "
                + "defaults) and the workers allow it (worker setting topic.creation.enable, true by default). "
                + "Fix: set topic.creation.enable=true on the Connect workers, or allow auto.create.topics.enable "
                + "on the brokers, or create the topic beforehand.";
    }
}
