package io.github.cdcverify.check;

import io.github.cdcverify.stack.CdcStack;

import java.util.List;

/**
 * One verification of a pipeline that cleans up after itself: its own table, connector, slot and publication
 * ({@link io.github.cdcverify.scenario.CapturedTable}), removed afterwards even when it fails.
 */
public interface Check {

    /** A short, stable name, e.g. {@code insert-update-delete}. */
    String name();

    /**
     * Runs the check.
     *
     * @return passed or failed, with how many of {@link #unit()} it verified, or could not check
     * @throws AssertionError when the pipeline did not deliver what was written (an assertion's way to fail)
     * @throws Exception      when the check could not run (the message says why)
     */
    CheckOutcome run(CdcStack stack) throws Exception;

    /** What {@link #run} counts, for the result line: {@code events} unless the check counts something else. */
    default String unit() {
        return "events";
    }

    /**
     * What the last run compared beyond its count, shown on its result line (e.g. {@code 2 tables, 7 events, 0 keys
     * re-checked}); empty when the count says it all.
     */
    default String compared() {
        return "";
    }

    /**
     * What the last run found worth saying that does not fail it by itself: lines starting with {@code WARN}
     * (advice; {@code --fail-on-warnings} makes it fail the check), {@code LOSES DATA}, {@code ACCEPTED} or
     * {@code INFO}.
     */
    default List<String> notes() {
        return List.of();
    }
}
