package io.github.cdcverify.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the Kafka client settings file of {@code --kafka-config} ({@code cdc.kafka-config}, {@code CDC_KAFKA_CONFIG}):
 * a Java properties file such as Kafka's own {@code client.properties}, e.g. {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /**
     * @throws StackException naming the file and the option when the file cannot be read; never showing its content
     */
    public static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new StackException("Cannot read the Kafka client settings file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check the path given to --kafka-config, "
                    + StackConfig.KAFKA_CONFIG + " or CDC_KAFKA_CONFIG: it must be a readable Java properties file "
                    + "such as security.protocol=SASL_SSL.");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).trim()));
        return settings;
    }
}
