package io.github.cdcverify.suite;

import io.github.cdcverify.stack.CdcStack;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Scenarios that stop, crash or read the insides of the pipeline need a stack the run started itself. A run attached
 * to {@code cdc-verify up} (see {@code RunningStack}) skips them, saying why; CI never attaches.
 */
public final class OwnStack {

    private OwnStack() {
    }

    /** Skips the calling test when the run's stack is one it attached to, naming what the test needs. */
    public static void assume(CdcStack stack, String needs) {
        assumeFalse(stack.kind().equals("external"), "this scenario " + needs + ", which the pipeline this run "
                + "attached to does not allow; -Dcdc.attach=false runs it on a stack of its own");
    }
}
