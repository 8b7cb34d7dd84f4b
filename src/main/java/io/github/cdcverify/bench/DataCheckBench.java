package io.github.cdcverify.bench;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.datacheck.FoldedTopic;
import io.github.cdcverify.datacheck.PartitionReaders;
import io.github.cdcverify.datacheck.TableReport;
import io.github.cdcverify.datacheck.TableTopicComparison;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Measures the data check of {@code verify --connector}: a users-shaped table of {@code rows} rows whose topic holds
 * {@code events} change events, all made by the real pipeline (the rows' inserts, then updates of every row in
 * turn). It folds the topic twice per size — once after the inserts (as many events as rows), once after all events
 * (same rows) — and reports the heap the fold keeps at both, so that memory growing with events would show; then it
 * times the whole comparison (topic read and folded, table read, compared) on the full topic.
 */
public final class DataCheckBench {

    /** Rows per UPDATE statement: one transaction each, as a batch job would write them. */
    private static final int ROWS_PER_STATEMENT = 10_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);
    /**
     * CPU time of the reading thread, besides wall time: on a machine shared with the pipeline it measures (and
     * here with other jobs) wall time says as much about the neighbours as about the check.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CdcStack stack;
    private final int rows;
    private final long events;
    private final PrintStream out;

    /**
     * @throws IllegalArgumentException when there are no rows or fewer events than rows
     */
    public DataCheckBench(int rows, long events, PrintStream out) {
        if (rows < 1 || events < rows) {
            throw new IllegalArgumentException("--data-check needs at least 1 row and at least as many events as "
                    + "rows (every row is inserted once): got " + rows + " rows and " + events + " events.");
        }
        this.rows = rows;
        this.events = events;
        this.out = out;
    }

    /** Runs the measurement and prints its lines; the table, connector, slot and topic are removed afterwards. */
    public void run(CdcStack stack) throws SQLException {
        this.stack = stack;
        try (CapturedTable table = CapturedTable.on(stack, "bench_data")
                .withConnectorConfig(DataCheckBench::benchSettings).start()) {
            long began = System.nanoTime();
            write(table, "INSERT INTO " + table.table().quoted() + " (name, email) SELECT 'user' || n, 'user' || n "
                    + "|| '@example.com' FROM generate_series(?, ?) n", rows);
            table.awaitTopic();
            awaitEvents(table, rows);
            long retainedAtRows = foldedHeap(table, rows).retained;
            long updates = events - rows;
            for (long done = 0, round = 0; done < updates; round++) {
                int batch = (int) Math.min(updates - done, rows);
                write(table, "UPDATE " + table.table().quoted() + " SET email = 'r" + round + "-' || id || "
                        + "'@example.com' WHERE id BETWEEN ? AND ?", batch);
                done += batch;
            }
            awaitEvents(table, events);
            double produced = (System.nanoTime() - began) / 1e9;
            out.printf("Topic %s: %,d events over %,d rows, made by the pipeline in %.1f s (%,.0f events/s)%n",
                    table.topic(), events, rows, produced, events / produced);
            Fold full = foldedHeap(table, events);
            out.printf("Fold only (read + parse + fold): %,d events in %.2f s = %,.0f events/s; the reading thread "
                            + "used %.2f s of CPU = %,.0f events per CPU second%n", events, full.seconds,
                    events / full.seconds, full.cpuSeconds, events / full.cpuSeconds);
            out.printf("Heap kept by the fold: %,.1f MB after %,d events, %,.1f MB after %,d events "
                            + "(%,d rows both times; %,.0f bytes per row)%n", mb(retainedAtRows), rows,
                    mb(full.retained), events, rows, (double) full.retained / rows);
            compare(table);
        }
    }

    private void compare(CapturedTable table) throws SQLException {
        CaptureCatalog catalog = new CaptureCatalog(table.connection());
        int partitions = TopicReader.endOffsets(stack.kafka(), table.topic()).size();
        // Ways of reading the topic, each under the same load: the check's own first and last (the spread between
        // those two is the machine's noise), a consumer per partition, and without Kafka's CRC check of each batch.
        List<Reading> readings = new ArrayList<>(List.of(new Reading(false, Map.of())));
        if (partitions > 1) {
            readings.add(new Reading(true, Map.of()));
        }
        readings.add(new Reading(false, Map.of(ConsumerConfig.CHECK_CRCS_CONFIG, "false")));
        readings.add(new Reading(false, Map.of()));
        for (int run = 1; run <= readings.size(); run++) {
            Reading reading = readings.get(run - 1);
            resetPeaks();
            long heapBefore = heapUsedAfterGc();
            long began = System.nanoTime();
            long cpuBegan = THREADS.getCurrentThreadCpuTime();
            TableReport report = TableTopicComparison.of(table.connection(), table.table(),
                    catalog.columns(table.table()), List.of("id")).withProgress(line -> out.println("  " + line))
                    .withReaderPerPartition(reading.perPartition()).withConsumerSettings(reading.settings())
                    .compare(stack.kafka(), table.topic(), Duration.ZERO);
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
            out.printf("Data check, run %d (topic read and folded by %s, table read, compared): %,d events, %,d "
                            + "rows in %.2f s = %,.0f events/s, %,.0f rows/s (%,.0f events per CPU second of its thread), %s; "
                            + "peak heap %,.0f MB (%,.0f MB before); peak RSS of the JVM so far %s%n", run,
                    reading, report.events(), report.rows(), seconds, report.events() / seconds, report.rows() / seconds,
                    report.events() / cpuSeconds, report.clean() ? "no difference" : "DIFFERENCES: "
                            + report.describe(), mb(peakHeap()), mb(heapBefore), peakResidentMemory());
        }
    }

    private record Fold(long retained, double seconds, double cpuSeconds) {
    }

    /** How the comparison reads the topic: a consumer per partition or one, and consumer settings of its own. */
    private record Reading(boolean perPartition, Map<String, String> settings) {
        @Override
        public String toString() {
            return (perPartition ? "a consumer per partition" : "one consumer") + (settings.isEmpty() ? ""
                    : " with " + settings);
        }
    }

    /** Folds the whole topic and measures the heap the fold keeps (after a full collection) and how long it took. */
    private Fold foldedHeap(CapturedTable table, long expected) {
        long before = heapUsedAfterGc();
        FoldedTopic folded = new FoldedTopic();
        long began = System.nanoTime();
        long cpuBegan = THREADS.getCurrentThreadCpuTime();
        try (PartitionReaders reader = PartitionReaders.open(stack.kafka(), table.topic(), false, Map.of())) {
            reader.readToEnd(record -> folded.add(record.topic(), record.partition(), record.offset(), record.key(),
                    record.value()), READ_TIMEOUT);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuBegan) / 1e9;
        long retained = heapUsedAfterGc() - before;
        if (folded.events() != expected || !folded.unreadable().isEmpty()) {
            throw new BenchException("The fold read " + folded.events() + " events (expected " + expected + "), "
                    + folded.unreadable().size() + " unreadable");
        }
        return new Fold(retained, seconds, cpuSeconds);
    }

    private void write(CapturedTable table, String sql, int count) throws SQLException {
        try (var statement = table.connection().prepareStatement(sql)) {
            for (int from = 1; from <= count; from += ROWS_PER_STATEMENT) {
                statement.setInt(1, from);
                statement.setInt(2, Math.min(count, from + ROWS_PER_STATEMENT - 1));
                statement.executeUpdate();
            }
        }
    }

    private void awaitEvents(CapturedTable table, long expected) {
        long[] seen = {0, -1, System.nanoTime()}; // events now, events last printed, when printed
        try (TopicReader<byte[]> reader = TopicReader.of(stack.kafka(), table.topic()).open()) {
            boolean arrived = BoundedWait.upTo(DRAIN_TIMEOUT).every(Duration.ofMillis(200)).until(() -> {
                seen[0] = reader.endOffsets().values().stream().mapToLong(Long::longValue).sum();
                if (seen[0] < expected && System.nanoTime() - seen[2] > 10e9 && seen[0] != seen[1]) {
                    out.printf("  %,d of %,d events in the topic%n", seen[0], expected);
                    seen[1] = seen[0];
                    seen[2] = System.nanoTime();
                }
                return seen[0] >= expected;
            });
            if (!arrived) {
                throw new BenchException("Only " + seen[0] + " of " + expected + " events reached topic "
                        + table.topic() + " within " + Durations.readable(DRAIN_TIMEOUT));
            }
        }
    }

    private static DebeziumPostgresConfig benchSettings(DebeziumPostgresConfig config) {
        DebeziumPostgresConfig result = config;
        for (Map.Entry<String, String> setting : BenchTarget.CONNECTOR_SETTINGS.entrySet()) {
            result = result.with(setting.getKey(), setting.getValue());
        }
        return result;
    }

    private static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of each heap pool's peak: an upper bound of the heap's peak, as pools peak at different times. */
    private static long peakHeap() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    /** The process's peak resident memory (Linux's VmHWM), pipeline included when it runs in this JVM. */
    private static String peakResidentMemory() {
        OptionalLong peak = ProcMemory.selfPeakRss();
        return peak.isPresent() ? String.format(Locale.ROOT, "%,.0f MB", mb(peak.getAsLong())) : "unknown";
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
