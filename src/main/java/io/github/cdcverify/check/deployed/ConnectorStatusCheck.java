package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectHttpException;
import io.github.cdcverify.connect.ConnectorStatus.TaskStatus;
import io.github.cdcverify.connect.ConnectorStatus;
import io.github.cdcverify.connect.Secrets;
import io.github.cdcverify.stack.CdcStack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deployed connector and every one of its tasks are RUNNING. Otherwise the failure names each one's state and
 * worker, and for a FAILED one the first lines of its trace (secrets masked).
 */
final class ConnectorStatusCheck implements Check {

    private static final int TRACE_LINES = 4;
    private static final String CAUSED_BY = "Caused by:";

    private final String connector;

    ConnectorStatusCheck(String connector) {
        this.connector = connector;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String unit() {
        return "tasks";
    }

    @Override
    public CheckOutcome run(CdcStack stack) {
        ConnectClient connect = new ConnectClient(stack.connectUrl());
        ConnectorStatus status = status(connect, connector);
        if (!status.isRunning()) {
            return CheckOutcome.failed(describe(status, secretsOf(connect)), status.tasks().size());
        }
        return CheckOutcome.passed(status.tasks().size());
    }

    /**
     * @throws AssertionError naming the connectors there when there is no such connector
     */
    static ConnectorStatus status(ConnectClient connect, String connector) {
        try {
            return connect.status(connector);
        } catch (ConnectHttpException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            List<String> there = connect.connectors();
            throw new AssertionError("There is no connector '" + connector + "' on Kafka Connect at "
                    + connect.baseUrl() + " (connectors there: " + (there.isEmpty() ? "none" : String.join(", ",
                    there)) + "). Give the name of the deployed connector with --connector.");
        }
    }

    private Map<String, String> secretsOf(ConnectClient connect) {
        try {
            return connect.config(connector);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private String describe(ConnectorStatus status, Map<String, String> config) {
        List<String> lines = new ArrayList<>();
        lines.add("Connector " + connector + " is " + status.state() + " on worker " + status.workerId()
                + (status.tasks().isEmpty() ? " and has no tasks, so it captures nothing." : "."));
        if (status.trace() != null) {
            lines.add("  connector: " + firstLines(status.trace(), config));
        }
        for (TaskStatus task : status.tasks()) {
            lines.add("  task " + task.id() + " is " + task.state() + " on worker " + task.workerId()
                    + (task.trace() == null ? "" : ": " + firstLines(task.trace(), config)));
        }
        lines.add(hint(status));
        return String.join(System.lineSeparator(), lines);
    }

    private String hint(ConnectorStatus status) {
        if (status.isFailed()) {
            return "Fix the cause, then restart it: POST /connectors/" + connector + "/restart?includeTasks=true"
                    + "&onlyFailed=true.";
        }
        if ("PAUSED".equals(status.state()) || "STOPPED".equals(status.state())) {
            return "Nothing is captured while it is " + status.state() + ": PUT /connectors/" + connector
                    + "/resume to go on.";
        }
        return "A task that stays UNASSIGNED means no worker took it: check the Connect workers' logs.";
    }

    /**
     * The trace's first line and, where it wraps other exceptions, the innermost one: Connect's and Debezium's
     * outer exceptions say only that something failed ("An exception occurred in the change event producer").
     * Without a cause, the first few lines.
     */
    private static String firstLines(String trace, Map<String, String> config) {
        List<String> lines = trace.lines().map(String::strip).toList();
        String rootCause = null;
        for (String line : lines) {
            if (line.startsWith(CAUSED_BY)) {
                rootCause = line.substring(CAUSED_BY.length()).strip();
            }
        }
        String shown = rootCause == null ? lines.stream().limit(TRACE_LINES).collect(Collectors.joining(" | "))
                : lines.get(0) + " | root cause: " + rootCause;
        return Secrets.redact(shown, config);
    }
}
