package io.github.cdcverify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.bench.ThroughputResult.LagPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportShapeTest {

    static BenchReport report() {
        List<LatencySample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            long t = 1_700_000_000_000_000L + i * 10_000L;
            samples.add(new LatencySample(t - 400, t, t - 100, t + 1_500, (t + 3_000) / 1000, t + 5_000 + i * 10));
        }
        return new BenchReport("2026-01-01T00:00:00Z", Map.of("stack", "embedded", "cores", 2),
                new StartupResult(Map.of("PostgreSQL", 1500L), 3000L, 800L, 40L, 4200L),
                LatencyResult.of(samples, 100),
                new ThroughputResult(1000, 1000, 500, 0.1, 0.5, 2000, 0, null,
                        List.of(new LagPoint(0, 0, 0), new LagPoint(250, 1000, 400), new LagPoint(500, 1000, 1000))),
                new MemoryResult(500.0, 60.0, 200.0, 9, 560.0));
    }

    @Test
    void jsonHasEveryMetricUnderItsSection() {
        JsonNode json = ReportFiles.toJson(report());

        assertThat(json.at("/startup/processStartToFirstEventMs").asLong()).isEqualTo(4200);
        assertThat(json.at("/startup/componentsMs/PostgreSQL").asLong()).isEqualTo(1500);
        for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
            assertThat(json.at("/latency/endToEnd/" + p).isNumber()).as(p).isTrue();
        }
        assertThat(json.at("/latency/stages").fieldNames()).toIterable().containsExactly("commitRoundTrip",
                "commitToSource", "sourceToEnvelope", "envelopeToKafka", "kafkaToConsumed");
        assertThat(json.at("/throughput/eventsPerSecond").asDouble()).isEqualTo(2000);
        assertThat(json.at("/throughput/lag/1/consumed").asLong()).isEqualTo(400);
        assertThat(json.at("/memory/totalMb").asDouble()).isEqualTo(560);
        assertThat(json.at("/latency/curve").size()).isGreaterThan(10);
    }

    @Test
    void writesTimeStampedAndLatestJsonAndAnHtmlReportWithItsCharts(@TempDir Path directory) throws Exception {
        Path stamped = new ReportFiles(directory).write(report());
        Path html = HtmlReport.write(report(), directory);

        assertThat(stamped.getFileName().toString()).matches("bench-\\d{8}-\\d{6}\\.json");
        assertThat(Files.readString(directory.resolve("latest.json"))).isEqualTo(Files.readString(stamped));
        assertThat(ReportFiles.read(stamped).at("/latency/endToEnd/p50").asDouble()).isPositive();
        byte[] png = Files.readAllBytes(directory.resolve("latency.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllBytes(directory.resolve("throughput.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(html)).contains("<h2>Latency", "<h2>Throughput", "data:image/png;base64,",
                "process start to first event consumed");
    }

    @Test
    void aFileThatIsNoReportIsRefusedWithAHint(@TempDir Path directory) throws Exception {
        Path other = Files.writeString(directory.resolve("other.json"), "{\"name\":\"x\"}");

        assertThatThrownBy(() -> ReportFiles.read(other)).isInstanceOf(BenchException.class)
                .hasMessageContaining("not a bench report").hasMessageContaining("latest.json");
    }
}
