package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorStatusTest {

    private static final String PSQL_ERROR =
            "org.postgresql.util.PSQLException: ERROR: replication slot \\\"users_connector\\\" is active for PID 4242";

    private static final String FAILED_TASK = """
            {
              "name": "users-connector",
              "connector": {"state": "RUNNING", "worker_id": "127.0.0.1:8083"},
              "tasks": [
                {"id": 0, "state": "FAILED", "worker_id": "127.0.0.1:8083",
                 "trace": "org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change \
            event producer. This connector will be stopped.\\n\\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable\
            (ErrorHandler.java:67)\\n\\tat io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute\
            (PostgresStreamingChangeEventSource.java:222)\\n\\t... 9 more\\nCaused by: io.debezium.DebeziumException: \
            Failed to start replication stream\\n\\tat io.debezium.connector.postgresql.connection.\
            PostgresReplicationConnection.startStreaming(PostgresReplicationConnection.java:560)\\n\\t... 5 more\\n\
            Caused by: %s\\n\\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse\
            (QueryExecutorImpl.java:2733)\\n\\t... 12 more\\n"}
              ],
              "type": "source"
            }
            """.formatted(PSQL_ERROR);

    @Test
    void parsesAFailedTaskWithItsMultiLineTrace() {
        ConnectorStatus status = ConnectorStatus.fromJson(FAILED_TASK);

        assertThat(status.name()).isEqualTo("users-connector");
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.workerId()).isEqualTo("127.0.0.1:8083");
        assertThat(status.trace()).isNull();
        assertThat(status.tasks()).singleElement().satisfies(task -> {
            assertThat(task.id()).isZero();
            assertThat(task.state()).isEqualTo("FAILED");
            assertThat(task.trace()).contains("\n\tat io.debezium.pipeline.ErrorHandler").hasLineCount(10);
        });
        assertThat(status.isRunning()).isFalse();
        assertThat(status.isFailed()).isTrue();
        assertThat(status.failedTrace()).hasValueSatisfying(trace ->
                assertThat(trace).startsWith("org.apache.kafka.connect.errors.ConnectException"));
        assertThat(status.summary()).isEqualTo("connector RUNNING, task 0 FAILED");
    }

    @Test
    void failureExceptionNamesTheTaskTheRootCauseAndHowToRestart() {
        ConnectorStatus status = ConnectorStatus.fromJson(FAILED_TASK);

        ConnectorFailedException failure = ConnectorFailedException.of(status, "http://127.0.0.1:8083");

        String rootCause = "org.postgresql.util.PSQLException: ERROR: replication slot \"users_connector\" "
                + "is active for PID 4242";
        assertThat(failure.rootCause()).isEqualTo(rootCause);
        assertThat(failure.taskId()).contains(0);
        assertThat(failure.trace()).isEqualTo(status.tasks().get(0).trace());
        assertThat(failure).isInstanceOf(ConnectException.class).hasMessage(
                "Connector 'users-connector' task 0 FAILED: " + rootCause + ". Fix the cause, then restart it with "
                        + "POST http://127.0.0.1:8083/connectors/users-connector/restart?includeTasks=true&onlyFailed=true");
    }

    @Test
    void connectorLevelFailureUsesTheConnectorTraceAndFirstLineWithoutCausedBy() {
        ConnectorStatus status = ConnectorStatus.fromJson("""
                {"name": "c", "connector": {"state": "FAILED", "worker_id": "w:8083",
                  "trace": "org.apache.kafka.common.config.ConfigException: Invalid value\\n\\tat Foo.bar(Foo.java:1)"},
                 "tasks": []}
                """);

        ConnectorFailedException failure = ConnectorFailedException.of(status, "http://w:8083");

        assertThat(failure.taskId()).isEmpty();
        assertThat(failure.rootCause()).isEqualTo("org.apache.kafka.common.config.ConfigException: Invalid value");
        assertThat(failure.getMessage()).startsWith("Connector 'c' FAILED: org.apache.kafka.common.config");
    }

    @Test
    void rootCauseOfHandlesMissingTraces() {
        assertThat(ConnectorFailedException.rootCauseOf(null)).isEqualTo("no trace reported");
        assertThat(ConnectorFailedException.rootCauseOf("  \n")).isEqualTo("no trace reported");
        assertThat(ConnectorFailedException.rootCauseOf("java.lang.IllegalStateException: boom"))
                .isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void runningRequiresAtLeastOneTaskAndAllTasksRunning() {
        ConnectorStatus.TaskStatus running = new ConnectorStatus.TaskStatus(0, "RUNNING", "w", null);
        ConnectorStatus.TaskStatus unassigned = new ConnectorStatus.TaskStatus(1, "UNASSIGNED", "w", null);

        assertThat(new ConnectorStatus("c", "RUNNING", "w", null, List.of(running)).isRunning()).isTrue();
        assertThat(new ConnectorStatus("c", "RUNNING", "w", null, List.of()).isRunning()).isFalse();
        assertThat(new ConnectorStatus("c", "PAUSED", "w", null, List.of(running)).isRunning()).isFalse();
        ConnectorStatus partly = new ConnectorStatus("c", "RUNNING", "w", null, List.of(running, unassigned));
        assertThat(partly.isRunning()).isFalse();
        assertThat(partly.isFailed()).isFalse();
        assertThat(partly.failedTrace()).isEmpty();
        assertThat(partly.summary()).isEqualTo("connector RUNNING, task 0 RUNNING, task 1 UNASSIGNED");
        assertThat(new ConnectorStatus("c", "UNASSIGNED", null, null, List.of()).summary())
                .isEqualTo("connector UNASSIGNED, no tasks");
    }
}
