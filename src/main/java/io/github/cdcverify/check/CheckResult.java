package io.github.cdcverify.check;

import java.time.Duration;
import java.util.Locale;

/**
 * How one check went.
 *
 * @param failure {@code null} when it passed, else what went wrong (an assertion's message or an error)
 * @param error   whether the check could not run (as opposed to finding a mismatch)
 */
public record CheckResult(String name, int events, Duration time, String failure, boolean error) {

    public boolean passed() {
        return failure == null;
    }

    /** One line, e.g. {@code PASSED  insert-update-delete   5 events  1.2 s}. */
    public String line() {
        return String.format(Locale.ROOT, "%-7s %-22s %6d events %6.1f s", passed() ? "PASSED" : error ? "ERROR"
                : "FAILED", name, events, time.toMillis() / 1000.0);
    }
}
