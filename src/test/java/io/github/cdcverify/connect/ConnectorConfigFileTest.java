package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorConfigFileTest {

    private static final Map<String, String> ENDPOINTS = endpoints();

    private static Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("database.hostname", "localhost");
        endpoints.put("database.port", "5999");
        endpoints.put("database.dbname", "fresh");
        endpoints.put("database.user", "postgres");
        endpoints.put("database.password", "fresh-secret");
        endpoints.put("database.sslmode", null);
        return endpoints;
    }

    @Test
    void thePostShapeIsRegisteredAsWrittenWithOnlyTheEndpointsReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("orders.json");
        Files.writeString(file, """
                {"name": "orders-connector", "config": {
                  "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                  "database.hostname": "prod-db.internal", "database.port": 5432,
                  "database.password": "${file:/etc/kafka/secrets.properties:pg}",
                  "database.sslmode": "require", "tasks.max": 1,
                  "table.include.list": "public.orders", "topic.prefix": "shop"}}""");

        ConnectorConfigFile.Registration registration = ConnectorConfigFile.read(file)
                .forPipeline(ENDPOINTS, variable -> null);

        assertThat(registration.name()).isEqualTo("orders-connector");
        assertThat(registration.config()).containsEntry("database.hostname", "localhost")
                .containsEntry("database.port", "5999").containsEntry("database.password", "fresh-secret")
                .containsEntry("table.include.list", "public.orders").containsEntry("tasks.max", "1")
                .doesNotContainKey("database.sslmode").doesNotContainKey("name");
        assertThat(registration.replaced()).containsExactly("database.hostname", "database.port",
                "database.password", "database.sslmode");
        assertThat(registration.added()).containsExactly("database.dbname", "database.user");
        assertThat(registration.describe()).contains("replaced for the fresh pipeline: database.hostname, "
                + "database.port, database.password, database.sslmode").doesNotContain("fresh-secret")
                .doesNotContain("secrets.properties");
    }

    @Test
    void theBareMapIsNamedByItsNameSettingOrItsFileAndReferencesElsewhereAreResolvedUnprinted(@TempDir Path dir)
            throws IOException {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "token=s3cr3t\n");
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, "{\"connector.class\": \"io.debezium.connector.postgresql.PostgresConnector\", "
                + "\"topic.prefix\": \"${env:PREFIX}\", \"transforms.x.token\": \"${file:" + secrets + ":token}\"}");

        ConnectorConfigFile.Registration registration = ConnectorConfigFile.read(file)
                .forPipeline(ENDPOINTS, variable -> variable.equals("PREFIX") ? "inv" : null);

        assertThat(registration.name()).isEqualTo("inventory");
        assertThat(registration.config()).containsEntry("topic.prefix", "inv")
                .containsEntry("transforms.x.token", "s3cr3t");
        assertThat(registration.resolved()).containsExactly("topic.prefix", "transforms.x.token");
        assertThat(registration.describe()).doesNotContain("s3cr3t").doesNotContain("inv,");
    }

    @Test
    void badJsonAMissingClassAndAnUnsetVariableAreOneParagraphErrors(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"connector.class\": \"x\",\n \"tasks.max\": }");
        Path noClass = dir.resolve("noclass.json");
        Files.writeString(noClass, "{\"name\": \"a\", \"config\": {\"tasks.max\": \"1\"}}");
        Path unset = dir.resolve("unset.json");
        Files.writeString(unset, "{\"connector.class\": \"x\", \"topic.prefix\": \"${env:NOT_SET_HERE}\"}");

        assertThatThrownBy(() -> ConnectorConfigFile.read(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid JSON (line 2");
        assertThatThrownBy(() -> ConnectorConfigFile.read(noClass)).hasMessageContaining("has no connector.class");
        assertThatThrownBy(() -> ConnectorConfigFile.read(unset).forPipeline(ENDPOINTS, variable -> null))
                .hasMessageContaining("setting topic.prefix refers to ${env:NOT_SET_HERE}, which is not set");
    }
}
