package io.github.cdcverify.cli;

import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.stack.RunningStack;
import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.stack.TutorialDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Starts the embedded pipeline on the tutorial's ports and keeps it running until Ctrl+C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded pipeline (PostgreSQL, Kafka, Kafka Connect with Debezium) "
        + "on the tutorial's ports and keep it running until Ctrl+C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--postgres-port", defaultValue = "" + TutorialDefaults.DB_PORT,
            description = "PostgreSQL port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int postgresPort;

    @Option(names = "--kafka-port", defaultValue = "" + TutorialDefaults.KAFKA_PORT,
            description = "Kafka port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int kafkaPort;

    @Option(names = "--connect-port", defaultValue = "" + TutorialDefaults.CONNECT_PORT,
            description = "Kafka Connect REST port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int connectPort;

    @Option(names = "--db-name", defaultValue = TutorialDefaults.DB_NAME, description = "Database to create (default: "
            + "${DEFAULT-VALUE}).")
    String database;

    @Mixin
    ShapeOptions shape;

    private final PrintStream out;

    UpCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        RunningStack running = RunningStack.of(StackConfig.fromSystem());
        try (EmbeddedStack stack = new EmbeddedStack().withPostgresPort(postgresPort).withKafkaPort(kafkaPort)
                .withConnectPort(connectPort).withDatabase(database)
                .withShape(shape.resolve(StackConfig.fromSystem()))) {
            Interruption.onInterrupt(stopped::countDown);
            stack.start();
            running.record(stack);
            out.println(stack.describe());
            out.println("The pipeline is running. In another terminal: cdc-verify setup, cdc-verify consume, "
                    + "cdc-verify generate. Test runs and scenarios started from your IDE attach to it (found through "
                    + running.file() + "). Ctrl+C stops it and removes its data.");
            stopped.await();
        } finally {
            running.forget();
        }
        return ExitCodes.INTERRUPTED;
    }
}
