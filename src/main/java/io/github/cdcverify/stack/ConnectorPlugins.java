package io.github.cdcverify.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a running Connect worker says about its plugins ({@code GET /connector-plugins}). */
final class ConnectorPlugins {

    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    private static final Pattern POSTGRES_VERSION = Pattern.compile("\\{[^}]*\"class\"\\s*:\\s*\""
            + Pattern.quote(POSTGRES_CONNECTOR) + "\"[^}]*\"version\"\\s*:\\s*\"([^\"]+)\"");

    private ConnectorPlugins() {
    }

    /**
     * The version of the Debezium PostgreSQL connector the worker at {@code connectUrl} loaded.
     *
     * @throws StackException when the worker does not answer or lists no such connector
     */
    static String postgresConnectorVersion(String connectUrl) {
        String body;
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(connectUrl + "/connector-plugins"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (response.statusCode() != 200) {
                throw new StackException("Kafka Connect at " + connectUrl + " answered GET /connector-plugins with "
                        + "HTTP " + response.statusCode() + ": " + body);
            }
        } catch (IOException e) {
            throw new StackException("Kafka Connect at " + connectUrl + " did not list its plugins: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while listing Kafka Connect's plugins", e);
        }
        return versionIn(body).orElseThrow(() -> new StackException("Kafka Connect at " + connectUrl + " has no "
                + POSTGRES_CONNECTOR + " among its plugins: " + body));
    }

    static Optional<String> versionIn(String connectorPluginsJson) {
        Matcher matcher = POSTGRES_VERSION.matcher(connectorPluginsJson);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
