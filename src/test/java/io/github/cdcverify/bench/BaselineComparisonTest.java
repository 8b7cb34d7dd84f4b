package io.github.cdcverify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.bench.BaselineComparison.MetricRatio;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineComparisonTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void ratioIsCurrentOverBaselineForEveryMetricOfBoth() throws Exception {
        JsonNode baseline = json("{\"latency\":{\"count\":2000,\"endToEnd\":{\"p50\":10.0,\"p99\":40.0}},"
                + "\"throughput\":{\"eventsPerSecond\":10000,\"lag\":[{\"elapsedMs\":0}]},"
                + "\"memory\":{\"totalMb\":800},\"environment\":{\"cores\":2}}");
        JsonNode current = json("{\"latency\":{\"count\":2000,\"endToEnd\":{\"p50\":5.0,\"p99\":41.0}},"
                + "\"throughput\":{\"eventsPerSecond\":25000,\"lag\":[{\"elapsedMs\":0}]},"
                + "\"memory\":{\"totalMb\":900,\"postgresPeakPssMb\":60},\"environment\":{\"cores\":2}}");

        List<MetricRatio> ratios = BaselineComparison.compare(baseline, current);

        assertThat(ratios).extracting(MetricRatio::metric).containsExactly("latency.endToEnd.p50",
                "latency.endToEnd.p99", "throughput.eventsPerSecond", "memory.totalMb");
        assertThat(ratios.get(0).ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(ratios).extracting(MetricRatio::verdict).containsExactly("better", "same", "better", "worse");
    }

    @Test
    void aZeroBaselineHasNoRatio() throws Exception {
        List<MetricRatio> ratios = BaselineComparison.compare(json("{\"startup\":{\"firstEventMs\":0}}"),
                json("{\"startup\":{\"firstEventMs\":3}}"));

        assertThat(ratios).singleElement().satisfies(r -> assertThat(r.ratio()).isNaN());
        assertThat(BaselineComparison.format(ratios)).contains("startup.firstEventMs").contains(" - ");
    }
}
