package io.github.cdcverify.cli;

import io.github.cdcverify.check.CheckResult;
import io.github.cdcverify.check.JUnitXmlReport;
import io.github.cdcverify.check.predeploy.FreshPipelineRun;
import io.github.cdcverify.connect.ConnectorConfigFile;
import io.github.cdcverify.generate.Workload;
import io.github.cdcverify.setup.SchemaFiles;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.StackConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * {@code verify --connector-config FILE --schema PATH}: the user's connector configuration and schema tested on a
 * fresh pipeline ({@link FreshPipelineRun}), kept out of {@link VerifyCommand} but for the dispatch.
 */
final class PreDeployOptions {

    @Option(names = "--connector-config", paramLabel = "FILE",
            description = "Test this connector configuration (the JSON you PUT to /connectors/NAME/config or POST to "
                    + "/connectors) before you deploy it, on a fresh pipeline (--stack embedded, the default here, or "
                    + "containers) with the schema of --schema: seed rows, the connector registered as written "
                    + "(only database.hostname/port/dbname/user/password/sslmode replaced, and listed), a mix of "
                    + "changes with a ledger, then the --connector checks plus an exact comparison per table.")
    Path connectorConfig;

    @Option(names = "--schema", paramLabel = "PATH",
            description = "With --connector-config: a .sql file, or a folder of migrations applied in Flyway's "
                    + "order (V<version>__*.sql by version, then other .sql files by name).")
    Path schema;

    @Option(names = "--rows", paramLabel = "N",
            description = "With --connector-config: rows written into each captured table before the connector "
                    + "starts, for its snapshot (default: " + FreshPipelineRun.DEFAULT_ROWS + ").")
    Integer rows;

    @Option(names = "--workload", paramLabel = "FILE.sql",
            description = "With --connector-config: your own writes instead of the generated mix on the tables they "
                    + "change (e.g. tables the generator cannot fill). The statements run in order, again and again "
                    + "until --changes changes were made; each is a transaction unless grouped by BEGIN ... COMMIT, "
                    + "and each transaction's effect, read back from the tables, goes into the ledger.")
    Path workload;

    boolean requested() {
        return connectorConfig != null || schema != null || rows != null || workload != null;
    }

    int run(VerifyCommand command) throws IOException, SQLException {
        ParameterException usage = usageProblem(command);
        if (usage != null) {
            throw usage;
        }
        ConnectorConfigFile config;
        SchemaFiles files;
        Workload script;
        try {
            config = ConnectorConfigFile.read(connectorConfig);
            files = SchemaFiles.of(schema);
            script = workload == null ? null : Workload.read(workload);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.spec.commandLine(), e.getMessage());
        }
        String kind = command.spec.commandLine().getParseResult().hasMatchedOption("--stack")
                ? command.stack.toLowerCase(Locale.ROOT) : "embedded";
        StackConfig stackConfig = StackConfig.fromSystem();
        try (CdcStack pipeline = stackConfig.newStack(kind, command.shape.resolve(stackConfig))) {
            pipeline.start();
            command.out().println(pipeline.describe());
            List<CheckResult> results = FreshPipelineRun.of(config, files).withRows(rows == null
                            ? FreshPipelineRun.DEFAULT_ROWS : rows)
                    .withChanges(command.changes == null ? FreshPipelineRun.DEFAULT_CHANGES : command.changes)
                    .withSettle(command.settle).withWorkload(script).withOut(command.out()).run(pipeline);
            if (command.junitXml != null) {
                JUnitXmlReport.write(command.junitXml, "cdc-verify", results);
                command.out().println("JUnit XML written to " + command.junitXml);
            }
            command.out().println(VerifyCommand.verdict(results));
            return VerifyCommand.exitCode(results);
        }
    }

    private ParameterException usageProblem(VerifyCommand command) {
        String problem = null;
        if (connectorConfig == null || schema == null) {
            problem = "--connector-config FILE and --schema PATH go together: the connector's configuration and the "
                    + "schema of the tables it captures (a .sql file or a folder of migrations).";
        } else if (rows != null && rows < 1) {
            problem = "--rows must be 1 or more, not " + rows + ".";
        } else if (command.connector != null || command.probeTable != null || command.soak.requested()
                || !command.tables.isEmpty() || !command.topics.isEmpty() || !command.accepted.isEmpty()
                || command.resnapshot || command.minCoverage != null) {
            problem = "--connector-config tests a configuration on a fresh pipeline of its own; --connector, "
                    + "--probe-table, --soak, --table, --topic, --accept, --resnapshot and --min-coverage belong "
                    + "to other modes of verify: drop them.";
        } else if (command.spec.commandLine().getParseResult().hasMatchedOption("--stack")
                && !List.of("embedded", "containers").contains(command.stack.toLowerCase(Locale.ROOT))) {
            problem = "--connector-config runs on a fresh pipeline: use --stack embedded (the default here) or "
                    + "--stack containers. It writes seed rows and a mix of changes into the schema's tables, so it "
                    + "never runs on an existing pipeline (--stack " + command.stack + ").";
        }
        return problem == null ? null : new ParameterException(command.spec.commandLine(), problem);
    }
}
