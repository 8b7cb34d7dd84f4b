package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A login in {@code --connect-url} shows nowhere, not in the endpoints, not in errors, not in usage errors. */
class CliSecretsTest {

    private static final String PASSWORD = "Cli-pw-4Wq8";
    private static final String URL = "http://cdcv-admin:" + PASSWORD + "@127.0.0.1:1";
    private static final String MASKED_URL = "http://cdcv-admin:********@127.0.0.1:1";

    @Test
    void theEndpointsAndTheErrorOfAFailedVerifyShowTheConnectUserButNotThePassword() {
        // PostgreSQL on port 1 ends the command right after the endpoints are printed, with --verbose's stack trace.
        CliRun run = CliRun.of("--verbose", "verify", "--db-host", "127.0.0.1", "--db-port", "1", "--kafka",
                "127.0.0.1:1", "--connect-url", URL);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.out()).contains("connect:    " + MASKED_URL);
        assertThat(run.err()).contains("\tat ");
        assertThat(run.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aMistypedOptionEchoesTheUrlMaskedAndStillSuggestsTheOption() {
        CliRun run = CliRun.of("verify", "--conect-url", URL);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("'" + MASKED_URL + "'").contains("Possible solutions: ").contains("--connect-url");
        assertThat(run.all()).doesNotContain(PASSWORD);
    }

    @Test
    void picocliOnItsOwnWouldPrintThePasswordOfAMistypedOption() {
        // The same usage error without our handler: what the test above guards against is real.
        StringWriter err = new StringWriter();
        CommandLine plain = new CommandLine(new VerifyCommand(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))).setErr(new PrintWriter(err, true));

        assertThat(plain.execute("--conect-url", URL)).isEqualTo(2);
        assertThat(err.toString()).contains(PASSWORD);
    }

    @Test
    void theBuiltInChecksWarnOnceThatTheirConnectorsWouldGetThePasswordInClear() {
        CliRun run = CliRun.of("verify", "--db-host", "127.0.0.1", "--db-port", "1", "--kafka", "127.0.0.1:1",
                "--connect-url", URL);

        assertThat(run.out()).containsOnlyOnce("WARN database.password in clear: ")
                .contains("--connector-db-password '${file:/etc/kafka/secrets/db.properties:password}'");
    }

    @Test
    void aPasswordReferenceOrADeployedConnectorNeedsNoWarning() {
        CliRun referenced = CliRun.of("verify", "--db-host", "127.0.0.1", "--db-port", "1", "--kafka", "127.0.0.1:1",
                "--connect-url", URL, "--connector-db-password", "${file:/etc/kafka/secrets/db.properties:password}");
        CliRun deployed = CliRun.of("verify", "--db-host", "127.0.0.1", "--db-port", "1", "--kafka", "127.0.0.1:1",
                "--connect-url", URL, "--connector", "users-connector");

        assertThat(referenced.out()).as(referenced.all()).contains("stack:      external").doesNotContain("WARN");
        assertThat(deployed.out()).as(deployed.all()).contains("stack:      external").doesNotContain("WARN");
    }

    @Test
    void helpNamesWhereTheConnectUrlDefaultComesFromInsteadOfShowingIt() {
        CliRun run = CliRun.of("verify", "--help");

        // CDC_CONNECT_URL may carry a login: its value is not interpolated into the help.
        assertThat(run.out().replaceAll("\\s+", " ")).contains("(default: env CDC_CONNECT_URL, else "
                + "http://localhost:8084)");
    }
}
