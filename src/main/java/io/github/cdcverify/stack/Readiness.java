package io.github.cdcverify.stack;

import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Bounded waits until a component answers, each named in its timeout message with the last answer seen. */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(100);

    private Readiness() {
    }

    /** Until {@code GET url} answers 200 (Connect's REST API answers before the worker has joined its group). */
    static void awaitHttpOk(String url, String what, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        await(what + " (GET " + url + ")", timeout, () -> {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
        });
    }

    /** Until PostgreSQL accepts a login. */
    static void awaitPostgres(PostgresEndpoint endpoint, Duration timeout) {
        await("PostgreSQL at " + endpoint.host() + ":" + endpoint.port(), timeout, () -> {
            try (Connection ignored = endpoint.open()) {
                return null;
            }
        });
    }

    /** Until the Kafka cluster names its controller. */
    static void awaitKafka(String bootstrapServers, Duration timeout) {
        await("Kafka at " + bootstrapServers, timeout, () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000))) {
                admin.describeCluster().controller().get(4, TimeUnit.SECONDS);
                return null;
            }
        });
    }

    /**
     * @param probe returns {@code null} when ready, else what it saw; an exception counts as "not yet"
     */
    private static void await(String what, Duration timeout, Callable<String> probe) {
        String[] last = {"no answer yet"};
        boolean ready = BoundedWait.upTo(timeout).every(POLL).until(() -> {
            try {
                last[0] = probe.call();
            } catch (Exception e) {
                last[0] = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                return false;
            }
            return last[0] == null;
        });
        if (!ready) {
            throw new StackException(what + " did not answer within " + Durations.readable(timeout)
                    + " (last answer: " + last[0] + ")");
        }
    }
}
