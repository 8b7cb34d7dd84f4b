package io.github.cdcverify.cli;

import io.github.cdcverify.check.soak.Soak;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code verify --soak DURATION} and the options that only make sense with it. */
final class SoakOptions {

    @Option(names = "--soak", paramLabel = "DURATION", converter = Converters.SoakConverter.class,
            description = "Instead of the built-in checks: write at --rate for this long (e.g. 30s, 10m, 2h) to a "
                    + "table of its own with a temporary connector, check every event as it arrives (memory "
                    + "bounded by the keys, not the length of the run), print progress every --report-every and a "
                    + "summary. Passes when nothing was lost, reordered or changed; exact repeats are counted. "
                    + "Ctrl+C ends it early with the summary.")
    Duration soak;

    @Option(names = "--rate", paramLabel = "N",
            description = "With --soak: changes per second (default 100; 0 for as fast as possible).")
    Double rate;

    @Option(names = "--rows-per-tx", paramLabel = "K",
            description = "With --soak: changes per transaction (default 1).")
    Integer rowsPerTransaction;

    @Option(names = "--max-rows", paramLabel = "N",
            description = "With --soak: the most rows its table holds (default 100,000); then each insert becomes "
                    + "a delete, so memory stays the same however long it runs.")
    Integer maxRows;

    @Option(names = "--report-every", paramLabel = "DURATION", converter = Converters.ReportEveryConverter.class,
            description = "With --soak: how often a progress line is printed (default 10s).")
    Duration reportEvery;

    boolean requested() {
        return soak != null;
    }

    /** What is wrong with these options, for a usage error; empty when nothing. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (soak == null) {
            if (rate != null || rowsPerTransaction != null || maxRows != null || reportEvery != null) {
                problems.add("--rate, --rows-per-tx, --max-rows and --report-every apply to a soak: add --soak "
                        + "DURATION (e.g. --soak 10m).");
            }
            return problems;
        }
        if (rate != null && (!(rate >= 0) || rate.isInfinite())) {
            problems.add("--rate must be 0 (as fast as possible) or a positive number of changes per second, not "
                    + rate + ".");
        }
        if (rowsPerTransaction != null && rowsPerTransaction < 1) {
            problems.add("--rows-per-tx must be at least 1, not " + rowsPerTransaction + ".");
        }
        if (maxRows != null && maxRows < 1) {
            problems.add("--max-rows must be at least 1, not " + maxRows + ".");
        }
        if (reportEvery != null && reportEvery.toMillis() < 100) {
            problems.add("--report-every must be at least 100ms, not " + reportEvery.toMillis() + " ms.");
        }
        return problems;
    }

    Soak soak() {
        Soak run = Soak.lasting(soak);
        if (rate != null) {
            run.withRate(rate);
        }
        if (rowsPerTransaction != null) {
            run.withRowsPerTransaction(rowsPerTransaction);
        }
        if (maxRows != null) {
            run.withMaxRows(maxRows);
        }
        if (reportEvery != null) {
            run.withReportEvery(reportEvery);
        }
        return run;
    }
}
