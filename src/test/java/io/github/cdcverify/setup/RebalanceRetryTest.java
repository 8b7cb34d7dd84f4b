package io.github.cdcverify.setup;

import com.sun.net.httpserver.HttpServer;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Connect worker that answers as a rebalancing group does, and a clock that moves only when the retry pauses. */
class RebalanceRetryTest {

    private static final String IDLE_TIMEOUT = "{\"error_code\":500,\"message\":\"IO Error trying to forward REST "
            + "request: java.util.concurrent.ExecutionException: java.util.concurrent.TimeoutException: Idle timeout "
            + "expired: 30000/30000 ms\"}";

    private HttpServer worker;
    private final AtomicInteger deleteRequests = new AtomicInteger();
    private final List<Duration> pauses = new ArrayList<>();
    private long nanos;

    @BeforeEach
    void startWorker() throws IOException {
        worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.start();
    }

    @AfterEach
    void stopWorker() {
        worker.stop(0);
    }

    /** DELETE /connectors/c answers 500 (idle timeout) {@code failures} times, then 204. */
    private void answersWithIdleTimeout(int failures, int statusAfterwards) {
        worker.createContext("/connectors/c", exchange -> {
            int request = deleteRequests.incrementAndGet();
            boolean failing = request <= failures;
            byte[] body = failing ? IDLE_TIMEOUT.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(failing ? 500 : statusAfterwards, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private ConnectClient client() {
        return new ConnectClient("http://127.0.0.1:" + worker.getAddress().getPort());
    }

    private RebalanceRetry retryWithin(Duration bound) {
        return new RebalanceRetry(bound, () -> nanos, pause -> {
            pauses.add(pause);
            nanos += pause.toNanos();
        });
    }

    @Test
    void aRequestThatFailsWhileTheGroupRebalancesPassesOnceItSettled() {
        answersWithIdleTimeout(3, 204);

        retryWithin(Duration.ofMinutes(2)).run("deleting connector c", () -> client().delete("c"));

        assertThat(deleteRequests).hasValue(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aGroupThatNeverSettlesFailsAfterTheBoundNamingTheLastAnswer() {
        answersWithIdleTimeout(Integer.MAX_VALUE, 204);

        assertThatThrownBy(() -> retryWithin(Duration.ofSeconds(20)).run("deleting connector c",
                () -> client().delete("c")))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("deleting connector c still failed after 6 attempts in 17 s (Connect "
                        + "rebalancing?): DELETE /connectors/c failed with HTTP 500: IO Error trying to forward REST "
                        + "request");
        assertThat(Duration.ofNanos(nanos)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anAnswerThatTimeCannotChangeFailsAtOnce() {
        answersWithIdleTimeout(0, 400);

        assertThatThrownBy(() -> retryWithin(Duration.ofMinutes(2)).run("deleting connector c",
                () -> client().delete("c")))
                .isInstanceOf(ConnectException.class).hasMessageContaining("HTTP 400");
        assertThat(deleteRequests).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
