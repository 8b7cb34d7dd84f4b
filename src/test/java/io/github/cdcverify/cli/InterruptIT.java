package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.cdcverify.cli.StackArgs.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ctrl+C for real: a separate JVM running {@code generate} gets SIGINT. */
@PipelineTest
class InterruptIT {

    private static final Pattern SUMMARY = Pattern.compile(
            "Committed (\\d+) changes \\((\\d+) inserts, (\\d+) updates, (\\d+) deletes\\)");

    @Test
    @DisplayName("Ctrl+C during generate: exit 130, summary printed, every committed change is in the table")
    void ctrlCDuringGenerate(CdcStack stack) throws Exception {
        String name = uniqueName("sigint");
        TableName table = new TableName("public", name);
        PostgresEndpoint pg = stack.postgres();
        Path output = Files.createTempFile("cdcv-generate", ".out");
        try (Connection connection = PostgresConnections.open(pg)) {
            new UsersTable(table).create(connection);
            int seedRows = new UsersTable(table).seedIfEmpty(connection);
            // A build started in the background inherits SIGINT as ignored (or blocked), and a JVM cannot undo that;
            // perl unblocks it and resets it to the default before starting the CLI, as a terminal would have it.
            ProcessBuilder builder = new ProcessBuilder("perl", "-MPOSIX", "-e", "sigprocmask(SIG_UNBLOCK, "
                    + "POSIX::SigSet->new(SIGINT)); $SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CdcVerifyCli.class.getName(),
                    "generate", "--db-host", pg.host(), "--db-port", String.valueOf(pg.port()), "--db-name",
                    pg.database(), "--db-user", pg.user(), "--table", table.qualified(), "--rate", "50",
                    "--rows-per-tx", "3")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put(io.github.cdcverify.stack.DatabasePassword.ENVIRONMENT_VARIABLE, pg.password());
            Process generate = builder.start();
            try {
                await().atMost(Waits.RUNNING).until(() -> read(output).contains("Writing to " + table.qualified())
                        || !generate.isAlive());
                await().atMost(Waits.EVENTS).until(() -> rowCount(connection, table) > seedRows + 10
                        || !generate.isAlive());
                assertThat(generate.isAlive()).as(read(output)).isTrue();

                new ProcessBuilder("kill", "-INT", String.valueOf(generate.pid())).inheritIO().start()
                        .waitFor(Waits.SHORT.toMillis(), TimeUnit.MILLISECONDS);

                String signals = signalMasks(generate.pid());
                Duration stop = Waits.scaled(Duration.ofSeconds(30));
                assertThat(generate.waitFor(stop.toMillis(), TimeUnit.MILLISECONDS)).as("stopped within %d s (%s); "
                        + "printed:%n%s", stop.toSeconds(), signals, read(output)).isTrue();
                String printed = read(output);
                assertThat(generate.exitValue()).as(printed).isEqualTo(130);
                Matcher summary = SUMMARY.matcher(printed);
                assertThat(summary.find()).as(printed).isTrue();
                assertThat(printed).contains("stopped early").doesNotContain("\tat ");
                long inserts = Long.parseLong(summary.group(2));
                long deletes = Long.parseLong(summary.group(4));
                assertThat(inserts).as(printed).isPositive();
                assertThat(rowCount(connection, table)).as("rows = seed + inserts - deletes; " + printed)
                        .isEqualTo(seedRows + inserts - deletes);
            } finally {
                generate.destroyForcibly();
                new UsersTable(table).drop(connection);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The child's ignored, blocked and caught signal masks, for a failure message. */
    private static String signalMasks(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("Sig")).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static long rowCount(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
