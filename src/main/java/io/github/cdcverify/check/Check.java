package io.github.cdcverify.check;

import io.github.cdcverify.stack.CdcStack;

/**
 * One verification of a pipeline that cleans up after itself: its own table, connector, slot and publication
 * ({@link io.github.cdcverify.setup.CapturedTable}), removed afterwards even when it fails.
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
}
