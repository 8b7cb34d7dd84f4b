package io.github.cdcverify.suite;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/** Kafka Connect's REST API, seen as a user would with REST Assured. */
@PipelineTest
class ConnectRestIT {

    @Test
    @DisplayName("the Debezium PostgreSQL plugin is listed")
    void pluginIsListed(CdcStack stack) {
        given().baseUri(stack.connectUrl())
                .when().get("/connector-plugins")
                .then().statusCode(200)
                .body("class", hasItem(DebeziumPostgresConfig.CONNECTOR_CLASS));
    }

    @Test
    @DisplayName("a registered connector is listed and RUNNING with its task")
    void connectorIsListedAndRunning(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "rest").start()) {
            given().baseUri(stack.connectUrl())
                    .when().get("/connectors")
                    .then().statusCode(200).body("$", hasItem(captured.connectorName()));
            given().baseUri(stack.connectUrl())
                    .when().get("/connectors/{name}/status", captured.connectorName())
                    .then().statusCode(200)
                    .body("connector.state", equalTo("RUNNING"))
                    .body("tasks.size()", greaterThan(0))
                    .body("tasks.state", everyItem(equalTo("RUNNING")));
        }
    }

    @Test
    @DisplayName("a config without topic.prefix is rejected by validation with Debezium's message")
    void invalidConfigIsRejected(CdcStack stack) {
        Map<String, String> config = new java.util.HashMap<>(DebeziumPostgresConfig.forConnector("invalid")
                .withDatabase("127.0.0.1", 5432, "playground", "postgres", "unused").toMap());
        config.remove("topic.prefix");
        given().baseUri(stack.connectUrl()).contentType(ContentType.JSON).body(config)
                .when().put("/connector-plugins/{class}/config/validate", "PostgresConnector")
                .then().statusCode(200)
                .body("error_count", greaterThan(0))
                .body("configs.find { it.value.name == 'topic.prefix' }.value.errors[0]",
                        containsString("topic.prefix"));
    }
}
