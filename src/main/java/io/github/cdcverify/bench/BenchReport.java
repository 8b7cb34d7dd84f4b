package io.github.cdcverify.bench;

import java.util.Map;

/**
 * Everything one bench run measured; written as JSON by {@link ReportFiles}.
 *
 * @param startedAt   ISO-8601 time of the run
 * @param environment cores, Java, stack kind, JVM flags, connector settings that differ from Debezium's defaults
 * @param throughput  {@code null} when the throughput phase was skipped
 */
public record BenchReport(String startedAt, Map<String, Object> environment, StartupResult startup,
                          LatencyResult latency, ThroughputResult throughput, MemoryResult memory) {
}
