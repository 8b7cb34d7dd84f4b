package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link Generator#run()} committed.
 *
 * @param committed    committed row changes per op (CREATE, UPDATE, DELETE, zeros included)
 * @param transactions committed transactions
 * @param elapsed      time from the first change until the last commit
 * @param seed         the seed used; pass it again to repeat the run
 * @param stoppedEarly {@code true} when {@link Generator#stop()} (or an interrupt) ended the run before its count
 *                     or duration was reached
 */
public record GeneratorResult(Map<Op, Long> committed, long transactions, Duration elapsed, long seed,
                              boolean stoppedEarly) {

    public GeneratorResult {
        committed = Map.copyOf(committed);
    }

    /** Committed row changes with this op; 0 for ops never committed. */
    public long committed(Op op) {
        return committed.getOrDefault(op, 0L);
    }

    /** All committed row changes. */
    public long totalChanges() {
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Committed row changes per second of elapsed time; 0 when no time elapsed. */
    public double changesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? totalChanges() / seconds : 0;
    }
}
