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
 * @param lag                committed vs consumed, sampled every {@value ThroughputRun#SAMPLE_MILLIS} ms
 */
public record ThroughputResult(int rows, long events, int rowsPerTransaction, double writeSeconds,
                               double totalSeconds, double eventsPerSecond, List<LagPoint> lag) {

    /** One sample of the lag curve: milliseconds since the first INSERT, rows committed, events consumed. */
    public record LagPoint(long elapsedMs, long committed, long consumed) {

        /** Committed but not yet consumed. */
        public long lag() {
            return committed - consumed;
        }
    }
}
