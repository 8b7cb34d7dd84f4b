package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"cdc\" password=\"kafka-s3cret\";";

    static Path clientProperties(Path directory) throws IOException {
        return Files.writeString(directory.resolve("client.properties"), String.join("\n",
                "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-256", "sasl.jaas.config=" + JAAS,
                "ssl.truststore.password=trust-s3cret", "group.id=theirs"));
    }

    @Test
    void theFileOfCdcKafkaConfigReachesTheExternalStacksClientsButNotItsDescription(@TempDir Path directory)
            throws IOException {
        Path file = clientProperties(directory);
        StackConfig config = new StackConfig(Map.of(StackConfig.KAFKA_CONFIG, file.toString(),
                "cdc.kafka", "kafka.staging:9093")::get, name -> null);

        CdcStack external = config.newStack("external");

        assertThat(external.kafkaClientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(external.describe()).contains("kafka:      kafka.staging:9093 (SASL_PLAINTEXT, SCRAM-SHA-256)")
                .doesNotContain("s3cret");
        assertThat(external.kafka().toString()).doesNotContain("s3cret").contains("sasl.jaas.config");
    }

    @Test
    void everyClientGetsTheSettingsWhileItsOwnPropertiesAndTheBootstrapServersWin(@TempDir Path directory)
            throws IOException {
        KafkaEndpoint kafka = new KafkaEndpoint("k:9093", KafkaClientSettings.load(clientProperties(directory)));

        Map<String, Object> properties = kafka.clientProperties(Map.of("group.id", "ours"));

        assertThat(properties).containsEntry("bootstrap.servers", "k:9093").containsEntry("group.id", "ours")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void aMissingFileIsNamedWithTheOptionsThatNameIt(@TempDir Path directory) {
        Path missing = directory.resolve("nope.properties");

        assertThatThrownBy(() -> KafkaClientSettings.load(missing))
                .isInstanceOf(StackException.class)
                .hasMessage("Cannot read the Kafka client settings file " + missing + " (NoSuchFileException). "
                        + "Check the path given to --kafka-config, cdc.kafka-config or CDC_KAFKA_CONFIG: it must be "
                        + "a readable Java properties file such as security.protocol=SASL_SSL.");
    }
}
