package io.github.cdcverify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code cdc-verify} command line: runs the tutorial's flow and checks a pipeline. */
@Command(name = "cdc-verify", mixinStandardHelpOptions = true, version = "cdc-verify 0.1.0",
        description = "Prove a PostgreSQL -> Debezium -> Kafka change data capture pipeline correct.",
        subcommandsRepeatable = false)
public final class CdcVerifyCli {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    private CdcVerifyCli() {
    }

    public static void main(String[] args) {
        Interruption.install();
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with the given streams; returns the exit code instead of exiting. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        // picocli answers an unknown option or a bad value with the usage and ExitCodes.USAGE (2) by itself.
        return commandLine(out, err).execute(args);
    }

    /** Every command and option as the command line parses them: also what docs/commands.md is checked against. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CdcVerifyCli root = new CdcVerifyCli();
        ErrorReporter errors = new ErrorReporter(err, () -> root.verbose);
        return new CommandLine(root)
                .addSubcommand(new UpCommand(out))
                .addSubcommand(new SetupCommand(out))
                .addSubcommand(new ConsumeCommand(out))
                .addSubcommand(new GenerateCommand(out))
                .addSubcommand(new DemoCommand(out))
                .addSubcommand(new VerifyCommand(out))
                .addSubcommand(new BenchCommand(out))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
