package io.github.cdcverify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.bench.BaselineComparison;
import io.github.cdcverify.bench.Bench;
import io.github.cdcverify.bench.BenchReport;
import io.github.cdcverify.bench.BenchSettings;
import io.github.cdcverify.bench.BenchSummary;
import io.github.cdcverify.bench.CheckerBench;
import io.github.cdcverify.bench.DataCheckBench;
import io.github.cdcverify.bench.HtmlReport;
import io.github.cdcverify.bench.ReportFiles;
import io.github.cdcverify.bench.StackStart;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** Measures a fresh pipeline: start-up, latency, throughput, memory; writes JSON and an HTML report. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Start a fresh pipeline and measure it: "
        + "start-up to the first change event, commit-to-consumed latency by stage, throughput with its lag curve, "
        + "peak memory. Writes bench-<time>.json, latest.json and report.html to --output.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Small counts (50 transactions, 2,000 rows), for tests and a first look.")
    boolean quick;

    @Option(names = "--latency-count", description = "Single-row transactions measured (default 2000).")
    Integer latencyCount;

    @Option(names = "--latency-rate", description = "Transactions per second of the latency phase (default 100).")
    Double latencyRate;

    @Option(names = "--warmup", description = "Unmeasured transactions before the latency phase (default 200).")
    Integer warmup;

    @Option(names = "--rows", description = "Rows of the throughput phase (default 100000).")
    Integer rows;

    @Option(names = "--throughput-warmup", paramLabel = "ROWS", description = "Rows written and consumed unmeasured "
            + "right before the throughput phase, so that it measures the pipeline warm (default 100000; their own "
            + "rate is reported as the cold rate).")
    Integer throughputWarmup;

    @Option(names = "--rows-per-tx", description = "Rows per transaction of the throughput phase (default 5000).")
    Integer rowsPerTransaction;

    @Option(names = "--skip-throughput", description = "Measure start-up, latency and memory only.")
    boolean skipThroughput;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A saved report (e.g. target/bench/latest.json "
            + "copied away) to compare this run with, metric by metric.")
    Path baseline;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/bench",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = {"-C", "--connector-property"}, paramLabel = "KEY=VALUE",
            description = "A connector setting on top of the bench's, e.g. -C max.batch.size=4096 (repeatable).")
    Map<String, String> connectorProperties = Map.of();

    @Option(names = "--checker", description = "Measure only the incremental checker of verify --soak, without a "
            + "pipeline: --checker-events synthetic changes and events over --checker-keys keys; prints events "
            + "checked per second and the heap it retains.")
    boolean checker;

    @Option(names = "--checker-events", paramLabel = "N", defaultValue = "10000000",
            description = "With --checker: changes and events (default: ${DEFAULT-VALUE}).")
    long checkerEvents;

    @Option(names = "--checker-keys", paramLabel = "N", defaultValue = "100000",
            description = "With --checker: keys they spread over (default: ${DEFAULT-VALUE}).")
    int checkerKeys;

    @Option(names = "--data-check", description = "Measure only the data check of verify --connector: a table of "
            + "--data-rows rows whose topic holds --data-events change events made by the pipeline, folded and "
            + "compared; prints events/s and the heap the fold keeps.")
    boolean dataCheck;

    @Option(names = "--data-rows", paramLabel = "ROWS", defaultValue = "100000",
            description = "Rows of the --data-check table (default ${DEFAULT-VALUE}).")
    int dataRows;

    @Option(names = "--data-events", paramLabel = "EVENTS", defaultValue = "1000000",
            description = "Change events in its topic: one insert per row, the rest updates (default ${DEFAULT-VALUE}).")
    long dataEvents;

    @Mixin
    ShapeOptions shape;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (checker) {
            if (checkerEvents < 1 || checkerKeys < 1 || checkerKeys > checkerEvents) {
                throw new IllegalArgumentException("--checker-events and --checker-keys must be positive, with no "
                        + "more keys than events (got " + checkerEvents + " events, " + checkerKeys + " keys).");
            }
            out.print(CheckerBench.run(checkerEvents, checkerKeys).describe());
            return ExitCodes.OK;
        }
        if (dataCheck) {
            return benchDataCheck();
        }
        BenchSettings settings = settings();
        if (baseline != null && !Files.isRegularFile(baseline)) {
            throw new IllegalArgumentException("--baseline " + baseline + " is not a file. Pass a report saved by "
                    + "an earlier run, e.g. a copy of target/bench/latest.json.");
        }
        // Read before the run, so a bad baseline fails in a second rather than after the whole bench.
        JsonNode saved = baseline == null ? null : ReportFiles.read(baseline);
        StackConfig config = StackConfig.fromSystem();
        try (CdcStack stack = config.newStack(shape.resolve(config))) {
            out.println("Starting the pipeline...");
            StackStart start = StackStart.start(stack);
            BenchReport report = new Bench(stack, settings).run(start);
            Path json = new ReportFiles(output).write(report);
            Path html = HtmlReport.write(report, output);
            out.print(BenchSummary.of(report));
            out.println("Report: " + json + ", " + html);
            if (saved != null) {
                out.println("Compared with " + baseline + ":");
                out.print(BaselineComparison.format(BaselineComparison.compare(saved, ReportFiles.toJson(report))));
            }
        }
        return ExitCodes.OK;
    }

    private int benchDataCheck() throws Exception {
        StackConfig config = StackConfig.fromSystem();
        // Built first: bad counts fail in a second, not after the pipeline has started.
        DataCheckBench bench = new DataCheckBench(dataRows, dataEvents, out);
        try (CdcStack stack = config.newStack(shape.resolve(config))) {
            out.println("Starting the pipeline...");
            stack.start();
            bench.run(stack);
        }
        return ExitCodes.OK;
    }

    private BenchSettings settings() {
        BenchSettings base = quick ? BenchSettings.quick() : BenchSettings.defaults();
        return new BenchSettings(
                warmup != null ? warmup : base.warmupCount(),
                latencyCount != null ? latencyCount : base.latencyCount(),
                latencyRate != null ? latencyRate : base.latencyRate(),
                skipThroughput ? 0 : rows != null ? rows : base.rows(),
                throughputWarmup != null ? throughputWarmup : base.throughputWarmup(),
                rowsPerTransaction != null ? rowsPerTransaction : base.rowsPerTransaction(),
                connectorProperties);
    }
}
