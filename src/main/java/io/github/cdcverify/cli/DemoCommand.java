package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.scenario.LiveRunTimeoutException;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TutorialSetup;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The whole tutorial in one process: start the pipeline, set it up, write a mix of changes while printing the events
 * as they arrive, then compare what was committed with what was received.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a fresh pipeline, set it up, generate changes for a while "
        + "(default 20s, or until Ctrl+C) while printing events live, then print a summary of committed vs received "
        + "and exit non-zero on any mismatch.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
    private static final double DEFAULT_RATE = 20;
    /** How long to wait, after the last commit, for the last events to arrive. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--quiet", description = "Do not print each event; only the summary.")
    boolean quiet;

    @Option(names = "--stack", description = "embedded, containers or auto (default: cdc.stack / CDC_STACK, else "
            + "auto: containers when a Docker environment answers, else embedded).")
    String stack;

    @Mixin
    ShapeOptions shape;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config = StackConfig.fromSystem();
        try (CdcStack stack = this.stack == null ? config.newStack(shape.resolve(config))
                : config.newStack(this.stack, shape.resolve(config))) {
            out.println("Starting the pipeline...");
            stack.start();
            out.println(stack.describe());
            TutorialSetup setup = new TutorialSetup();
            setup.run(stack.postgres(), new ConnectClient(stack.connectUrl()), out);

            try (LiveRun run = LiveRun.on(stack, TableName.USERS, () -> ChangeEventConsumer.create(stack.kafka(),
                            StartFrom.BEGINNING, List.of(setup.topic())))
                    .withGenerator(ignored -> generator.settings(TableName.USERS, DEFAULT_RATE, DEFAULT_DURATION))
                    .onEvent(printingEvents()).start()) {
                Interruption.onInterrupt(run.writes()::stop);
                run.writes().awaitDone();
                Verdict verdict = awaitCatchUp(run);
                long malformed = run.stream().malformed();
                printSummary(run.writes().lastResult(), verdict, malformed);
                if (Interruption.requested()) {
                    return ExitCodes.INTERRUPTED;
                }
                return verdict.clean() && malformed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    private Consumer<ChangeEvent> printingEvents() {
        ChangeEventPrinter printer = new ChangeEventPrinter(out);
        AtomicBoolean first = new AtomicBoolean(true);
        return event -> {
            if (first.getAndSet(false)) {
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                out.println("First change event received " + sinceStart + " ms after the process started.");
            }
            if (!quiet) {
                printer.print(event);
            }
        };
    }

    /** The verdict once every committed change arrived, or the last one when the catch-up time is over. */
    private static Verdict awaitCatchUp(LiveRun run) {
        try {
            return run.awaitCaughtUp(CATCH_UP_TIMEOUT);
        } catch (LiveRunTimeoutException e) {
            return e.lastVerdict();
        }
    }

    private void printSummary(GeneratorResult result, Verdict verdict, long malformed) {
        out.println();
        out.println("Summary");
        out.println(Summaries.generated(result));
        out.println(verdict.summary());
        if (malformed > 0) {
            out.println("Records that were not change events: " + malformed);
        }
        out.println(verdict.clean() ? "OK: every committed change arrived once, in commit order per key."
                : "MISMATCH: " + verdict.firstProblem());
    }
}
