package io.github.cdcverify.cli;

import io.github.cdcverify.connect.Secrets;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BooleanSupplier;

/**
 * Prints a failed command's error as one paragraph that says what was wrong and how to fix it; the stack trace only
 * with {@code --verbose}. Exit code {@link ExitCodes#ERROR}. Usage errors as picocli prints them, exit code
 * {@link ExitCodes#USAGE}. Both with secrets masked ({@link Secrets#redact}): messages echo what the user typed, and
 * a URL may carry a password ({@code Unknown options: '--conect-url', 'http://admin:pw@connect:8083'}).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final PrintStream err;
    private final BooleanSupplier verbose;

    ErrorReporter(PrintStream err, BooleanSupplier verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        err.println("Error: " + Secrets.redact(message(e)));
        if (verbose.getAsBoolean()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
        } else if (!isOurs(e) && !(e instanceof IllegalArgumentException)) {
            err.println("(Run again with --verbose to see the stack trace.)");
        }
        return ExitCodes.ERROR;
    }

    /** What picocli's own handler does, with the message redacted; its suggestions name options only. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter writer = commandLine.getErr();
        writer.println(commandLine.getColorScheme().errorText(Secrets.redact(e.getMessage())));
        if (!UnmatchedArgumentException.printSuggestions(e, writer)) {
            commandLine.usage(writer, commandLine.getColorScheme());
        }
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
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
