package io.github.cdcverify.cli;

import picocli.CommandLine.Option;

/** Where Kafka and Kafka Connect are. */
final class PipelineOptions {

    @Option(names = "--kafka", defaultValue = "${CDC_KAFKA:-localhost:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env CDC_KAFKA).")
    String bootstrapServers;

    @Option(names = "--connect-url", defaultValue = "${CDC_CONNECT_URL:-http://localhost:8084}",
            description = "Kafka Connect REST URL (default: ${DEFAULT-VALUE}; env CDC_CONNECT_URL).")
    String connectUrl;
}
