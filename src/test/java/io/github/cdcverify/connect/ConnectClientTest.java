package io.github.cdcverify.connect;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectClientTest {

    @Test
    void unreachableWorkerGivesAnActionableMessage() throws IOException {
        int port = freePort();
        ConnectClient client = new ConnectClient("http://127.0.0.1:" + port + "/");

        assertThatThrownBy(client::connectors)
                .isExactlyInstanceOf(ConnectException.class)
                .hasMessage("Kafka Connect is not reachable at http://127.0.0.1:" + port + " (connection refused). "
                        + "Start it, or pass the right URL with --connect-url / CDC_CONNECT_URL.");
    }

    @Test
    void credentialsInTheUrlNeverAppearInMessages() throws IOException {
        int port = freePort();
        ConnectClient client = new ConnectClient("http://admin:hunter2@127.0.0.1:" + port);

        assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> client.status("users-connector"))
                .hasMessageStartingWith("Kafka Connect is not reachable at http://127.0.0.1:" + port + " (")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("admin");
        assertThatThrownBy(() -> new ConnectClient("ftp://admin:hunter2@host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthDecodedAndNeverEchoedFromAnAnswer() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A proxy in front of Connect that lets /connectors through and answers anything else with an error that
        // echoes the URL it was configured with, credentials included.
        proxy.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean list = "/connectors".equals(exchange.getRequestURI().getPath());
            byte[] body = (list ? "[]" : "upstream http://admin:p+ss@word@connect:8083 failed")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(list ? 200 : 502, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        proxy.start();
        try {
            ConnectClient client = new ConnectClient("http://admin:p+ss%40word@127.0.0.1:"
                    + proxy.getAddress().getPort());

            assertThat(client.connectors()).isEmpty();
            assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                    "admin:p+ss@word".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(client::plugins)
                    .isInstanceOf(ConnectHttpException.class)
                    .hasMessageContaining("HTTP 502: upstream http://admin:********@connect:8083 failed")
                    .hasMessageNotContaining("p+ss");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void awaitRunningFailsFastWhenTheWorkerIsUnreachable() throws IOException {
        ConnectClient client = new ConnectClient("http://127.0.0.1:" + freePort());
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.awaitRunning("users-connector", Duration.ofSeconds(30)))
                .hasMessageContaining("is not reachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void silentWorkerTimesOutWithTheConfiguredTimeout() throws IOException {
        // Accepts TCP connections (via the backlog) but never answers: the request timeout must apply.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectClient client = new ConnectClient("http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(300));

            assertThatThrownBy(client::plugins)
                    .isExactlyInstanceOf(ConnectException.class)
                    .hasMessageContaining("not reachable at http://127.0.0.1:" + silent.getLocalPort())
                    .hasMessageContaining("no response within 300 ms");
        }
    }

    @Test
    void httpErrorUsesConnectsMessageField() {
        ConnectHttpException error = ConnectHttp.httpError("PUT", "/connectors/users-connector/config", 409,
                "{\"error_code\":409,\"message\":\"Cannot complete request because of a conflicting operation "
                        + "(e.g. worker rebalance)\"}", Map.of());

        assertThat(error.statusCode()).isEqualTo(409);
        assertThat(error.method()).isEqualTo("PUT");
        assertThat(error).hasMessage("PUT /connectors/users-connector/config failed with HTTP 409: Cannot complete "
                + "request because of a conflicting operation (e.g. worker rebalance)");
    }

    @Test
    void httpErrorFallsBackToTheRawBodyAndRedactsSecrets() {
        Map<String, String> config = Map.of("database.password", "s3cret-pw");

        ConnectHttpException fromJson = ConnectHttp.httpError("PUT", "/connectors/c/config", 400,
                "{\"error_code\":400,\"message\":\"Connector configuration is invalid: password s3cret-pw "
                        + "rejected\"}", config);
        ConnectHttpException fromHtml = ConnectHttp.httpError("GET", "/connectors", 502,
                "<html><body>Bad Gateway</body></html>", Map.of());
        ConnectHttpException empty = ConnectHttp.httpError("DELETE", "/connectors/c", 500, "", Map.of());

        assertThat(fromJson.getMessage()).doesNotContain("s3cret-pw").contains("password ******** rejected");
        assertThat(fromHtml).hasMessage("GET /connectors failed with HTTP 502: <html><body>Bad Gateway</body></html>");
        assertThat(empty).hasMessage("DELETE /connectors/c failed with HTTP 500: (empty response body)");
    }

    @Test
    void longNonJsonBodiesAreTruncated() {
        ConnectHttpException error = ConnectHttp.httpError("GET", "/", 503, "x".repeat(1000), Map.of());

        assertThat(error.connectMessage()).hasSize(303).endsWith("...");
    }

    @Test
    void connectorNamesAreEncodedAsOnePathSegment() {
        assertThat(ConnectHttp.encodeSegment("my connector/v2")).isEqualTo("my%20connector%2Fv2");
        assertThat(ConnectHttp.encodeSegment(DebeziumPostgresConfig.CONNECTOR_CLASS))
                .isEqualTo(DebeziumPostgresConfig.CONNECTOR_CLASS);
    }

    @Test
    void parsesPluginsAndConnectorInfoWithoutLeakingSecretsInToString() {
        assertThat(ConnectorPlugin.listFromJson("""
                [{"class": "io.debezium.connector.postgresql.PostgresConnector", "type": "source",
                  "version": "3.7.0.Final"},
                 {"class": "org.apache.kafka.connect.mirror.MirrorSourceConnector", "type": "source",
                  "version": "4.3.1"}]
                """)).first().isEqualTo(new ConnectorPlugin(DebeziumPostgresConfig.CONNECTOR_CLASS, "source",
                "3.7.0.Final"));

        ConnectorInfo info = ConnectorInfo.fromJson("""
                {"name": "users-connector",
                 "config": {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                            "database.password": "s3cret-pw", "name": "users-connector"},
                 "tasks": [{"connector": "users-connector", "task": 0}], "type": "source"}
                """, true);

        assertThat(info.created()).isTrue();
        assertThat(info.taskIds()).containsExactly(0);
        assertThat(info.config()).containsEntry("database.password", "s3cret-pw");
        assertThat(info.toString()).contains("users-connector").doesNotContain("s3cret-pw");
    }

    @Test
    void malformedJsonIsReportedWithoutEchoingTheBody() {
        assertThatThrownBy(() -> ConnectorStatus.fromJson("{\"database.password\": \"s3cret-pw\""))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("malformed JSON for connector status")
                .hasMessageNotContaining("s3cret-pw");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
