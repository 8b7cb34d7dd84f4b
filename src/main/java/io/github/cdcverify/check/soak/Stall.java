package io.github.cdcverify.check.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * A stretch of the soak in which nothing arrived although committed changes were in flight: the pipeline stalled
 * (a task waiting for a worker, a partition without leader), which is no loss as long as the changes arrive later.
 *
 * @param beganAt    when the last event before it arrived, from the soak's start
 * @param endedAt    when events arrived again, from the soak's start; null when they never did
 * @param inFlight   changes committed but not received when it was noticed
 * @param connector  the connector's and tasks' state and worker when it was noticed
 */
public record Stall(Duration beganAt, Duration endedAt, long inFlight, String connector) {

    /** How long nothing arrived; up to {@code now} (from the soak's start) while it lasts. */
    public Duration length(Duration now) {
        return (endedAt == null ? now : endedAt).minus(beganAt);
    }

    public boolean resumed() {
        return endedAt != null;
    }

    /** E.g. {@code 35.2 s to 81.0 s: nothing arrived for 45.8 s (4,321 in flight; connector RUNNING on ...)}. */
    String describe(Duration soakLength) {
        return String.format(Locale.ROOT, "%.1f s to %s: nothing arrived for %.1f s (%,d changes in flight; %s)",
                seconds(beganAt), resumed() ? String.format(Locale.ROOT, "%.1f s", seconds(endedAt)) : "the end",
                seconds(length(soakLength)), inFlight, connector);
    }

    static double seconds(Duration time) {
        return time.toMillis() / 1000.0;
    }

    /** {@code 6 min}, {@code 90 s}, {@code 1.5 s}: as the options are typed, not ISO-8601. */
    static String humanly(Duration time) {
        if (time.toMillis() % 60_000 == 0 && !time.isZero()) {
            return time.toMinutes() + " min";
        }
        return time.toMillis() % 1000 == 0 ? time.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", seconds(time));
    }
}
