package io.github.cdcverify.cli;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TutorialSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** The tutorial's setup.py: table, seed rows, connector, status. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create the users table with three rows (only if empty), register the Debezium "
        + "connector and wait until it is RUNNING.")
final class SetupCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--table", defaultValue = "public.users", converter = Converters.TableNameConverter.class,
            description = "Table (default: ${DEFAULT-VALUE}).")
    TableName table;

    @Option(names = "--connector", defaultValue = TutorialSetup.CONNECTOR,
            description = "Connector name (default: ${DEFAULT-VALUE}).")
    String connector;

    @Option(names = "--topic-prefix", defaultValue = "dbserver1",
            description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    private final PrintStream out;

    SetupCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        new TutorialSetup().withTable(table).withConnectorName(connector).withTopicPrefix(topicPrefix)
                .run(database.endpoint(), new ConnectClient(pipeline.connectUrl), out);
        return ExitCodes.OK;
    }
}
