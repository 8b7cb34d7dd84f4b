package io.github.cdcverify.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How one check went.
 *
 * @param count   how many of {@code unit} it verified
 * @param unit    what it counts, e.g. {@code events}
 * @param failure {@code null} when it passed, else what went wrong (an assertion's message or an error)
 * @param error   whether the check could not run (as opposed to finding a mismatch)
 * @param notes   {@code WARN ...} and {@code INFO ...} lines that did not fail it
 */
public record CheckResult(String name, int count, String unit, Duration time, String failure, boolean error,
                          List<String> notes) {

    public CheckResult {
        notes = List.copyOf(notes);
    }

    /** A check of change events without notes. */
    public CheckResult(String name, int events, Duration time, String failure, boolean error) {
        this(name, events, "events", time, failure, error, List.of());
    }

    /** How many events it verified (its count, whatever the unit). */
    public int events() {
        return count;
    }

    /** How many notes are warnings. */
    public long warnings() {
        return notes.stream().filter(note -> note.startsWith("WARN")).count();
    }

    public boolean passed() {
        return failure == null;
    }

    /** One line, e.g. {@code PASSED  insert-update-delete   5 events  1.2 s}. */
    public String line() {
        return String.format(Locale.ROOT, "%-7s %-22s %6d %-8s %6.1f s", passed() ? "PASSED" : error ? "ERROR"
                : "FAILED", name, count, unit, time.toMillis() / 1000.0);
    }
}
