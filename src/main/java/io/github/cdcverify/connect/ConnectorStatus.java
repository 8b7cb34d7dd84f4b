package io.github.cdcverify.connect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A connector's runtime state, as reported by {@code GET /connectors/{name}/status}.
 *
 * @param name     the connector name
 * @param state    the connector's own state: {@code UNASSIGNED}, {@code RUNNING}, {@code PAUSED}, {@code STOPPED},
 *                 {@code FAILED} or {@code RESTARTING}
 * @param workerId the worker running the connector, e.g. {@code 127.0.0.1:8083}
 * @param trace    the Java stack trace when {@code state} is {@code FAILED}, else {@code null}
 * @param tasks    the connector's tasks; empty until Connect has started them
 */
public record ConnectorStatus(String name, String state, String workerId, String trace, List<TaskStatus> tasks) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    /**
     * One task of the connector.
     *
     * @param trace the Java stack trace when {@code state} is {@code FAILED}, else {@code null}
     */
    public record TaskStatus(int id, String state, String workerId, String trace) {

        /** {@code true} when this task is {@code FAILED}. */
        public boolean isFailed() {
            return FAILED.equals(state);
        }
    }

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /**
     * {@code true} when the connector is RUNNING and has at least one task, every one RUNNING. A connector without
     * tasks does not capture anything, so it does not count as running.
     */
    public boolean isRunning() {
        return RUNNING.equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> RUNNING.equals(t.state()));
    }

    /** {@code true} when the connector itself or any of its tasks is FAILED. */
    public boolean isFailed() {
        return FAILED.equals(state) || tasks.stream().anyMatch(TaskStatus::isFailed);
    }

    /** The first task that is FAILED, if any. */
    public Optional<TaskStatus> failedTask() {
        return tasks.stream().filter(TaskStatus::isFailed).findFirst();
    }

    /**
     * The stack trace explaining a failure: the connector's own when it is FAILED, otherwise that of its first
     * FAILED task; empty when nothing failed or Connect sent no trace.
     */
    public Optional<String> failedTrace() {
        if (FAILED.equals(state) && trace != null) {
            return Optional.of(trace);
        }
        return failedTask().map(TaskStatus::trace);
    }

    /** A one-line summary for messages, e.g. {@code connector RUNNING, task 0 UNASSIGNED}. */
    public String summary() {
        String taskPart = tasks.isEmpty()
                ? "no tasks"
                : tasks.stream().map(t -> "task " + t.id() + " " + t.state()).collect(Collectors.joining(", "));
        return "connector " + state + ", " + taskPart;
    }

    /** Parses Connect's status response body. */
    static ConnectorStatus fromJson(String json) {
        JsonNode root = ConnectJson.parse(json, "connector status");
        JsonNode connector = root.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : root.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), ConnectJson.text(task, "state"),
                    ConnectJson.text(task, "worker_id"), ConnectJson.text(task, "trace")));
        }
        return new ConnectorStatus(ConnectJson.text(root, "name"), ConnectJson.text(connector, "state"),
                ConnectJson.text(connector, "worker_id"), ConnectJson.text(connector, "trace"), tasks);
    }
}
