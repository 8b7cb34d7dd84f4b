package io.github.cdcverify.setup;

import io.github.cdcverify.connect.ConnectException;
import io.github.cdcverify.connect.ConnectHttpException;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Repeats a Kafka Connect request that failed the way a rebalancing group fails, until it succeeds or a bound
 * passes. While a worker group rebalances (a worker died or rejoined, a broker came back), a request forwarded to
 * the leader can answer {@code HTTP 500 ... IO Error trying to forward REST request: Idle timeout expired}, 409
 * (rebalance in progress), 503, or nothing in time; seconds to minutes later the same request succeeds. Any other
 * answer (400, 404, connection refused) fails at once: waiting would not change it.
 */
final class RebalanceRetry {

    /** Connect's own REST timeout is 90 s; a rebalance on a default group may hold the herder about as long. */
    static final Duration DEFAULT_BOUND = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration bound;
    private final LongSupplier nanoTime;
    private final Consumer<Duration> pause;

    RebalanceRetry(Duration bound, LongSupplier nanoTime, Consumer<Duration> pause) {
        this.bound = bound;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** Retries for {@link #DEFAULT_BOUND} on the real clock. */
    static RebalanceRetry standard() {
        return new RebalanceRetry(DEFAULT_BOUND, System::nanoTime, time -> LockSupport.parkNanos(time.toNanos()));
    }

    /**
     * Runs {@code request}, again after a pause (1 s, doubling up to 5 s) for as long as it fails as during a
     * rebalance and the bound has not passed.
     *
     * @throws ConnectException the request's own failure when it is not one a rebalance explains; otherwise the
     *                          last failure, saying for how long it was retried
     */
    void run(String what, Runnable request) {
        long start = nanoTime.getAsLong();
        Duration nextPause = FIRST_PAUSE;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                request.run();
                return;
            } catch (ConnectException e) {
                if (!passesWithTime(e)) {
                    throw e;
                }
                long elapsed = nanoTime.getAsLong() - start;
                if (elapsed + nextPause.toNanos() > bound.toNanos()) {
                    throw new ConnectException(what + " still failed after " + attempts + " attempts in "
                            + Duration.ofNanos(elapsed).toSeconds() + " s (Connect rebalancing?): "
                            + e.getMessage(), e);
                }
            }
            pause.accept(nextPause);
            nextPause = nextPause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                    : nextPause.multipliedBy(2);
        }
    }

    /** 5xx, 409 and requests that got no answer in time: what a rebalancing group answers. */
    static boolean passesWithTime(ConnectException e) {
        if (e instanceof ConnectHttpException http) {
            return http.statusCode() >= 500 || http.statusCode() == 409;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
