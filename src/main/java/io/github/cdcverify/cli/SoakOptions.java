package io.github.cdcverify.cli;

import io.github.cdcverify.check.soak.Soak;
import io.github.cdcverify.time.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
                    + "A stall (nothing arriving for 10 s while changes are in flight) is reported as it happens, "
                    + "with the connector's and tasks' state, and in the summary; it is no loss if the changes "
                    + "arrive before --drain-timeout. Exit 0 passed, 1 failed, 130 stopped by Ctrl+C (with the "
                    + "summary); if the soak passed but its connector, slot, publication, table or topic could not "
                    + "be removed afterwards (retried for 2 min while Connect rebalances), the summary still says "
                    + "PASSED, a 'clean-up failed:' line names what is left, and the exit code is 3.")
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

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = DrainTimeoutConverter.class,
            description = "With --soak: after the last write, how long the changes still in flight may take to "
                    + "arrive before they count as lost (default 6m, longer than Connect's default "
                    + "scheduled.rebalance.max.delay.ms of 5 min, for which the task of a worker that died may "
                    + "wait). The soak ends as soon as everything arrived; progress lines meanwhile say what is "
                    + "in flight and since when nothing arrived.")
    Duration drainTimeout;

    boolean requested() {
        return soak != null;
    }

    /** What is wrong with these options, for a usage error; empty when nothing. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (soak == null) {
            if (rate != null || rowsPerTransaction != null || maxRows != null || reportEvery != null
                    || drainTimeout != null) {
                problems.add("--rate, --rows-per-tx, --max-rows, --report-every and --drain-timeout apply to a "
                        + "soak: add --soak DURATION (e.g. --soak 10m).");
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
        if (drainTimeout != null && drainTimeout.toSeconds() < 1) {
            problems.add("--drain-timeout must be at least 1s, not " + drainTimeout.toMillis() + " ms.");
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
        if (drainTimeout != null) {
            run.withDrainTimeout(drainTimeout);
        }
        return run;
    }

    static final class DrainTimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value, "--drain-timeout");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
