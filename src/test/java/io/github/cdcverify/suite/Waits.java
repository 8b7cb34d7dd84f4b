package io.github.cdcverify.suite;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * How long the scenarios wait: one place for every bound, each multiplied by {@code -Dcdc.timeout-scale} (default 1;
 * e.g. 2 on a slow or loaded machine), and the one way to read until nothing more arrives.
 */
public final class Waits {

    /** The factor every duration here is multiplied by: {@code -Dcdc.timeout-scale} (or CDC_TIMEOUT_SCALE), 1 unset. */
    public static final double SCALE = scale(System.getProperty("cdc.timeout-scale",
            System.getenv("CDC_TIMEOUT_SCALE")));

    /** For change events to reach a reader after their commit (also after a connector's start and snapshot). */
    public static final Duration EVENTS = scaled(Duration.ofSeconds(30));

    /** For a connector to be RUNNING (again) and a topic to hold its snapshot: a start, a restart, a recovery. */
    public static final Duration RUNNING = scaled(Duration.ofSeconds(60));

    /** For what a healthy pipeline or writer does at once: a failure noticed, a few writes committed. */
    public static final Duration SHORT = scaled(Duration.ofSeconds(10));

    /**
     * How long a topic must stay silent to count as "nothing more arrives": long against the embedded pipeline's
     * delivery of events already written (well under 100 ms), short against a test's time.
     */
    public static final Duration QUIET = scaled(Duration.ofSeconds(1));

    private Waits() {
    }

    /** {@code bound} times {@link #SCALE}, for a wait that has no constant here. */
    public static Duration scaled(Duration bound) {
        return Duration.ofNanos(Math.round(bound.toNanos() * SCALE));
    }

    /**
     * Reads until at least {@code atLeast} items arrived and then nothing more arrived for {@link #QUIET}, all within
     * {@link #EVENTS}; returns everything read, in order, also when fewer came (the assertions then say what is
     * missing). For a test that must see what arrives after the stream looked complete: an extra event, a
     * duplicate, an event that should not exist.
     *
     * @param pollUntil a reader's {@code pollUntil(enough, timeout)}, e.g. {@code consumer::pollUntil}
     */
    public static <T> List<T> untilQuietAfter(int atLeast,
                                              BiFunction<Predicate<List<T>>, Duration, List<T>> pollUntil) {
        long[] lastGrowth = {System.nanoTime()};
        int[] lastSize = {0};
        return pollUntil.apply(read -> {
            long now = System.nanoTime();
            if (read.size() != lastSize[0]) {
                lastSize[0] = read.size();
                lastGrowth[0] = now;
                return false;
            }
            return read.size() >= atLeast && now - lastGrowth[0] >= QUIET.toNanos();
        }, EVENTS);
    }

    /** The factor {@code text} names: 1 when unset. */
    static double scale(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            double scale = Double.parseDouble(text.trim());
            if (scale > 0 && Double.isFinite(scale)) {
                return scale;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException("cdc.timeout-scale is '" + text + "', not a positive number: every wait "
                + "of the scenarios is multiplied by it, e.g. -Dcdc.timeout-scale=2 on a slow machine (default 1).");
    }
}
