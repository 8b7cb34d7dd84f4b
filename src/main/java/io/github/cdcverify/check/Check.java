package io.github.cdcverify.check;

import io.github.cdcverify.stack.CdcStack;

import java.util.List;

/**
 * One verification of a pipeline that cleans up after itself: its own table, connector, slot and publication
 * ({@link io.github.cdcverify.harness.CapturedTable}), removed afterwards even when it fails.
 */
public interface Check {

    /** A short, stable name, e.g. {@code insert-update-delete}. */
    String name();

    /**
     * Runs the check.
     *
     * @return how many change events it verified
     * @throws AssertionError when the pipeline did not deliver what was written
     * @throws Exception      when the check could not run (the message says why)
     */
    int run(CdcStack stack) throws Exception;

    /** What {@link #run} counts, for the result line: {@code events} unless the check counts something else. */
    default String unit() {
        return "events";
    }

    /**
     * What the last run found worth saying that does not fail it by itself: lines starting with {@code WARN}
     * (something that loses or changes data; {@code --fail-on-warnings} makes them fail the check) or {@code INFO}.
     */
    default List<String> notes() {
        return List.of();
    }
}
