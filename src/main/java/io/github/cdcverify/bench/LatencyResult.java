package io.github.cdcverify.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Commit-to-consumed latency of single-row transactions and where it went, stage by stage.
 *
 * @param count     transactions measured
 * @param rate      transactions per second they were sent at
 * @param endToEnd  commit returned (client) to record consumed (client)
 * @param stages    per stage, in pipeline order: {@code commitRoundTrip} (INSERT sent to COMMIT returned),
 *                  {@code commitToSource} (COMMIT returned to {@code source.ts_us}: usually negative, PostgreSQL
 *                  stamps the commit before the client hears of it), {@code sourceToEnvelope} (PostgreSQL commit to
 *                  Debezium's {@code ts_us}: WAL sender, decoding, queue), {@code envelopeToKafka} (to the Kafka
 *                  record timestamp, millisecond resolution: conversion, producer), {@code kafkaToConsumed}
 *                  (broker, fetch, poll)
 * @param curve     the end-to-end percentile curve: percentile to milliseconds
 * @param slowest   the {@value #SLOWEST} slowest transactions, slowest first: when they were sent and where their
 *                  time went, to tell a one-off stall from a steady tail
 */
public record LatencyResult(int count, double rate, Distribution endToEnd, Map<String, Distribution> stages,
                            List<double[]> curve, List<SlowTransaction> slowest) {

    static final int SLOWEST = 5;

    private static final Map<String, ToLongFunction<LatencySample>> STAGES = stageClocks();

    /**
     * One of the slowest transactions.
     *
     * @param sentAtSeconds seconds after the first measured transaction was sent
     * @param endToEndMs    commit returned to consumed
     * @param stagesMs      the same stages as {@link #stages()}, this transaction's, in milliseconds
     */
    public record SlowTransaction(double sentAtSeconds, double endToEndMs, Map<String, Double> stagesMs) {
    }

    /** Computes every figure from the samples. */
    public static LatencyResult of(List<LatencySample> samples, double rate) {
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        for (LatencySample sample : samples) {
            histogram.recordValue(Math.max(0, sample.endToEndUs()));
        }
        Map<String, Distribution> stages = new LinkedHashMap<>();
        STAGES.forEach((name, stage) -> stages.put(name, stage(samples, stage)));
        return new LatencyResult(samples.size(), rate, Distribution.ofHistogram(histogram), stages, curve(histogram),
                slowest(samples));
    }

    private static Map<String, ToLongFunction<LatencySample>> stageClocks() {
        Map<String, ToLongFunction<LatencySample>> stages = new LinkedHashMap<>();
        stages.put("commitRoundTrip", s -> s.commitReturnedUs() - s.commitSentUs());
        stages.put("commitToSource", s -> s.sourceTsUs() - s.commitReturnedUs());
        stages.put("sourceToEnvelope", s -> s.envelopeTsUs() - s.sourceTsUs());
        stages.put("envelopeToKafka", s -> s.kafkaTsMs() * 1000 - s.envelopeTsUs());
        stages.put("kafkaToConsumed", s -> s.consumedUs() - s.kafkaTsMs() * 1000);
        return Collections.unmodifiableMap(stages);
    }

    private static List<SlowTransaction> slowest(List<LatencySample> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        long firstSentUs = samples.get(0).commitSentUs();
        return samples.stream()
                .sorted(Comparator.comparingLong(LatencySample::endToEndUs).reversed())
                .limit(SLOWEST)
                .map(sample -> {
                    Map<String, Double> stagesMs = new LinkedHashMap<>();
                    STAGES.forEach((name, stage) -> stagesMs.put(name, Distribution.ms(stage.applyAsLong(sample))));
                    return new SlowTransaction(Math.round((sample.commitSentUs() - firstSentUs) / 1e4) / 100.0,
                            Distribution.ms(sample.endToEndUs()), stagesMs);
                })
                .toList();
    }

    private static Distribution stage(List<LatencySample> samples, ToLongFunction<LatencySample> stage) {
        return Distribution.ofMicros(samples.stream().mapToLong(stage).toArray());
    }

    /** Points {percentile, ms} at 0, 10, ..., 90, then 99, 99.9, 99.99 ... and 100 (the max). */
    static List<double[]> curve(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (int p = 0; p < 90; p += 10) {
            points.add(point(micros, p));
        }
        for (double remaining = 10; remaining >= 100.0 / micros.getTotalCount(); remaining /= 2) {
            points.add(point(micros, 100 - remaining));
        }
        points.add(new double[] {100, micros.getMaxValue() / 1000.0});
        return points;
    }

    private static double[] point(Histogram micros, double percentile) {
        return new double[] {percentile, micros.getValueAtPercentile(percentile) / 1000.0};
    }
}
