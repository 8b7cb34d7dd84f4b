package io.github.cdcverify.cli;

import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.PostgresEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/** The tutorial's generate_data.py, with updates and deletes too. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write random users (inserts, updates, deletes) until Ctrl+C, --count or "
        + "--duration; print what was committed.")
final class GenerateCommand implements Callable<Integer> {

    /** Runs until stopped, like the tutorial's script. */
    private static final Duration UNTIL_STOPPED = Duration.ofDays(365);

    @Mixin
    DatabaseOptions database;

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--table", defaultValue = "public.users", converter = Converters.TableNameConverter.class,
            description = "Table (default: ${DEFAULT-VALUE}).")
    TableName table;

    private final PrintStream out;

    GenerateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        PostgresEndpoint pg = database.endpoint();
        Generator run = new Generator(pg, generator.settings(table, 2.0, UNTIL_STOPPED), new Ledger());
        Interruption.onInterrupt(run::stop);
        out.println("Writing to " + table + " at " + pg.host() + ":" + pg.port() + " (Ctrl+C to stop)...");
        GeneratorResult result = run.run();
        out.println(Summaries.generated(result));
        return Interruption.requested() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }
}
