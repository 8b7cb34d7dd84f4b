package io.github.cdcverify.bench;

import io.github.cdcverify.connect.Secrets;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures a running pipeline: start-up to the first change event, commit-to-consumed latency by stage,
 * throughput with its lag curve, and peak memory. Works on any {@link CdcStack}; it creates its own tables,
 * connector, topics and slot and removes them afterwards.
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    private static final Duration FIRST_EVENT_TIMEOUT = Duration.ofSeconds(60);
    private static final double MIB = 1024.0 * 1024.0;

    private final CdcStack stack;
    private final BenchSettings settings;

    public Bench(CdcStack stack, BenchSettings settings) {
        this.stack = stack;
        this.settings = settings;
    }

    /**
     * Runs every phase on the started stack.
     *
     * @param stackStart how the caller's start of the stack went, or {@link StackStart#unknown()} for a stack
     *                   started elsewhere
     */
    public BenchReport run(StackStart stackStart) {
        String startedAt = Instant.now().toString();
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            Optional<PostgresMemory> postgresMemory = PostgresMemory.of(connection);
            postgresMemory.ifPresent(PostgresMemory::sample);
            long connectorBegan = System.nanoTime();
            try (BenchTarget target = BenchTarget.create(stack, settings.connectorOverrides())) {
                long connectorMs = (System.nanoTime() - connectorBegan) / 1_000_000;
                LatencyRun latency = new LatencyRun(settings.warmupCount(), settings.latencyCount());
                ThroughputRun warmup = new ThroughputRun(1);
                ThroughputRun measured = new ThroughputRun(1 + settings.throughputWarmup());
                // The warm-up's events are all consumed before the measured run writes its first row.
                AtomicReference<ThroughputRun> counting = new AtomicReference<>(
                        settings.throughputWarmup() > 0 ? warmup : measured);
                try (BenchReader<byte[]> latencyReader = BenchReader.bytes(stack.kafka(),
                        target.latencyTopic(), latency::onRecords);
                     BenchReader<Boolean> bulkReader = BenchReader.presence(stack.kafka(),
                             target.bulkTopic(), (records, at) -> counting.get().onRecords(records, at))) {
                    long streamingUs = BenchClock.nowMicros();
                    long firstEventUs = latency.firstEvent(connection, target.latencyTable(), FIRST_EVENT_TIMEOUT);
                    StartupResult startup = new StartupResult(stackStart.componentsMs(), stackStart.stackMs(),
                            connectorMs, (firstEventUs - streamingUs) / 1000,
                            firstEventUs / 1000 - ManagementFactory.getRuntimeMXBean().getStartTime());
                    log.info("First change event {} ms after the process started; measuring latency of {} "
                            + "transactions at {}/s", startup.processStartToFirstEventMs(), settings.latencyCount(),
                            settings.latencyRate());
                    LatencyResult latencyResult = LatencyResult.of(
                            latency.measure(connection, target.latencyTable(), settings.latencyRate()),
                            settings.latencyRate());
                    postgresMemory.ifPresent(PostgresMemory::sample);
                    ThroughputResult throughputResult = null;
                    if (settings.throughput()) {
                        Runnable sampleMemory = () -> postgresMemory.ifPresent(PostgresMemory::sample);
                        ThroughputResult cold = null;
                        if (settings.throughputWarmup() > 0) {
                            log.info("Warming the pipeline up with {} rows", settings.throughputWarmup());
                            cold = warmup.run(connection, target.bulkTable(), settings.throughputWarmup(),
                                    settings.rowsPerTransaction(), sampleMemory);
                            counting.set(measured);
                        }
                        log.info("Measuring throughput of {} rows", settings.rows());
                        throughputResult = measured.run(connection, target.bulkTable(), settings.rows(),
                                settings.rowsPerTransaction(), sampleMemory);
                        if (cold != null) {
                            throughputResult = throughputResult.after(cold);
                        }
                    }
                    postgresMemory.ifPresent(PostgresMemory::sample);
                    return new BenchReport(startedAt, environment(target), startup, latencyResult,
                            throughputResult, memory(postgresMemory));
                }
            }
        } catch (SQLException e) {
            throw new BenchException("The bench's SQL failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("The bench was interrupted", e);
        }
    }

    private Map<String, Object> environment(BenchTarget target) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("stack", stack.kind());
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        // -Dcdc.connect-url=http://user:password@... or -D...Password=... would otherwise sit in the report file.
        environment.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .map(Secrets::redact).toList());
        environment.put("settings", settings);
        environment.put("connector", target.connectorSettings());
        return environment;
    }

    private static MemoryResult memory(Optional<PostgresMemory> postgres) {
        OptionalLong jvm = ProcMemory.selfPeakRss();
        Double jvmMb = jvm.isPresent() ? mib(jvm.getAsLong()) : null;
        Double pssMb = postgres.map(p -> mib(p.peakPss())).orElse(null);
        Double rssMb = postgres.map(p -> mib(p.peakRss())).orElse(null);
        Integer processes = postgres.map(PostgresMemory::processes).orElse(null);
        Double total = jvmMb != null && pssMb != null ? Math.round((jvmMb + pssMb) * 10) / 10.0 : null;
        return new MemoryResult(jvmMb, pssMb, rssMb, processes, total);
    }

    private static double mib(long bytes) {
        return Math.round(bytes / MIB * 10) / 10.0;
    }
}
