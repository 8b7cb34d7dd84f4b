package io.github.cdcverify.connect;

import java.util.Optional;

/**
 * A connector, or one of its tasks, is FAILED. Connect does not restart failed tasks by itself, so waiting longer
 * would not help: the cause must be fixed and the connector restarted.
 */
public class ConnectorFailedException extends ConnectException {

    private static final String CAUSED_BY = "Caused by:";

    private final String connectorName;
    private final Integer taskId;
    private final String trace;

    private ConnectorFailedException(String message, String connectorName, Integer taskId, String trace) {
        super(message);
        this.connectorName = connectorName;
        this.taskId = taskId;
        this.trace = trace;
    }

    /**
     * Describes the failure in {@code status}.
     *
     * @param workerUrl the worker's URL without credentials, used to spell out the restart request
     * @throws IllegalArgumentException if nothing in {@code status} is FAILED
     */
    static ConnectorFailedException of(ConnectorStatus status, String workerUrl) {
        if (!status.isFailed()) {
            throw new IllegalArgumentException("Connector '" + status.name() + "' has not failed");
        }
        boolean connectorFailed = ConnectorStatus.FAILED.equals(status.state());
        Optional<ConnectorStatus.TaskStatus> task = connectorFailed ? Optional.empty() : status.failedTask();
        Integer taskId = task.map(ConnectorStatus.TaskStatus::id).orElse(null);
        String trace = status.failedTrace().orElse(null);
        String who = taskId == null ? "" : " task " + taskId;
        String message = "Connector '" + status.name() + "'" + who + " FAILED: " + rootCauseOf(trace)
                + ". Fix the cause, then restart it with POST " + workerUrl + "/connectors/" + ConnectHttp.encodeSegment(status.name())
                + "/restart?includeTasks=true&onlyFailed=true";
        return new ConnectorFailedException(message, status.name(), taskId, trace);
    }

    /** The connector's name. */
    public String connectorName() {
        return connectorName;
    }

    /** The id of the failed task, empty when the connector itself failed. */
    public Optional<Integer> taskId() {
        return Optional.ofNullable(taskId);
    }

    /** The full Java stack trace Connect reported, or {@code null} when it sent none. */
    public String trace() {
        return trace;
    }

    /** The most specific line of {@link #trace()}: see {@link #rootCauseOf(String)}. */
    public String rootCause() {
        return rootCauseOf(trace);
    }

    /**
     * Summarizes a Java stack trace in one line: the last {@code Caused by:} line (the innermost cause, which is
     * usually the actionable one, e.g. a PostgreSQL error), without that prefix; otherwise the trace's first line.
     *
     * @param trace a stack trace as Connect reports it; {@code null} or blank gives {@code "no trace reported"}
     */
    public static String rootCauseOf(String trace) {
        if (trace == null || trace.isBlank()) {
            return "no trace reported";
        }
        String[] lines = trace.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith(CAUSED_BY)) {
                return line.substring(CAUSED_BY.length()).strip();
            }
        }
        return lines[0].strip();
    }
}
