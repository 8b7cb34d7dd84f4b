package io.github.cdcverify.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * containers/docker-compose.yml cannot run here (no Docker engine), so it is held to what ContainerStack runs: same
 * images, same Connect settings, the tutorial's names and ports; and the connector JSON beside it is exactly what
 * our config builder produces for that network.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("containers", "docker-compose.yml");
    private static final Path CONNECTOR = Path.of("containers", "users-connector.json");

    private final JsonNode services = read(new ObjectMapper(new YAMLFactory()), COMPOSE).get("services");

    @Test
    void usesTheImagesContainerStackPins() {
        assertThat(services.at("/postgres/image").asText()).isEqualTo(ContainerImages.POSTGRES);
        assertThat(services.at("/kafka/image").asText()).isEqualTo(ContainerImages.KAFKA);
        assertThat(services.at("/connect/image").asText()).isEqualTo(ContainerImages.CONNECT);
    }

    @Test
    void postgresRunsTheSameCommandWithTheTutorialsDatabase() {
        assertThat(strings(services.at("/postgres/command"))).isEqualTo(ContainerStack.postgresCommand());
        assertThat(services.at("/postgres/environment/POSTGRES_DB").asText()).isEqualTo("playground");
        assertThat(services.at("/postgres/environment/POSTGRES_USER").asText()).isEqualTo("postgres");
        assertThat(strings(services.at("/postgres/ports"))).containsExactly("5432:5432");
    }

    @Test
    void connectHasTheSameEnvironmentAndListensOn8084() {
        Map<String, String> environment = new ObjectMapper().convertValue(services.at("/connect/environment"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        assertThat(environment).isEqualTo(ContainerConnectWorkers.singleWorkerEnvironment());
        assertThat(strings(services.at("/connect/ports"))).containsExactly("8084:" + ContainerStack.CONNECT_PORT);
    }

    @Test
    void kafkaOffersTheHostPortAndTheInternalListenerConnectUses() {
        String advertised = services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        assertThat(advertised).contains("localhost:9092").contains(ContainerStack.KAFKA_ALIAS + ":"
                + ContainerStack.KAFKA_INTERNAL_PORT);
        assertThat(strings(services.at("/kafka/ports"))).containsExactly("9092:9092");
    }

    @Test
    void connectorJsonIsWhatTheBuilderMakesForTheComposeNetwork() {
        JsonNode connector = read(new ObjectMapper(), CONNECTOR);
        Map<String, String> expected = DebeziumPostgresConfig.forConnector("users-connector")
                .withDatabase(ContainerStack.POSTGRES_ALIAS, ContainerStack.POSTGRES_PORT, "playground", "postgres",
                        "postgres")
                .withTopicPrefix("dbserver1")
                .withTables("public.users")
                .toMap();

        assertThat(connector.get("name").asText()).isEqualTo("users-connector");
        assertThat(new ObjectMapper().convertValue(connector.get("config"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { })).isEqualTo(expected);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file.toAbsolutePath(), e);
        }
    }
}
