package io.github.cdcverify.bench;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Percentiles of a set of durations, in milliseconds (fractions kept: the values are recorded in microseconds).
 */
public record Distribution(long count, double mean, double p50, double p90, double p99, double p999, double max) {

    /** From an HdrHistogram of microseconds. */
    public static Distribution ofHistogram(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0, 0);
        }
        return new Distribution(micros.getTotalCount(), ms(micros.getMean()),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    /**
     * From raw microsecond values, which may be negative (a stage between two clocks, or a timestamp with
     * millisecond resolution compared with one in microseconds). Nearest-rank percentiles.
     */
    public static Distribution ofMicros(long[] values) {
        if (values.length == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new Distribution(sorted.length, ms(mean), ms(rank(sorted, 50)), ms(rank(sorted, 90)),
                ms(rank(sorted, 99)), ms(rank(sorted, 99.9)), ms(sorted[sorted.length - 1]));
    }

    /** The smallest value with at least {@code percentile}% of the values at or below it. */
    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Microseconds as milliseconds, to the microsecond. */
    static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
