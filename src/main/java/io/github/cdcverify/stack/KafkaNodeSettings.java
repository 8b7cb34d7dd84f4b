package io.github.cdcverify.stack;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The broker settings that follow from a {@link Shape}, the same for an embedded node and a container node:
 * replication of every topic (internal ones included), min ISR, partitions, topic auto-creation, and what keeps a
 * small test broker quick and light.
 */
final class KafkaNodeSettings {

    private KafkaNodeSettings() {
    }

    /** Broker properties, e.g. {@code default.replication.factor=3}. */
    static Map<String, String> forShape(Shape shape) {
        String replicas = String.valueOf(shape.replicationFactor());
        String minIsr = String.valueOf(shape.minInsyncReplicas());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("num.partitions", String.valueOf(shape.partitions()));
        p.put("auto.create.topics.enable", String.valueOf(shape.topicAutoCreation()));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        // The log cleaner (compaction of Connect's internal topics and consumer offsets) allocates its whole dedupe
        // buffer on the heap at start-up: 128 MiB by default, a third of the bench's 384 MiB heap, which left the
        // young generation so small that it collected ~9 times a second under load. 8 MiB still holds ~400,000
        // keys per cleaning round, far more than the compacted topics of one test pipeline ever have.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    /**
     * A broker property as the {@code apache/kafka} image reads it from its environment: {@code num.partitions} is
     * {@code KAFKA_NUM_PARTITIONS} ({@code _} in a name is {@code __}, {@code -} is {@code ___}).
     */
    static String environmentName(String property) {
        return "KAFKA_" + property.replace("_", "__").replace("-", "___").replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }
}
