package io.github.cdcverify.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyResultTest {

    /**
     * Commit returned at T (a whole millisecond), PostgreSQL stamped T-0.1 ms, Debezium T+1.9, Kafka (millisecond
     * clock) T+3, consumed T+latency.
     */
    private static LatencySample sample(long latencyMs) {
        long t = 1_700_000_000_000_000L;
        long source = t - 100;
        long envelope = source + 2_000;
        long kafkaMs = t / 1000 + 3;
        return new LatencySample(t - 500, t, source, envelope, kafkaMs, t + latencyMs * 1000);
    }

    @Test
    void percentilesOfEndToEndLatencyFollowTheSamples() {
        List<LatencySample> samples = new ArrayList<>();
        for (int ms = 1; ms <= 1000; ms++) {
            samples.add(sample(ms));
        }
        LatencyResult result = LatencyResult.of(samples, 100);

        assertThat(result.count()).isEqualTo(1000);
        assertThat(result.endToEnd().p50()).isCloseTo(500, within(1.0));
        assertThat(result.endToEnd().p90()).isCloseTo(900, within(1.0));
        assertThat(result.endToEnd().p99()).isCloseTo(990, within(1.0));
        assertThat(result.endToEnd().p999()).isCloseTo(999, within(1.0));
        assertThat(result.endToEnd().max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void stagesAreTheDifferencesBetweenConsecutiveClocksInPipelineOrder() {
        LatencyResult result = LatencyResult.of(List.of(sample(10), sample(10), sample(10)), 100);

        assertThat(result.stages()).containsOnlyKeys("commitRoundTrip", "commitToSource", "sourceToEnvelope",
                "envelopeToKafka", "kafkaToConsumed");
        assertThat(result.stages().get("commitRoundTrip").p50()).isEqualTo(0.5);
        assertThat(result.stages().get("commitToSource").p50()).isEqualTo(-0.1);
        assertThat(result.stages().get("sourceToEnvelope").p50()).isEqualTo(2.0);
        assertThat(result.stages().get("envelopeToKafka").p50()).isEqualTo(1.1);
        // The stages after the commit add up to the end-to-end latency.
        double afterCommit = result.stages().values().stream().skip(1).mapToDouble(Distribution::p50).sum();
        assertThat(afterCommit).isCloseTo(result.endToEnd().p50(), within(0.02));
    }

    @Test
    void slowestTransactionsComeFirstWithWhenTheyWereSentAndTheirOwnStages() {
        List<LatencySample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LatencySample base = sample(i == 7 ? 400 : 5 + i % 3);
            long shift = i * 10_000L; // one transaction every 10 ms
            samples.add(new LatencySample(base.commitSentUs() + shift, base.commitReturnedUs() + shift,
                    base.sourceTsUs() + shift, base.envelopeTsUs() + shift, base.kafkaTsMs() + shift / 1000,
                    base.consumedUs() + shift));
        }
        LatencyResult result = LatencyResult.of(samples, 100);

        assertThat(result.slowest()).hasSize(LatencyResult.SLOWEST);
        LatencyResult.SlowTransaction slowest = result.slowest().get(0);
        assertThat(slowest.endToEndMs()).isEqualTo(400.0);
        assertThat(slowest.sentAtSeconds()).isEqualTo(0.07);
        assertThat(slowest.stagesMs()).containsOnlyKeys(result.stages().keySet())
                .containsEntry("kafkaToConsumed", 397.0);
        assertThat(result.slowest()).extracting(LatencyResult.SlowTransaction::endToEndMs)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void nearestRankPercentileOfRawValues() {
        long[] sorted = {-3, 1, 2, 3, 4, 5, 6, 7, 8, 100};
        assertThat(Distribution.rank(sorted, 50)).isEqualTo(4);
        assertThat(Distribution.rank(sorted, 90)).isEqualTo(8);
        assertThat(Distribution.rank(sorted, 99)).isEqualTo(100);
        assertThat(Distribution.rank(sorted, 0)).isEqualTo(-3);
        assertThat(Distribution.ofMicros(new long[] {3000, -1000, 2000}).p50()).isEqualTo(2.0);
    }

    @Test
    void curveRisesFromTheMedianToTheMaximumAndReachesTheTail() {
        List<LatencySample> samples = new ArrayList<>();
        for (int ms = 1; ms <= 2000; ms++) {
            samples.add(sample(ms));
        }
        List<double[]> curve = LatencyResult.of(samples, 100).curve();

        assertThat(curve).extracting(point -> point[0]).isSorted().contains(0.0, 50.0, 90.0, 100.0);
        assertThat(curve).extracting(point -> point[1]).isSorted();
        assertThat(curve.get(curve.size() - 2)[0]).isGreaterThan(99.9);
        assertThat(curve.get(curve.size() - 1)[1]).isCloseTo(2000, within(2.0));
    }

    @Test
    void noSamplesGiveZerosNotErrors() {
        LatencyResult result = LatencyResult.of(List.of(), 100);
        assertThat(result.endToEnd().count()).isZero();
        assertThat(result.curve()).isEmpty();
    }
}
