package io.github.cdcverify.check.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Notices stalls as they happen: told on every turn of the soak's loop how many events arrived and how many changes
 * are in flight, it opens a {@link Stall} once nothing arrived for {@link #STALL_AFTER} while changes were in
 * flight (asking the connector's state at that moment), and closes it when events arrive again.
 */
final class StallWatch {

    /**
     * Longer than a healthy pipeline's pauses (a task restarted over REST delivers again within a few seconds), short
     * enough to show a stall of a worker failover (~20 s here) as one.
     */
    static final Duration STALL_AFTER = Duration.ofSeconds(10);

    /** What a turn of the loop changed. */
    enum Change { NONE, STALLED, RESUMED }

    private final long startNanos;
    private final Supplier<String> connectorState;
    private final List<Stall> stalls = new ArrayList<>();
    private long lastReceived = -1;
    private long lastArrivalNanos;
    private Stall current;

    /** @param connectorState the connector's and tasks' state and workers, asked when a stall begins */
    StallWatch(long startNanos, Supplier<String> connectorState) {
        this.startNanos = startNanos;
        this.lastArrivalNanos = startNanos;
        this.connectorState = connectorState;
    }

    Change observe(long received, long inFlight, long nowNanos) {
        if (lastReceived < 0) { // the first turn: what arrived before it arrived since the start
            lastReceived = received;
            if (received > 0) {
                lastArrivalNanos = nowNanos;
            }
            return Change.NONE;
        }
        if (received != lastReceived) {
            lastReceived = received;
            lastArrivalNanos = nowNanos;
            if (current != null) {
                stalls.set(stalls.size() - 1, new Stall(current.beganAt(), since(nowNanos), current.inFlight(),
                        current.connector()));
                current = null;
                return Change.RESUMED;
            }
            return Change.NONE;
        }
        if (current == null && inFlight > 0 && nowNanos - lastArrivalNanos >= STALL_AFTER.toNanos()) {
            current = new Stall(since(lastArrivalNanos), null, inFlight, connectorState.get());
            stalls.add(current);
            return Change.STALLED;
        }
        return Change.NONE;
    }

    /** How long nothing arrived, as of the last turn. */
    Duration quietFor(long nowNanos) {
        return Duration.ofNanos(nowNanos - lastArrivalNanos);
    }

    /** The stall going on, or null. */
    Stall current() {
        return current;
    }

    /** The stall that ended last (or goes on), or null when there was none. */
    Stall last() {
        return stalls.isEmpty() ? null : stalls.get(stalls.size() - 1);
    }

    List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    private Duration since(long nanos) {
        return Duration.ofNanos(nanos - startNanos);
    }
}
