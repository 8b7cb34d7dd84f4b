package io.github.cdcverify.cli;

import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.stack.Topology;
import picocli.CommandLine.Option;

/** The shape of a stack we start; each option falls back to its system property / environment variable. */
final class TopologyOptions {

    @Option(names = "--brokers", paramLabel = "N",
            description = "Kafka brokers, 1 to 3 (KRaft, each also a controller; replication factor = brokers, "
                    + "min ISR 2 from 3 brokers on). Default: cdc.brokers / CDC_BROKERS, else 1.")
    Integer brokers;

    @Option(names = "--connect-workers", paramLabel = "N",
            description = "Kafka Connect workers in one group, 1 or 2. Default: cdc.connect-workers / "
                    + "CDC_CONNECT_WORKERS, else 1.")
    Integer connectWorkers;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of each new topic (the brokers' num.partitions), 1 to 12. Default: "
                    + "cdc.partitions / CDC_PARTITIONS, else 1.")
    Integer partitions;

    @Option(names = "--topic-auto-create", paramLabel = "true|false", arity = "1",
            description = "Whether brokers create a topic on first use (auto.create.topics.enable). Default: "
                    + "cdc.topic-auto-create / CDC_TOPIC_AUTO_CREATE, else true.")
    Boolean topicAutoCreate;

    /** The configured shape with these options applied over it. */
    Topology topology(StackConfig config) {
        Topology shape = config.topology();
        if (brokers != null) {
            shape = shape.withBrokers(brokers);
        }
        if (connectWorkers != null) {
            shape = shape.withConnectWorkers(connectWorkers);
        }
        if (partitions != null) {
            shape = shape.withPartitions(partitions);
        }
        if (topicAutoCreate != null) {
            shape = shape.withTopicAutoCreation(topicAutoCreate);
        }
        return shape;
    }
}
