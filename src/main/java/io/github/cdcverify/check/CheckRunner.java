package io.github.cdcverify.check;

import io.github.cdcverify.stack.CdcStack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs checks one after another, printing one line per check as it finishes. */
public final class CheckRunner {

    private final PrintStream out;

    public CheckRunner(PrintStream out) {
        this.out = out;
    }

    /** Runs every check, whatever the previous ones did; never throws for a failing check. */
    public List<CheckResult> run(CdcStack stack, List<Check> checks) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            CheckResult result = runOne(stack, check);
            out.println(result.line());
            if (!result.passed()) {
                out.println(indent(result.failure()));
            }
            results.add(result);
        }
        return results;
    }

    private static CheckResult runOne(CdcStack stack, Check check) {
        long began = System.nanoTime();
        try {
            int events = check.run(stack);
            return new CheckResult(check.name(), events, since(began), null, false);
        } catch (AssertionError mismatch) {
            return new CheckResult(check.name(), 0, since(began), mismatch.getMessage(), false);
        } catch (Exception | Error e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CheckResult(check.name(), 0, since(began), message, true);
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String indent(String text) {
        return "    " + String.valueOf(text).replace("\n", "\n    ");
    }
}
