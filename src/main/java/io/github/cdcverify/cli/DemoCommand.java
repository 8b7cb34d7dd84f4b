package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.GeneratorResult;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TutorialSetup;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.verify.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

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
    TopologyOptions shape;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        StackConfig config = StackConfig.fromSystem();
        try (CdcStack stack = this.stack == null ? config.newStack(shape.topology(config))
                : config.newStack(this.stack, shape.topology(config))) {
            out.println("Starting the pipeline...");
            stack.start();
            out.println(stack.describe());
            TutorialSetup setup = new TutorialSetup();
            setup.run(stack.postgres(), new ConnectClient(stack.connectUrl()), out);

            List<ChangeEvent> received = new ArrayList<>();
            try (ChangeEventConsumer consumer = ChangeEventConsumer.create(stack.kafka(),
                    StartFrom.BEGINNING, List.of(setup.topic()))) {
                Thread reader = startReader(consumer, received);
                Ledger ledger = new Ledger();
                GeneratorResult result = generate(stack.postgres(), ledger);
                Verdict verdict = awaitCatchUp(ledger, received);
                consumer.wakeup();
                reader.join(Duration.ofSeconds(10).toMillis());
                printSummary(result, verdict, consumer.malformedCount());
                if (Interruption.requested()) {
                    return ExitCodes.INTERRUPTED;
                }
                return verdict.clean() && consumer.malformedCount() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    private Thread startReader(ChangeEventConsumer consumer, List<ChangeEvent> received) {
        ChangeEventPrinter printer = new ChangeEventPrinter(out);
        Thread reader = new Thread(() -> consumer.forEach(event -> {
            if (received.isEmpty()) {
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                out.println("First change event received " + sinceStart + " ms after the process started.");
            }
            if (!quiet) {
                printer.print(event);
            }
            synchronized (received) {
                received.add(event);
            }
        }), "demo-consumer");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private GeneratorResult generate(PostgresEndpoint pg, Ledger ledger) {
        Generator run = new Generator(pg.jdbcUrl(), pg.user(), pg.password(),
                generator.settings(TableName.USERS, DEFAULT_RATE, DEFAULT_DURATION), ledger);
        Interruption.onInterrupt(run::stop);
        return run.run();
    }

    /** Waits until every committed change has arrived, or the catch-up time is over; returns the last verdict. */
    private static Verdict awaitCatchUp(Ledger ledger, List<ChangeEvent> received) {
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        while (true) {
            Verdict verdict;
            synchronized (received) {
                verdict = Verdict.compare(ledger, List.copyOf(received));
            }
            if (verdict.clean() || Instant.now().isAfter(deadline)) {
                return verdict;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
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
