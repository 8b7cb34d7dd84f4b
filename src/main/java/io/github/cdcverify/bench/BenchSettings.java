package io.github.cdcverify.bench;

import java.util.Map;

/**
 * What a bench run does.
 *
 * @param warmupCount        single-row transactions sent before the latency measurement, not recorded (JIT, caches)
 * @param latencyCount       single-row transactions whose commit-to-consumed latency is recorded
 * @param latencyRate        transactions per second of the latency phase
 * @param rows               rows of the throughput phase, 0 to skip it
 * @param throughputWarmup   rows written and consumed, unmeasured, right before the throughput phase (JIT, GC)
 * @param rowsPerTransaction rows per transaction (and per multi-row INSERT) of the throughput phase
 * @param connectorOverrides connector properties set on top of the bench's defaults (for tuning experiments)
 */
public record BenchSettings(int warmupCount, int latencyCount, double latencyRate, int rows, int throughputWarmup,
                            int rowsPerTransaction, Map<String, String> connectorOverrides) {

    public static final int DEFAULT_LATENCY_COUNT = 2_000;
    public static final double DEFAULT_LATENCY_RATE = 100;
    public static final int DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_THROUGHPUT_WARMUP = 100_000;
    public static final int DEFAULT_ROWS_PER_TRANSACTION = 5_000;
    public static final int DEFAULT_WARMUP = 200;

    /** @throws IllegalArgumentException naming the option to fix */
    public BenchSettings {
        if (warmupCount < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmupCount);
        }
        if (latencyCount < 1) {
            throw new IllegalArgumentException("--latency-count must be at least 1, got " + latencyCount);
        }
        if (!(latencyRate > 0) || latencyRate > 10_000) {
            throw new IllegalArgumentException("--latency-rate must be between 0 and 10000 transactions per "
                    + "second, got " + latencyRate);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("--rows must be 0 (skip the throughput phase) or more, got " + rows);
        }
        if (throughputWarmup < 0) {
            throw new IllegalArgumentException("--throughput-warmup must be 0 or more rows, got " + throughputWarmup);
        }
        if (rowsPerTransaction < 1) {
            throw new IllegalArgumentException("--rows-per-tx must be at least 1, got " + rowsPerTransaction);
        }
        connectorOverrides = Map.copyOf(connectorOverrides);
    }

    /**
     * The full run: 200 warm-up transactions, 2,000 at 100/s, 100,000 warm-up rows, then 100,000 rows measured, in
     * 5,000-row transactions.
     */
    public static BenchSettings defaults() {
        return new BenchSettings(DEFAULT_WARMUP, DEFAULT_LATENCY_COUNT, DEFAULT_LATENCY_RATE, DEFAULT_ROWS,
                DEFAULT_THROUGHPUT_WARMUP, DEFAULT_ROWS_PER_TRANSACTION, Map.of());
    }

    /**
     * A few seconds' run for tests: 10 warm-up transactions, 50 at 100/s, 1,000 warm-up rows, 2,000 rows in 500-row
     * transactions.
     */
    public static BenchSettings quick() {
        return new BenchSettings(10, 50, 100, 2_000, 1_000, 500, Map.of());
    }

    public boolean throughput() {
        return rows > 0;
    }
}
