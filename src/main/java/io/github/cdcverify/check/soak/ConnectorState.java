package io.github.cdcverify.check.soak;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectException;
import io.github.cdcverify.connect.ConnectHttpException;
import io.github.cdcverify.connect.ConnectorStatus;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The connector's and its tasks' state and workers in one line, for stall reports, e.g.
 * {@code connector RUNNING on 127.0.0.1:8083, task 0 UNASSIGNED on 127.0.0.1:8084}. Asks each worker in turn, since
 * the one that died may be the first; a short timeout, since a stall report must not stall the soak.
 */
final class ConnectorState implements Supplier<String> {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final List<ConnectClient> workers;
    private final String connector;

    ConnectorState(List<String> workerUrls, String connector) {
        this.workers = workerUrls.stream().map(url -> new ConnectClient(url, REQUEST_TIMEOUT)).toList();
        this.connector = connector;
    }

    @Override
    public String get() {
        List<String> failures = new ArrayList<>();
        for (ConnectClient worker : workers) {
            try {
                return describe(worker.status(connector));
            } catch (ConnectHttpException e) {
                failures.add(worker.baseUrl() + ": HTTP " + e.statusCode() + " " + e.connectMessage());
            } catch (ConnectException e) {
                failures.add(worker.baseUrl() + ": " + reason(e));
            }
        }
        return "no worker said the connector's state (" + String.join("; ", failures) + ")";
    }

    /** Short, since it repeats in every progress line of a stall: the client's own message adds advice. */
    private static String reason(ConnectException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
            }
        }
        return e.getMessage();
    }

    static String describe(ConnectorStatus status) {
        String tasks = status.tasks().isEmpty() ? "no tasks" : status.tasks().stream()
                .map(task -> "task " + task.id() + " " + task.state() + on(task.workerId()))
                .collect(Collectors.joining(", "));
        return "connector " + status.state() + on(status.workerId()) + ", " + tasks;
    }

    private static String on(String workerId) {
        return workerId == null || workerId.isBlank() ? "" : " on " + workerId;
    }
}
