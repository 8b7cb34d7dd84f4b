package io.github.cdcverify.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How one check went.
 *
 * @param count    how many of {@code unit} it verified
 * @param unit     what it counts, e.g. {@code events}
 * @param failure  {@code null} when it passed, else what went wrong (an assertion's message or an error)
 * @param error    whether the check could not judge the pipeline (as opposed to finding it wrong)
 * @param notes    {@code WARN ...} and {@code INFO ...} lines that did not fail it
 * @param compared what it compared beyond its count, e.g. {@code 2 tables, 7 events}; empty when the count says it
 */
public record CheckResult(String name, int count, String unit, Duration time, String failure, boolean error,
                          List<String> notes, String compared) {

    public CheckResult {
        notes = List.copyOf(notes);
        compared = compared == null ? "" : compared;
    }

    /** A result whose count says all it compared. */
    public CheckResult(String name, int count, String unit, Duration time, String failure, boolean error,
                       List<String> notes) {
        this(name, count, unit, time, failure, error, notes, "");
    }

    /** A check of change events without notes. */
    public CheckResult(String name, int events, Duration time, String failure, boolean error) {
        this(name, events, "events", time, failure, error, List.of());
    }

    /** How many events it verified (its count, whatever the unit). */
    public int events() {
        return count;
    }

    /** How many notes are warnings (advice). */
    public long warnings() {
        return notes.stream().filter(note -> note.startsWith("WARN")).count();
    }

    public boolean passed() {
        return failure == null;
    }

    /** Whether it judged the pipeline wrong: failed, as opposed to passed or could not check. */
    public boolean failed() {
        return failure != null && !error;
    }

    /** {@code PASSED}, {@code FAILED} or {@code ERROR} (could not check). */
    public String status() {
        return passed() ? "PASSED" : error ? "ERROR" : "FAILED";
    }

    /** One line, e.g. {@code PASSED  data   3 rows  1.2 s  (1 table, 7 events, 0 keys re-checked)}. */
    public String line() {
        return String.format(Locale.ROOT, "%-7s %-22s %6d %-8s %6.1f s", status(), name, count, unit,
                time.toMillis() / 1000.0) + (compared.isEmpty() ? "" : "  (" + compared + ")");
    }
}
