package io.github.cdcverify.connect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector as Connect describes it after {@code PUT /connectors/{name}/config}.
 *
 * @param name    the connector name
 * @param config  its configuration as stored by Connect, secrets in clear; {@link #toString()} masks them
 * @param taskIds ids of the tasks Connect has assigned so far (often empty right after creation)
 * @param type    {@code source}, {@code sink}, or {@code null} when Connect has not determined it yet
 * @param created {@code true} when the request created the connector (HTTP 201), {@code false} when it updated it
 */
public record ConnectorInfo(String name, Map<String, String> config, List<Integer> taskIds, String type,
                            boolean created) {

    public ConnectorInfo {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        taskIds = List.copyOf(taskIds);
    }

    /** Like the default, but with secret values masked so the record can be logged. */
    @Override
    public String toString() {
        return "ConnectorInfo[name=" + name + ", config=" + Secrets.mask(config) + ", taskIds=" + taskIds
                + ", type=" + type + ", created=" + created + "]";
    }

    static ConnectorInfo fromJson(String json, boolean created) {
        JsonNode root = ConnectJson.parse(json, "connector info");
        List<Integer> taskIds = new ArrayList<>();
        root.path("tasks").forEach(task -> taskIds.add(task.path("task").asInt()));
        return new ConnectorInfo(ConnectJson.text(root, "name"), ConnectJson.stringMap(root.get("config")), taskIds,
                ConnectJson.text(root, "type"), created);
    }
}
