package io.github.cdcverify.cli;

import io.github.cdcverify.stack.Shape;
import io.github.cdcverify.stack.StackConfig;
import picocli.CommandLine.Option;

/**
 * The shape of a stack we start, and the plugins its Connect workers load; each option falls back to its system
 * property / environment variable.
 */
final class ShapeOptions {

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

    /**
     * Sets {@code cdc.plugin-path}, read by every stack this process starts (the same setting as the system property
     * and {@code CDC_PLUGIN_PATH}), so that each command needs nothing more than this mixin.
     */
    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "A directory of your own Connect plugins (SMT, converter, predicate jars; each jar or "
                    + "subdirectory one plugin, in its own class loader) for the Connect workers we start, "
                    + "embedded or containers. Default: cdc.plugin-path / CDC_PLUGIN_PATH.")
    void pluginPath(String directory) {
        System.setProperty(StackConfig.PLUGIN_PATH, directory);
    }

    /** Sets {@code cdc.debezium-version}; see {@link #pluginPath(String)}. */
    @Option(names = "--debezium-version", paramLabel = "VERSION",
            description = "Run this Debezium PostgreSQL connector version (e.g. 2.7.4.Final), fetched from Maven "
                    + "Central into the local Maven repository, as an isolated plugin on the embedded stack. "
                    + "Default: cdc.debezium-version / CDC_DEBEZIUM_VERSION, else the one cdc-verify is built with.")
    void debeziumVersion(String version) {
        System.setProperty(StackConfig.DEBEZIUM_VERSION, version);
    }

    /** The configured shape with these options applied over it. */
    Shape resolve(StackConfig config) {
        Shape shape = config.shape();
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
