package io.github.cdcverify.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * Prints a failed command's error as one paragraph that says what was wrong and how to fix it; the stack trace only
 * with {@code --verbose}. Exit code {@link ExitCodes#ERROR}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final PrintStream err;
    private final BooleanSupplier verbose;

    ErrorReporter(PrintStream err, BooleanSupplier verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        err.println("Error: " + message(e));
        if (verbose.getAsBoolean()) {
            e.printStackTrace(err);
        } else if (!isOurs(e) && !(e instanceof IllegalArgumentException)) {
            err.println("(Run again with --verbose to see the stack trace.)");
        }
        return ExitCodes.ERROR;
    }

    /** Our exceptions already carry a complete message; others get their type added so they stay recognisable. */
    private static String message(Throwable e) {
        if (isOurs(e) || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static boolean isOurs(Throwable e) {
        return e.getClass().getPackageName().startsWith("io.github.cdcverify");
    }
}
