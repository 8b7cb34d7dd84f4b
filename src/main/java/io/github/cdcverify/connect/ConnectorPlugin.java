package io.github.cdcverify.connect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A connector plugin installed on the Connect worker, as listed by {@code GET /connector-plugins}.
 *
 * @param className fully qualified class (Connect's {@code class} field),
 *                  e.g. {@code io.debezium.connector.postgresql.PostgresConnector}
 * @param type      {@code source} or {@code sink}
 * @param version   the plugin's version, e.g. {@code 3.7.0.Final}
 */
public record ConnectorPlugin(String className, String type, String version) {

    static List<ConnectorPlugin> listFromJson(String json) {
        List<ConnectorPlugin> plugins = new ArrayList<>();
        for (JsonNode node : ConnectJson.parse(json, "GET /connector-plugins")) {
            plugins.add(new ConnectorPlugin(ConnectJson.text(node, "class"), ConnectJson.text(node, "type"),
                    ConnectJson.text(node, "version")));
        }
        return List.copyOf(plugins);
    }
}
