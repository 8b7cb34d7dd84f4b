package io.github.cdcverify.bench;

import java.util.List;

/**
 * Rows written as fast as PostgreSQL takes them, and how fast their events came out.
 *
 * @param rows               rows written (one insert event each)
 * @param events             events consumed
 * @param rowsPerTransaction rows per transaction, written by one multi-row INSERT
 * @param writeSeconds       first INSERT sent to last COMMIT returned
 * @param totalSeconds       first INSERT sent to last event consumed
 * @param eventsPerSecond    events over totalSeconds
 * @param warmupRows         rows written and consumed right before, unmeasured (0: the pipeline was measured cold)
 * @param coldEventsPerSecond those warm-up rows' own events per second (what a cold pipeline does), or {@code null}
 * @param lag                committed vs consumed, sampled every {@value ThroughputRun#SAMPLE_MILLIS} ms
 */
public record ThroughputResult(int rows, long events, int rowsPerTransaction, double writeSeconds,
                               double totalSeconds, double eventsPerSecond, int warmupRows,
                               Double coldEventsPerSecond, List<LagPoint> lag) {

    /** This result, measured after {@code warmup} (a run of its own on the same table). */
    ThroughputResult after(ThroughputResult warmup) {
        return new ThroughputResult(rows, events, rowsPerTransaction, writeSeconds, totalSeconds, eventsPerSecond,
                warmup.rows(), warmup.eventsPerSecond(), lag);
    }

    /** One sample of the lag curve: milliseconds since the first INSERT, rows committed, events consumed. */
    public record LagPoint(long elapsedMs, long committed, long consumed) {

        /** Committed but not yet consumed. */
        public long lag() {
            return committed - consumed;
        }
    }
}
