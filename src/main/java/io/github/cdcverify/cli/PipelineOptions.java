package io.github.cdcverify.cli;

import io.github.cdcverify.stack.KafkaClientSettings;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.stack.TutorialDefaults;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** Where Kafka and Kafka Connect are, and how our Kafka clients log in. */
final class PipelineOptions {

    @Option(names = "--kafka", defaultValue = "${CDC_KAFKA:-" + TutorialDefaults.KAFKA + "}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env CDC_KAFKA).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings (a properties file: security.protocol, sasl.mechanism, "
                    + "sasl.jaas.config, ssl.*) for every Kafka client cdc-verify creates (env CDC_KAFKA_CONFIG, "
                    + "property " + StackConfig.KAFKA_CONFIG + ").")
    Path kafkaConfig;

    // The help names the default's source instead of showing ${DEFAULT-VALUE}: CDC_CONNECT_URL may carry a login.
    @Option(names = "--connect-url", defaultValue = "${CDC_CONNECT_URL:-" + TutorialDefaults.CONNECT_URL + "}",
            description = "Kafka Connect REST URL; user:password@ in it is sent as Basic auth and never printed "
                    + "(default: env CDC_CONNECT_URL, else " + TutorialDefaults.CONNECT_URL + ").")
    String connectUrl;

    /** Kafka with the client settings of {@code --kafka-config}, else of {@code cdc.kafka-config}/{@code CDC_KAFKA_CONFIG}. */
    KafkaEndpoint kafka() {
        Map<String, String> settings = kafkaConfig != null ? KafkaClientSettings.load(kafkaConfig)
                : StackConfig.fromSystem().kafkaClientSettings();
        return new KafkaEndpoint(bootstrapServers, settings);
    }
}
