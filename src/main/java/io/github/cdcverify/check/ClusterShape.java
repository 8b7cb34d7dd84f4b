package io.github.cdcverify.check;

import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.time.Durations;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Kafka cluster's shape means for the checks, said before they run: which order properties are checked
 * where, and how the checks' topics come to exist. Read from the brokers, so it holds for any pipeline.
 */
public final class ClusterShape {

    private ClusterShape() {
    }

    /** One line per fact that changes what a check can promise; empty when Kafka cannot be asked. */
    public static List<String> notes(CdcStack stack) {
        List<String> notes = new ArrayList<>();
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            int brokers = topics.brokerCount();
            String partitions = topics.brokerSetting("num.partitions").orElse("?");
            String autoCreate = topics.brokerSetting("auto.create.topics.enable").orElse("?");
            notes.add("Kafka: " + brokers + " broker" + (brokers == 1 ? "" : "s") + ", new topics get " + partitions
                    + " partition" + ("1".equals(partitions) ? "" : "s") + " (num.partitions), "
                    + "auto.create.topics.enable=" + autoCreate + ".");
            if (!"1".equals(partitions)) {
                notes.add("Kafka keeps order within a partition only: order is checked per key, transaction "
                        + "contiguity and source.lsn order per partition, snapshot rows in key order.");
            }
            if ("false".equals(autoCreate)) {
                notes.add("The brokers do not create topics: the checks' connectors ask Connect to "
                        + "(topic.creation.default.*), and a topic that does not appear within "
                        + Durations.readable(CapturedTable.TOPIC_TIMEOUT) + " fails its check with the reason.");
            }
        } catch (RuntimeException e) {
            notes.add("Could not read the Kafka cluster's settings: " + e.getMessage());
        }
        return notes;
    }
}
