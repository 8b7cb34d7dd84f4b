package io.github.cdcverify.check.deployed;

import com.sun.net.httpserver.HttpServer;
import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorStatusCheckTest {

    private static final String CONNECT_PASSWORD = "Connect-pw-6";
    // A failed task's trace as a worker may report it: a JDBC URL with a login and a password parameter, a token.
    private static final String STATUS = """
            {"name":"inventory","connector":{"state":"RUNNING","worker_id":"10.0.0.5:8083"},
             "tasks":[{"id":0,"state":"FAILED","worker_id":"10.0.0.6:8083",
               "trace":"org.apache.kafka.connect.errors.ConnectException: An exception occurred\\n\\tat io.debezium.X\\n\
            Caused by: org.postgresql.util.PSQLException: FATAL: password Db-pw-4 rejected at \
            jdbc:postgresql://app:Url-pw-1@db.internal:5432/shop?sslpassword=Ssl-pw-2 (bearer.auth.token=Token-3)"}]}
            """;
    private static final String CONFIG = """
            {"connector.class":"io.debezium.connector.postgresql.PostgresConnector","database.password":"Db-pw-4",
             "value.converter.basic.auth.user.info":"registry:Sr-pw-5"}
            """;

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer connect;

    @BeforeEach
    void startConnect() throws IOException {
        connect = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connect.createContext("/connectors/inventory/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (exchange.getRequestURI().getPath().endsWith("/status") ? STATUS : CONFIG)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        connect.start();
    }

    @AfterEach
    void stopConnect() {
        connect.stop(0);
    }

    @Test
    void aFailedTasksTraceShowsItsRootCauseWithoutAnyPasswordOrToken() {
        ExternalStack stack = new ExternalStack(PostgresEndpoint.direct("db.internal", 5432, "shop", "app", "Db-pw-4"),
                "kafka.internal:9092", "http://admin:" + CONNECT_PASSWORD + "@127.0.0.1:"
                + connect.getAddress().getPort());

        CheckOutcome outcome = new ConnectorStatusCheck("inventory").run(stack);

        assertThat(outcome).isInstanceOf(CheckOutcome.Failed.class);
        assertThat(((CheckOutcome.Failed) outcome).message())
                .contains("task 0 is FAILED on worker 10.0.0.6:8083: org.apache.kafka.connect.errors."
                        + "ConnectException: An exception occurred | root cause: org.postgresql.util.PSQLException: "
                        + "FATAL: password ******** rejected at jdbc:postgresql://app:********@db.internal:5432/shop"
                        + "?sslpassword=******** (bearer.auth.token=********)")
                .doesNotContain("Url-pw-1", "Ssl-pw-2", "Token-3", "Db-pw-4", "Sr-pw-5", CONNECT_PASSWORD);
        // The check logged in with the URL's user info: the password was there to leak.
        assertThat(authorizations).isNotEmpty().containsOnly("Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + CONNECT_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
