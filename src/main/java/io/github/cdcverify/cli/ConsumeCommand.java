package io.github.cdcverify.cli;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.KafkaProbe;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEventPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** The tutorial's consumer_cdc.py: print change events as they arrive. */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print the change events of a topic as they arrive, until Ctrl+C or "
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

    private final PrintStream out;

    ConsumeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        KafkaProbe.requireReachable(pipeline.bootstrapServers);
        ChangeEventPrinter printer = new ChangeEventPrinter(out);
        AtomicLong printed = new AtomicLong();
        try (ChangeEventConsumer consumer = ChangeEventConsumer.create(pipeline.bootstrapServers, from,
                List.of(topic))) {
            Interruption.onInterrupt(consumer::wakeup);
            out.println("Listening to " + topic + " on " + pipeline.bootstrapServers + " (Ctrl+C to stop)...");
            consumer.forEach(event -> {
                printer.print(event);
                if (maxEvents != null && printed.incrementAndGet() >= maxEvents) {
                    consumer.wakeup();
                }
            });
            out.println("Read " + printed.get() + " events" + (consumer.malformedCount() > 0
                    ? "; skipped " + consumer.malformedCount() + " records that were not change events:" : "."));
            consumer.malformedRecords().forEach(skipped -> out.println("  " + skipped.getMessage()));
        }
        return Interruption.requested() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }
}
