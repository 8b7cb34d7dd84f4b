package io.github.cdcverify.bench;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.OwnStack;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's core on the run's shared stack with tiny counts: every metric present and sane. */
@PipelineTest
class BenchIT {

    @Test
    void measuresEveryMetricOfTheSharedStack(CdcStack stack) {
        OwnStack.assume(stack, "measures the memory of the stack it runs");
        BenchSettings tiny = new BenchSettings(5, 30, 200, 1_000, 500, 250, Map.of());

        BenchReport report = new Bench(stack, tiny).run(StackStart.unknown());

        String shown = ReportFiles.toJson(report).toPrettyString();
        assertThat(report.startup().connectorMs()).as(shown).isPositive();
        assertThat(report.startup().processStartToFirstEventMs()).as(shown)
                .isGreaterThan(report.startup().firstEventMs());
        Distribution latency = report.latency().endToEnd();
        assertThat(latency.count()).as(shown).isEqualTo(30);
        assertThat(latency.p50()).as(shown).isPositive().isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).as(shown).isLessThanOrEqualTo(latency.max()).isLessThan(5_000);
        assertThat(report.latency().stages().get("sourceToEnvelope").p50()).as(shown).isPositive();
        assertThat(report.latency().stages().get("commitRoundTrip").p50()).as(shown).isPositive();
        assertThat(report.throughput().events()).as(shown).isEqualTo(1_000);
        assertThat(report.throughput().eventsPerSecond()).as(shown).isPositive();
        assertThat(report.throughput().lag()).as(shown).isNotEmpty()
                .last().satisfies(last -> assertThat(last.consumed()).isEqualTo(1_000));
        // The 500 warm-up rows ran first, counted apart: no sample of the measured curve counts them (with them it
        // would reach 1,500). How far the first sample got depends on the machine: all 1,000 may be in by then.
        assertThat(report.throughput().lag()).as(shown)
                .allSatisfy(sample -> assertThat(sample.committed()).isLessThanOrEqualTo(1_000));
        assertThat(report.throughput().warmupRows()).as(shown).isEqualTo(500);
        assertThat(report.throughput().coldEventsPerSecond()).as(shown).isPositive();
        assertThat(report.memory().jvmPeakRssMb()).as(shown).isGreaterThan(50);
        if ("embedded".equals(stack.kind())) {
            assertThat(report.memory().postgresPeakPssMb()).as(shown).isGreaterThan(5);
            assertThat(report.memory().postgresProcesses()).as(shown).isGreaterThan(3);
        } else {
            // PostgreSQL's processes are not this machine's to read (a container, another host): not guessed.
            assertThat(report.memory().postgresPeakPssMb()).as(shown).isNull();
        }
        assertThat(report.environment()).as(shown).containsKeys("stack", "cores", "connector");
        assertThat(String.valueOf(report.environment().get("connector"))).doesNotContain("password=postgres");
    }

    @Test
    void withoutAWarmUpTheThroughputPhaseIsMeasuredCold(CdcStack stack) {
        BenchSettings cold = new BenchSettings(0, 5, 200, 500, 0, 250, Map.of());

        ThroughputResult throughput = new Bench(stack, cold).run(StackStart.unknown()).throughput();

        assertThat(throughput.events()).isEqualTo(500);
        assertThat(throughput.warmupRows()).isZero();
        assertThat(throughput.coldEventsPerSecond()).isNull();
    }
}
