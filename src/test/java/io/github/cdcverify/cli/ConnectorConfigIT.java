package io.github.cdcverify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.stack.StackConfig;
import io.github.cdcverify.stack.plugin.DropUpdatesOfTable;
import io.github.cdcverify.stack.plugin.PluginJar;
import io.github.cdcverify.suite.PreDeployFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --connector-config FILE --schema PATH} on a fresh pipeline per run: the user's configuration and
 * migrations of four related tables (a composite key, single- and two-column foreign keys) pass as written, and each change that loses or changes data fails naming the
 * table (and key and column where there is one). Runs on the stack kind and shape of the build's properties
 * ({@code cdc.stack}, {@code cdc.brokers}, ...).
 */
class ConnectorConfigIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theShopConfigurationAndItsMigrationsPass() throws Exception {
        CliRun run = verify(fixture("shop-connector.json"), fixture("migrations"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("replaced for the fresh pipeline: database.hostname, database.port, "
                        + "database.dbname, database.user, database.password")
                .contains("PASSED  changes public.customers").contains("PASSED  changes public.orders")
                .contains("PASSED  changes public.order_lines").contains("PASSED  changes public.shipments")
                .doesNotContain("postgres.properties");
    }

    @Test
    void skippedUpdatesFailNamingTheTable() throws Exception {
        CliRun run = verifyBroken(variant(Map.of("skipped.operations", "u")), fixture("migrations"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern("FAILED +changes public\\.(customers|orders|order_lines)")
                .contains("lost (");
    }

    @Test
    void anExcludedColumnFailsNamingTableAndColumn() throws Exception {
        CliRun run = verifyBroken(variant(Map.of("column.exclude.list", "public.orders.details")), fixture("migrations"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("LOSES DATA column.exclude.list=public.orders.details")
                .containsPattern("FAILED +changes public\\.orders")
                .containsPattern("public\\.orders key \\(id=\\d+\\) column details in its (create|update): "
                        + "written '.*' but received no such column");
    }

    @Test
    void doubleDecimalsOnAWideNumericFailNamingTableKeyAndColumn() throws Exception {
        CliRun run = verifyBroken(variant(Map.of("decimal.handling.mode", "double")), fixture("migrations"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern("public\\.order_lines key \\(order_id=\\d+, line_no=\\d+\\) column "
                + "unit_price");
    }

    @Test
    void anSmtFromAPluginJarThatDropsUpdatesFailsNamingTableKeyAndTheLostChanges() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.withTransformation(plugins.resolve("drop-updates-smt.jar"), DropUpdatesOfTable.class);
        Path config = variant(Map.of("transforms", "dropUpdates",
                "transforms.dropUpdates.type", DropUpdatesOfTable.class.getName(),
                "transforms.dropUpdates.table", "orders"));

        CliRun run;
        try {
            run = verify(config, fixture("migrations"), "5s", "--plugin-path", plugins.toString());
        } finally {
            System.clearProperty(StackConfig.PLUGIN_PATH); // --plugin-path sets it for the process
        }

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern("FAILED +changes public\\.orders")
                .containsPattern("lost \\(\\d+ of \\d+\\): public\\.orders key \\(id=\\d+\\) update \\(change #\\d+\\)")
                .containsPattern("PASSED +changes public\\.customers");
    }

    @Test
    void aSchemaErrorStopsWithFileAndLine() throws Exception {
        CliRun run = verify(fixture("shop-connector.json"), fixture("broken"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("V2__broken.sql, line 5").contains("type \"nmeric\" does not exist");
    }

    @Test
    void aCheckConstraintTheGeneratorCannotMeetIsNamed() throws Exception {
        CliRun run = verifyBroken(fixture("vouchers-connector.json"), fixture("unsatisfiable.sql"));

        assertThat(run.exitCode()).as(run.all()).isNotZero();
        assertThat(run.out()).contains("Could not fill public.vouchers")
                .contains("voucher_code_format");
    }

    @Test
    void aWorkloadCoversTheTableTheGeneratorCannotFill() throws Exception {
        CliRun run = verify(fixture("vouchers-connector.json"), fixture("unsatisfiable.sql"), "20s", "--workload",
                fixture("vouchers-workload.sql").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Could not fill public.vouchers")
                .containsPattern("Workload vouchers-workload.sql ran \\d+ time\\(s\\): public.vouchers \\d+ changes")
                .containsPattern("PASSED +changes public\\.vouchers");
    }

    @Test
    void aBadWorkloadStatementStopsWithFileLineAndPostgresMessage() throws Exception {
        CliRun run = verify(fixture("vouchers-connector.json"), fixture("unsatisfiable.sql"), "5s", "--workload",
                fixture("vouchers-workload-broken.sql").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("vouchers-workload-broken.sql, line 3")
                .contains("column \"cod\" of relation \"vouchers\" does not exist");
    }

    @Test
    void badJsonAndAnExistingPipelineAreUsageErrors() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"connector.class\": ");

        CliRun badJson = verify(broken, fixture("migrations"));
        CliRun external = CliRun.of("verify", "--connector-config", fixture("shop-connector.json").toString(),
                "--schema", fixture("migrations").toString(), "--stack", "external");

        assertThat(badJson.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badJson.err()).contains("is not valid JSON");
        assertThat(external.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(external.err()).contains("never runs on an existing pipeline");
    }

    /** A healthy pipeline gets 20 s to catch up before a difference counts; a broken one is judged after 5 s. */
    private CliRun verify(Path config, Path schema) {
        return verify(config, schema, "20s");
    }

    private CliRun verifyBroken(Path config, Path schema) {
        return verify(config, schema, "5s");
    }

    private CliRun verify(Path config, Path schema, String settle, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--connector-config", config.toString(), "--schema",
                schema.toString(), "--rows", "50", "--changes", "60", "--settle", settle));
        args.addAll(List.of(more));
        String stack = System.getProperty("cdc.stack", "embedded");
        args.addAll(List.of("--stack", stack.equals("containers") ? "containers" : "embedded"));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path variant(Map<String, String> settings) throws IOException, URISyntaxException {
        return PreDeployFixtures.variant(dir, settings);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return PreDeployFixtures.file(name);
    }
}
