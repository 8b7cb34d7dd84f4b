package io.github.cdcverify.cli;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.kafka.KafkaProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** The tutorial's consumer_cdc.py: print change events as they arrive. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Print the change events of a topic as they arrive, until Ctrl+C or "
        + "--max-events.")
final class ConsumeCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--topic", defaultValue = "dbserver1.public.users",
            description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from", defaultValue = "beginning",
            description = "Where to start: beginning or now (default: beginning).")
    StartFrom from;

    @Option(names = "--max-events", description = "Stop after this many events (default: run until Ctrl+C).")
    Long maxEvents;

    @Option(names = "--timeout", converter = Converters.DurationConverter.class,
            description = "Stop after this long, e.g. 30s (default: no limit). With --max-events, fewer events by "
                    + "then is a failure (exit 1).")
    Duration timeout;

    private final PrintStream out;

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "consume-timeout");
            thread.setDaemon(true);
            return thread;
        };
    }

    ConsumeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        KafkaProbe.requireReachable(pipeline.kafka());
        ChangeEventPrinter printer = new ChangeEventPrinter(out);
        AtomicLong printed = new AtomicLong();
        try (ChangeEventConsumer consumer = ChangeEventConsumer.create(pipeline.kafka(), from,
                List.of(topic))) {
            Interruption.onInterrupt(consumer::wakeup);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon());
            if (timeout != null) {
                timer.schedule(consumer::wakeup, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            out.println("Listening to " + topic + " on " + pipeline.kafka().describe() + " (Ctrl+C to stop)...");
            try {
                consumer.forEach(event -> {
                    if (reachedMax(printed.get())) {
                        return; // the rest of the poll that reached --max-events
                    }
                    printer.print(event);
                    if (reachedMax(printed.incrementAndGet())) {
                        consumer.wakeup();
                    }
                });
            } finally {
                timer.shutdownNow();
            }
            out.println("Read " + printed.get() + " events" + (consumer.malformedCount() > 0
                    ? "; skipped " + consumer.malformedCount() + " records that were not change events:" : "."));
            consumer.malformedRecords().forEach(skipped -> out.println("  " + skipped.getMessage()));
        }
        if (Interruption.requested()) {
            return ExitCodes.INTERRUPTED;
        }
        if (maxEvents != null && !reachedMax(printed.get())) {
            out.println("Only " + printed.get() + " of " + maxEvents + " events arrived within " + timeout.toSeconds()
                    + " s.");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private boolean reachedMax(long count) {
        return maxEvents != null && count >= maxEvents;
    }
}
