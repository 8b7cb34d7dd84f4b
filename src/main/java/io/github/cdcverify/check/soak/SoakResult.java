package io.github.cdcverify.check.soak;

import io.github.cdcverify.check.CheckResult;
import io.github.cdcverify.judge.ChangedValue;
import io.github.cdcverify.judge.StreamChecker;
import io.github.cdcverify.judge.StreamProblems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a soak went. It passed when nothing was lost, reordered, changed or unexpected, every delete had its
 * tombstone and every record was a change event; duplicates (exact repeats, as at-least-once delivery makes after
 * a crash) are allowed and counted.
 *
 * <p>The verdict is the stream's alone. A clean-up that fails afterwards (the connector, slot, publication, table or
 * topic still there) changes nothing in it: {@link #summary()} ends with it, after the verdict line.
 *
 * @param error          what ended the soak before it could judge the stream (writes or reading broken), or null
 * @param interrupted    whether Ctrl+C ended it early
 * @param writeRestarts  times the writes broke (PostgreSQL gone) and carried on
 * @param stalls         stretches in which nothing arrived while changes were in flight
 * @param drained        how the wait for the stream after the last write ended, or null when there was none
 * @param cleanupFailure what could not be removed afterwards and why, or null
 */
public record SoakResult(StreamChecker checker, Duration elapsed, long malformed, int writeRestarts, String error,
                         boolean interrupted, List<Stall> stalls, String drained, String cleanupFailure) {

    public SoakResult {
        stalls = List.copyOf(stalls);
    }

    /** This result with the clean-up's failure beside the verdict. */
    public SoakResult withCleanupFailure(String failure) {
        return new SoakResult(checker, elapsed, malformed, writeRestarts, error, interrupted, stalls, drained,
                failure);
    }

    private static final int EXAMPLES_SHOWN = 5;

    public boolean passed() {
        StreamProblems problems = checker.problems();
        return error == null && malformed == 0 && problems.lost() == 0 && problems.outOfOrderKeys() == 0
                && problems.changedValues() == 0 && problems.unexpected() == 0 && problems.missingTombstones() == 0;
    }

    /** The verdict's table, the first problems of each kind, and one closing line. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Soak summary after %.1f s%s:", elapsed.toMillis() / 1000.0,
                interrupted ? " (stopped early by Ctrl+C)" : ""));
        lines.add(checker.summary());
        lines.addAll(examples());
        if (malformed > 0) {
            lines.add(malformed + " records were not Debezium change events (see the WARN lines)");
        }
        if (writeRestarts > 0) {
            lines.add("The writes broke " + writeRestarts + " time(s) (PostgreSQL gone) and carried on after it came "
                    + "back; commits in doubt were resolved by asking PostgreSQL.");
        }
        lines.addAll(stallLines());
        if (drained != null) {
            lines.add(drained);
        }
        if (error != null) {
            lines.add("The soak could not go on: " + error);
        }
        lines.add(verdictLine());
        if (cleanupFailure != null) {
            lines.add("clean-up failed: " + cleanupFailure);
        }
        return String.join(System.lineSeparator(), lines);
    }

    private String verdictLine() {
        StreamProblems problems = checker.problems();
        String counts = String.format(Locale.ROOT, "%,d changes committed, %,d events received, %,d duplicated "
                        + "(exact repeats)", checker.committedTotal(), checker.receivedTotal(), problems.duplicated());
        return (passed() ? "PASSED: " : "FAILED: ") + counts + (passed() ? "; nothing lost, reordered or changed."
                : "; " + problems.first());
    }

    private List<String> stallLines() {
        if (stalls.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Stalls (nothing arrived for %d s or more while changes were in "
                + "flight): %d", StallWatch.STALL_AFTER.toSeconds(), stalls.size()));
        stalls.forEach(stall -> lines.add("  " + stall.describe(elapsed)));
        return lines;
    }

    private List<String> examples() {
        StreamProblems problems = checker.problems();
        List<String> lines = new ArrayList<>();
        problems.lostDescriptions().stream().limit(EXAMPLES_SHOWN).forEach(line -> lines.add("  lost: " + line));
        problems.changedExamples().stream().limit(EXAMPLES_SHOWN).map(ChangedValue::describe)
                .forEach(line -> lines.add("  changed: " + line));
        problems.outOfOrderExamples().stream().limit(EXAMPLES_SHOWN)
                .forEach(key -> lines.add("  out of order: key " + key));
        problems.unexpectedExamples().stream().limit(EXAMPLES_SHOWN)
                .forEach(event -> lines.add("  unexpected: event at " + event.position()));
        problems.missingTombstoneExamples().stream().limit(EXAMPLES_SHOWN)
                .forEach(line -> lines.add("  no tombstone: " + line));
        return lines;
    }

    /** For {@code --junit-xml}: the counts as notes when it passed, the summary as the failure otherwise. */
    public CheckResult asCheckResult() {
        StreamProblems problems = checker.problems();
        String counts = String.format(Locale.ROOT, "INFO committed %d, received %d, lost %d, duplicated %d, "
                        + "reordered %d keys, changed %d values, unexpected %d, no tombstone %d, malformed %d",
                checker.committedTotal(), checker.receivedTotal(), problems.lost(), problems.duplicated(),
                problems.outOfOrderKeys(), problems.changedValues(), problems.unexpected(),
                problems.missingTombstones(), malformed);
        List<String> notes = new ArrayList<>(List.of(counts));
        stalls.forEach(stall -> notes.add("INFO stall " + stall.describe(elapsed)));
        if (cleanupFailure != null) {
            notes.add("WARN clean-up failed: " + cleanupFailure);
        }
        int events = (int) Math.min(Integer.MAX_VALUE, checker.receivedTotal());
        return new CheckResult("soak", events, "events", elapsed, passed() ? null : summary(), error != null,
                notes);
    }
}
