package io.github.cdcverify.check;

import io.github.cdcverify.stack.CdcStack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs checks one after another, printing one line per check as it finishes. */
public final class CheckRunner {

    private final PrintStream out;
    private boolean failOnWarnings;

    public CheckRunner(PrintStream out) {
        this.out = out;
    }

    /** Makes a check that passed with advice ({@code WARN} notes) fail. */
    public CheckRunner failingOnWarnings(boolean fail) {
        this.failOnWarnings = fail;
        return this;
    }

    /** Runs every check, whatever the previous ones did; never throws for a failing check. */
    public List<CheckResult> run(CdcStack stack, List<Check> checks) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            CheckResult result = runOne(stack, check);
            out.println(result.line());
            result.notes().forEach(note -> out.println("    " + note));
            if (!result.passed()) {
                out.println(indent(result.failure()));
            }
            results.add(result);
        }
        return results;
    }

    private CheckResult runOne(CdcStack stack, Check check) {
        long began = System.nanoTime();
        CheckOutcome outcome = outcomeOf(stack, check);
        List<String> notes = check.notes();
        long warnings = notes.stream().filter(note -> note.startsWith("WARN")).count();
        if (outcome instanceof CheckOutcome.Passed && failOnWarnings && warnings > 0) {
            outcome = CheckOutcome.failed(warnings + " warning" + (warnings == 1 ? "" : "s") + " (see above), and "
                    + "--fail-on-warnings makes warnings fail", outcome.count());
        }
        String failure = outcome instanceof CheckOutcome.Failed failed ? failed.message()
                : outcome instanceof CheckOutcome.CouldNotCheck error ? error.message() : null;
        return new CheckResult(check.name(), outcome.count(), check.unit(), since(began), failure,
                outcome instanceof CheckOutcome.CouldNotCheck, notes, check.compared());
    }

    /** What the check returned, or what it threw as an outcome: an assertion fails, anything else could not check. */
    private static CheckOutcome outcomeOf(CdcStack stack, Check check) {
        try {
            return check.run(stack);
        } catch (AssertionError mismatch) {
            return CheckOutcome.failed(withSuppressed(mismatch.getMessage(), mismatch), 0);
        } catch (Exception | Error e) {
            return new CheckOutcome.CouldNotCheck(withSuppressed(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), e));
        }
    }

    /** A clean-up that failed after the check failed is a suppressed exception: it must be seen too. */
    private static String withSuppressed(String message, Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Throwable suppressed : failure.getSuppressed()) {
            text.append(System.lineSeparator()).append("Also: ").append(suppressed.getMessage());
        }
        return text.toString();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String indent(String text) {
        return "    " + String.valueOf(text).replace("\n", "\n    ");
    }
}
