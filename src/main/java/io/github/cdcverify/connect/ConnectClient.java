package io.github.cdcverify.connect;

import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Objects;

/**
 * A typed client for the Kafka Connect REST API: one method per endpoint.
 *
 * <p>Every method throws {@link ConnectException} when the worker cannot be reached (message naming the URL and how
 * to point at another one) and {@link ConnectHttpException} when it answers with a non-2xx status (message naming
 * method, path, status and Connect's explanation). Secret configuration values never appear in messages.
 * Instances are thread-safe.
 */
public final class ConnectClient {

    /** Per-request timeout when none is given. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
    // Short: Debezium reaches RUNNING within a second or two on a local worker, and tests wait on this.
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Map<String, String> NO_SECRETS = Map.of();

    private final ConnectHttp http;

    /**
     * A client with the default request timeout of 10 seconds.
     *
     * @param baseUrl the worker's REST URL, e.g. {@code http://127.0.0.1:8083}; {@code user:password@} in it is
     *                sent as Basic auth
     * @throws IllegalArgumentException if the URL is not an http(s) URL
     */
    public ConnectClient(String baseUrl) {
        this(baseUrl, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param baseUrl        the worker's REST URL, e.g. {@code http://127.0.0.1:8083}
     * @param requestTimeout limit for connecting and for each request
     * @throws IllegalArgumentException if the URL is not an http(s) URL
     */
    public ConnectClient(String baseUrl, Duration requestTimeout) {
        this.http = new ConnectHttp(baseUrl, Objects.requireNonNull(requestTimeout, "requestTimeout"));
    }

    /** The worker URL, without credentials. */
    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * Lists the connector plugins installed on the worker ({@code GET /connector-plugins}).
     *
     * @throws ConnectException if the worker is unreachable or answers with an error
     */
    public List<ConnectorPlugin> plugins() {
        return ConnectorPlugin.listFromJson(get("/connector-plugins"));
    }

    /**
     * Asks Connect to validate a configuration without creating anything
     * ({@code PUT /connector-plugins/{class}/config/validate}). {@code connector.class} is added to the body, as
     * Connect requires it there too.
     *
     * @throws ConnectException if the worker is unreachable or answers with an error (e.g. 404 for an unknown class)
     */
    public ValidationResult validate(String connectorClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.put("connector.class", connectorClass);
        String path = "/connector-plugins/" + ConnectHttp.encodeSegment(connectorClass) + "/config/validate";
        return ValidationResult.fromJson(http.send("PUT", path, ConnectJson.write(body), body).body());
    }

    /**
     * Creates the connector, or replaces its configuration if it exists ({@code PUT /connectors/{name}/config}).
     * Idempotent: applying the same configuration twice leaves one connector.
     *
     * @throws ConnectHttpException with status 400 if Connect rejects the configuration, 409 during a rebalance
     * @throws ConnectException     if the worker is unreachable
     */
    public ConnectorInfo createOrUpdate(String name, Map<String, String> config) {
        HttpResponse<String> response = http.send("PUT", connectorPath(name) + "/config", ConnectJson.write(config),
                config);
        return ConnectorInfo.fromJson(response.body(), response.statusCode() == 201);
    }

    /**
     * The names of all connectors on the worker ({@code GET /connectors}).
     *
     * @throws ConnectException if the worker is unreachable or answers with an error
     */
    public List<String> connectors() {
        return ConnectJson.stringList(ConnectJson.parse(get("/connectors"), "GET /connectors"));
    }

    /**
     * The connector's and its tasks' states ({@code GET /connectors/{name}/status}).
     *
     * @throws ConnectHttpException with status 404 if there is no such connector
     * @throws ConnectException     if the worker is unreachable
     */
    public ConnectorStatus status(String name) {
        return ConnectorStatus.fromJson(get(connectorPath(name) + "/status"));
    }

    /**
     * The connector's configuration as stored by Connect ({@code GET /connectors/{name}/config}). Secret values are
     * returned in clear: use {@link Secrets#mask(Map)} before printing.
     *
     * @throws ConnectHttpException with status 404 if there is no such connector
     * @throws ConnectException     if the worker is unreachable
     */
    public Map<String, String> config(String name) {
        String path = connectorPath(name) + "/config";
        return ConnectJson.stringMap(ConnectJson.parse(get(path), "GET " + path));
    }

    /**
     * Restarts the connector ({@code POST /connectors/{name}/restart?includeTasks=..&onlyFailed=..}).
     * {@code restart(name, true, true)} is the usual recovery from a failed task.
     *
     * @param includeTasks also restart its tasks
     * @param onlyFailed   restart only instances that are FAILED
     * @throws ConnectHttpException with status 404 if there is no such connector
     * @throws ConnectException     if the worker is unreachable
     */
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        http.send("POST", connectorPath(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
                null, NO_SECRETS);
    }

    /**
     * Pauses the connector and its tasks ({@code PUT /connectors/{name}/pause}); asynchronous on Connect's side.
     *
     * @throws ConnectException if the worker is unreachable or answers with an error
     */
    public void pause(String name) {
        http.send("PUT", connectorPath(name) + "/pause", null, NO_SECRETS);
    }

    /**
     * Resumes a paused connector ({@code PUT /connectors/{name}/resume}); asynchronous on Connect's side.
     *
     * @throws ConnectException if the worker is unreachable or answers with an error
     */
    public void resume(String name) {
        http.send("PUT", connectorPath(name) + "/resume", null, NO_SECRETS);
    }

    /**
     * Stops the connector and its tasks, keeping its configuration ({@code PUT /connectors/{name}/stop}, Kafka
     * Connect 3.5+); asynchronous on Connect's side. Its offsets can be removed once it is STOPPED.
     *
     * @throws ConnectException if the worker is unreachable or answers with an error
     */
    public void stop(String name) {
        http.send("PUT", connectorPath(name) + "/stop", null, NO_SECRETS);
    }

    /**
     * Removes the source offsets Connect keeps for a STOPPED connector ({@code DELETE /connectors/{name}/offsets},
     * Kafka Connect 3.6+): without it they stay in the workers' offsets topic after the connector is deleted.
     *
     * @throws ConnectException if the worker is unreachable or refuses (e.g. the connector is not STOPPED)
     */
    public void deleteOffsets(String name) {
        http.send("DELETE", connectorPath(name) + "/offsets", null, NO_SECRETS);
    }

    /**
     * Deletes the connector ({@code DELETE /connectors/{name}}). Deleting a missing connector is not an error.
     * The replication slot it used stays in PostgreSQL.
     *
     * @return whether the connector existed
     * @throws ConnectException if the worker is unreachable or answers with an error other than 404
     */
    public boolean delete(String name) {
        try {
            http.send("DELETE", connectorPath(name), null, NO_SECRETS);
            return true;
        } catch (ConnectHttpException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether a connector with this name exists ({@code GET /connectors/{name}}).
     *
     * @throws ConnectException if the worker is unreachable or answers with an error other than 404
     */
    public boolean exists(String name) {
        try {
            get(connectorPath(name));
            return true;
        } catch (ConnectHttpException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Polls the connector's status every 100 ms until it {@link ConnectorStatus#isRunning() is running}.
     * A 404 (connector still being created) or 409 (worker group rebalancing) is retried.
     *
     * @param timeout how long to wait in total
     * @return the first RUNNING status
     * @throws ConnectorFailedException if the connector or a task is FAILED; it will not recover by itself
     * @throws ConnectException         if the timeout passes first (the message gives the last status seen), or
     *                                  the worker is unreachable
     */
    public ConnectorStatus awaitRunning(String name, Duration timeout) {
        AtomicReference<ConnectorStatus> last = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("no response");
        boolean running = BoundedWait.upTo(timeout).every(POLL_INTERVAL).until(() -> {
            try {
                ConnectorStatus status = status(name);
                last.set(status);
                if (status.isFailed()) {
                    throw ConnectorFailedException.of(status, http.baseUrl());
                }
                LOG.debug("Waiting for connector '{}': {}", name, status.summary());
                return status.isRunning();
            } catch (ConnectHttpException e) {
                if (e.statusCode() != 404 && e.statusCode() != 409) {
                    throw e;
                }
                lastError.set(e.getMessage());
                return false;
            }
        });
        if (running) {
            return last.get();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new ConnectException("Interrupted while waiting for connector '" + name + "'");
        }
        String lastSeen = last.get() == null ? "no status yet: " + lastError.get()
                : "last status: " + last.get().summary();
        throw new ConnectException("Connector '" + name + "' was not RUNNING within " + Durations.readable(timeout)
                + "; " + lastSeen);
    }

    private String get(String path) {
        return http.send("GET", path, null, NO_SECRETS).body();
    }

    private static String connectorPath(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Connector name must not be blank");
        }
        return "/connectors/" + ConnectHttp.encodeSegment(name);
    }

}
