package io.github.cdcverify.cli;

import io.github.cdcverify.check.BuiltInChecks;
import io.github.cdcverify.check.Check;
import io.github.cdcverify.check.CheckResult;
import io.github.cdcverify.check.CheckRunner;
import io.github.cdcverify.check.ClusterShape;
import io.github.cdcverify.check.JUnitXmlReport;
import io.github.cdcverify.check.deployed.DeployedChecks;
import io.github.cdcverify.check.soak.Soak;
import io.github.cdcverify.check.soak.SoakResult;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.kafka.KafkaProbe;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** Checks a pipeline, by default one that already runs, without harming it. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a pipeline: the snapshot, every op's envelope and a generated mix of changes that must "
                + "arrive exactly. Each check uses its own table, connector, slot and publication and removes them "
                + "afterwards. Prints one line per check; exits 1 if any fails, 3 if the pipeline cannot be checked.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--stack", defaultValue = "external",
            description = "external (the pipeline at the endpoint options; default), embedded, containers or auto "
                    + "(a fresh pipeline of that kind). With --connector-config: embedded (default) or containers.")
    String stack;

    @Mixin
    ShapeOptions shape;

    /** The smallest mix the ordering check runs. */
    static final int MIN_CHANGES = BuiltInChecks.MIN_CHANGES;

    /** Changes in the built-in ordering check's mix when {@code --changes} is not given. */
    static final int DEFAULT_CHANGES = 1000;

    @Option(names = "--changes", converter = ChangesConverter.class,
            description = "Changes in the generated mix, at least " + MIN_CHANGES + " (default: " + DEFAULT_CHANGES
                    + "; with --probe-table 200; with --connector-config 100 per captured table).")
    Integer changes;

    /** A count below the minimum is a usage error (exit 2) rather than silently raised to it. */
    static final class ChangesConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int count;
            try {
                count = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (count < MIN_CHANGES) {
                throw new TypeConversionException(count + " is below the minimum of " + MIN_CHANGES + " changes");
            }
            return count;
        }
    }

    @Mixin
    SoakOptions soak;

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "Also write the results as JUnit XML.")
    Path junitXml;

    @Option(names = "--connector", paramLabel = "NAME",
            description = "Check this deployed connector instead of running the built-in checks: its status and "
                    + "the settings and catalog facts that lose or change data (WARN lines), and whether each "
                    + "captured table's topic equals the table. Only reads (unless --probe-table): nothing is "
                    + "written to the database or the cluster.")
    String connector;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE",
            description = "With --connector: look only at this captured table (repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--probe-table", paramLabel = "SCHEMA.TABLE",
            description = "With --connector: also write a generated mix of --changes inserts, updates and deletes "
                    + "to this empty table, which the connector captures and you set aside for it, and check that "
                    + "every change reaches its topic as written, per key in commit order. Deletes its rows "
                    + "afterwards; writes nothing else.")
    String probeTable;

    @Option(names = "--accept", paramLabel = "SETTING",
            description = "With --connector: accept a finding that loses or changes data on purpose, by the name "
                    + "its failure gives (e.g. column.exclude.list for a PII column left out; repeatable). It is "
                    + "shown as ACCEPTED and does not fail, and the data check does not compare what it explains.")
    List<String> accepted = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "SCHEMA.TABLE=TOPIC",
            description = "With --connector: the topic that holds this table's events (repeatable), where the "
                    + "connector's topic names cannot be derived from its settings (a custom routing transform, a "
                    + "naming strategy of its own).")
    Map<String, String> topics = new LinkedHashMap<>();

    @Option(names = "--resnapshot",
            description = "With --connector: first have the connector re-read every captured table (Debezium's "
                    + "execute-snapshot signal, an incremental snapshot, through its signal.data.collection table "
                    + "or Kafka signal topic), so that every row is compared even where retention deleted the "
                    + "topics' history. The signal is the only write; consumers of the topics see op=r events for "
                    + "every row. The wait is bounded by 10 times --settle.")
    boolean resnapshot;

    @Option(names = "--min-coverage", paramLabel = "PCT", converter = Converters.PercentConverter.class,
            description = "With --connector: the share of each table's rows, in percent, that its topic must still "
                    + "prove (default 0). Where retention deleted a topic's earliest events, rows not changed since "
                    + "are not verifiable; fewer compared rows than this fail the data check.")
    Double minCoverage;

    @Option(names = "--fail-on-warnings",
            description = "With --connector: advice (WARN findings) fails its check too. Findings that lose or "
                    + "change data fail without it.")
    boolean failOnWarnings;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.SettleConverter.class,
            description = "With --connector: how long a table and its topic may take to agree (the connector "
                    + "catching up on a busy table) before a difference is reported (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Mixin
    PreDeployOptions preDeploy;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, SQLException {
        if (preDeploy.requested()) {
            return preDeploy.run(this);
        }
        if (connector == null && (!tables.isEmpty() || failOnWarnings || !accepted.isEmpty()
                || minCoverage != null || !topics.isEmpty() || resnapshot)) {
            throw new ParameterException(spec.commandLine(), "--table, --topic, --accept, --min-coverage, "
                    + "--resnapshot and --fail-on-warnings apply to a deployed connector: add --connector NAME.");
        }
        if (!soak.problems().isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(" ", soak.problems()));
        }
        if (connector != null && soak.requested()) {
            throw new ParameterException(spec.commandLine(), "--soak writes to a table of its own with a temporary "
                    + "connector and cannot be combined with --connector, which only reads: drop one of them.");
        }
        if (connector == null && probeTable != null) {
            throw new ParameterException(spec.commandLine(), "--probe-table writes through a deployed connector: "
                    + "add --connector NAME.");
        }
        TableName probe = probeTable == null ? null : probeTableName();
        if (connector != null && !"external".equalsIgnoreCase(stack)) {
            throw new ParameterException(spec.commandLine(), "--connector checks a connector that already runs on "
                    + "your pipeline: use it with --stack external (the default) and the endpoint options.");
        }
        try (CdcStack pipeline = newStack()) {
            pipeline.start();
            out.println(pipeline.describe());
            if (connector == null) {
                ExternalStack.temporaryConnectorWarnings(pipeline).forEach(out::println);
            }
            warnAboutInactiveSlots(pipeline);
            // Refused logins and unreachable brokers end the command here, instead of as "no events" in every check.
            KafkaProbe.requireReachable(pipeline.kafka());
            // Likewise Connect: otherwise each check would fail on its own, and its clean-up with it.
            new ConnectClient(pipeline.connectUrl()).connectors();
            if (soak.requested()) {
                return soak(pipeline);
            }
            List<Check> checks;
            if (connector == null) {
                ClusterShape.notes(pipeline).forEach(out::println);
                checks = BuiltInChecks.all(changes == null ? DEFAULT_CHANGES : changes);
            } else {
                DeployedChecks deployed = DeployedChecks.forConnector(connector)
                        .withTables(tables.stream().map(TableName::parse).toList()).withSettle(settle)
                        .accepting(Set.copyOf(accepted)).withMinCoverage(minCoverage == null ? 0 : minCoverage).withTopics(namedTopics())
                        .withResnapshot(resnapshot);
                if (resnapshot) {
                    out.println("--resnapshot: the data check first has connector " + connector + " re-read every "
                            + "captured table (an incremental snapshot): consumers of its topics will see op=r "
                            + "events for every row.");
                }
                if (probe != null) {
                    deployed.withProbe(probe, changes == null ? DeployedChecks.defaultProbeChanges() : changes);
                }
                checks = deployed.checks();
            }
            List<CheckResult> results = new CheckRunner(out).failingOnWarnings(failOnWarnings).run(pipeline, checks);
            if (junitXml != null) {
                JUnitXmlReport.write(junitXml, "cdc-verify", results);
                out.println("JUnit XML written to " + junitXml);
            }
            out.println(verdict(results));
            return exitCode(results);
        }
    }

    PrintStream out() {
        return out;
    }

    /** E.g. {@code 1 of 3 checks failed; 1 could not check the pipeline.} */
    static String verdict(List<CheckResult> results) {
        long failed = results.stream().filter(CheckResult::failed).count();
        long errors = results.stream().filter(CheckResult::error).count();
        if (failed == 0 && errors == 0) {
            return "All " + results.size() + " checks passed.";
        }
        String could = errors + " of " + results.size() + " checks could not check the pipeline (ERROR)";
        return failed == 0 ? could + "." : failed + " of " + results.size() + " checks failed"
                + (errors == 0 ? "." : "; " + could + ".");
    }

    /** 1 when a check found the pipeline wrong (a certain defect outranks an unfinished check), else 3 or 0. */
    static int exitCode(List<CheckResult> results) {
        if (results.stream().anyMatch(CheckResult::failed)) {
            return ExitCodes.FAILED;
        }
        return results.stream().anyMatch(CheckResult::error) ? ExitCodes.ERROR : ExitCodes.OK;
    }

    private Map<TableName, String> namedTopics() {
        Map<TableName, String> named = new LinkedHashMap<>();
        topics.forEach((table, topic) -> {
            try {
                named.put(TableName.parse(table), topic.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--topic " + table + "=" + topic + ": "
                        + e.getMessage());
            }
        });
        return named;
    }

    private TableName probeTableName() {
        try {
            return TableName.parse(probeTable);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--probe-table: " + e.getMessage());
        }
    }

    private int soak(CdcStack pipeline) throws IOException {
        ClusterShape.notes(pipeline).forEach(out::println);
        Soak run = soak.soak().withOut(out);
        Interruption.onInterrupt(run::stop);
        SoakResult result = run.run(pipeline);
        out.println(result.summary());
        if (junitXml != null) {
            JUnitXmlReport.write(junitXml, "cdc-verify", List.of(result.asCheckResult()));
            out.println("JUnit XML written to " + junitXml);
        }
        if (!result.passed()) {
            return ExitCodes.FAILED;
        }
        if (result.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        // Passed, but something is left behind (a slot holds WAL): CI must notice, without calling the pipeline wrong.
        return result.cleanupFailure() == null ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private CdcStack newStack() {
        if ("external".equalsIgnoreCase(stack)) {
            return new ExternalStack(database.endpoint(), pipeline.kafka(), pipeline.connectUrl);
        }
        StackConfig config = StackConfig.fromSystem();
        return config.newStack(stack, shape.resolve(config));
    }

    /** Also the first contact with PostgreSQL: an unreachable database ends the command with its reason. */
    private void warnAboutInactiveSlots(CdcStack pipeline) {
        try (Connection connection = PostgresConnections.open(pipeline.postgres())) {
            ReplicationSlots.inactiveSlotWarnings(connection).forEach(out::println);
        } catch (SQLException e) {
            out.println("Warning: could not list replication slots: " + e.getMessage());
        }
    }
}
