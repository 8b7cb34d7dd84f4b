package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CliUsageTest {

    @Test
    void unknownOptionPrintsUsageAndExitsWith2() {
        CliRun run = CliRun.of("generate", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'").contains("Usage: cdc-verify generate");
    }

    @Test
    void badValuePrintsUsageAndExitsWith2() {
        CliRun run = CliRun.of("generate", "--rate", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--rate'").contains("Usage:");
    }

    @Test
    void unknownCommandExitsWith2() {
        CliRun run = CliRun.of("explode");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("explode");
    }

    @Test
    void badDurationIsAUsageError() {
        CliRun run = CliRun.of("generate", "--duration", "soon", "--db-port", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value 'soon' for --duration").contains("Usage:")
                .doesNotContain("\tat ");
    }

    @Test
    void badMixIsAUsageError() {
        CliRun run = CliRun.of("generate", "--mix", "60:40", "--db-port", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--mix").contains("Usage:").doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"up", "setup", "consume", "generate", "demo"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: cdc-verify " + command);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "setup", "consume", "generate", "demo"})
    void unknownOptionOfEveryCommandExitsWith2(String command) {
        CliRun run = CliRun.of(command, "--bogus");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("Usage: cdc-verify " + command)
                .doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "generate, --db-port, notaport, Invalid value for option '--db-port'",
            "generate, --count, many, Invalid value for option '--count'",
            "generate, --rows-per-tx, 1.5, Invalid value for option '--rows-per-tx'",
            "consume, --max-events, all, Invalid value for option '--max-events'",
            "consume, --from, yesterday, Invalid value for option '--from'",
            "up, --kafka-port, x, Invalid value for option '--kafka-port'",
    })
    void badValueExitsWith2(String command, String option, String value, String expected) {
        CliRun run = CliRun.of(command, option, value);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(expected).contains("Usage: cdc-verify " + command).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"49", "0", "-5"})
    void verifyChangesBelowTheMinimumIsAUsageError(String changes) {
        CliRun run = CliRun.of("verify", "--changes", changes, "--db-port", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--changes': " + changes + " is below the minimum "
                + "of 50 changes").contains("Usage: cdc-verify verify").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verifySettleNamesItselfWhenItIsNotADuration() {
        CliRun run = CliRun.of("verify", "--connector", "users-connector", "--settle", "soon", "--db-port", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--settle'").contains("--settle")
                .doesNotContain("--duration").doesNotContain("\tat ");
    }

    @Test
    void soakOptionsWithoutSoakAreAUsageErrorNamingTheFix() {
        CliRun run = CliRun.of("verify", "--max-rows", "1000", "--db-port", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rate, --rows-per-tx, --max-rows, --report-every and --drain-timeout apply "
                + "to a soak: add --soak DURATION (e.g. --soak 10m).").contains("Usage:").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--soak|soon|Invalid value 'soon' for --soak",
            "--soak|0s|--soak must last a positive time, e.g. 30s or 10m, not 0s",
            "--report-every|0ms|--report-every must be at least 100ms, not 0 ms.",
            "--rows-per-tx|0|--rows-per-tx must be at least 1, not 0.",
            "--max-rows|0|--max-rows must be at least 1, not 0.",
            "--drain-timeout|500ms|--drain-timeout must be at least 1s, not 500 ms.",
            "--drain-timeout|later|Invalid value 'later' for --drain-timeout",
            "--rate|-5|--rate must be 0 (as fast as possible) or a positive number of changes per second, not -5.0."})
    void aBadSoakValueIsAUsageErrorSayingWhatWasWrong(String option, String value, String expected) {
        CliRun run = option.equals("--soak") ? CliRun.of("verify", "--soak", value, "--db-port", "1")
                : CliRun.of("verify", "--soak", "10s", option, value, "--db-port", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(expected).contains("Usage:").doesNotContain("\tat ");
    }

    @Test
    void soakAndConnectorTogetherAreAUsageError() {
        CliRun run = CliRun.of("verify", "--soak", "10s", "--connector", "users-connector", "--db-port", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--soak writes to a table of its own with a temporary connector and cannot be "
                + "combined with --connector");
    }

    @Test
    void verifyChangesMustBeAWholeNumber() {
        CliRun run = CliRun.of("verify", "--changes", "many", "--db-port", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--changes': 'many' is not a whole number");
    }

    @Test
    void verifyChangesAtTheMinimumIsAccepted() {
        CliRun run = CliRun.of("verify", "--changes", "50", "--help");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("--changes=<changes>").contains("at least 50");
    }

    @Test
    void fromAcceptsEitherCase() {
        CliRun run = CliRun.of("consume", "--from", "NOW", "--kafka", "127.0.0.1:1", "--help");

        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    @Test
    void missingOptionValueExitsWith2() {
        CliRun run = CliRun.of("generate", "--table");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter for option '--table'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"setup", "generate"})
    void sqlInTableNameIsRejected(String command) {
        CliRun run = CliRun.of(command, "--table", "public.users; DROP TABLE x", "--db-port", "1");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--table': Invalid table name 'users; DROP TABLE "
                + "x': use 1-63 letters, digits or underscores, starting with a letter or underscore (e.g. "
                + "public.users)").contains("Usage:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void upOnATakenPortNamesThePortAndTheOption() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long began = System.nanoTime();
            CliRun run = CliRun.of("up", "--postgres-port", String.valueOf(taken.getLocalPort()), "--kafka-port", "0",
                    "--connect-port", "0");

            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
            assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
            assertThat(run.err()).startsWith("Error: Port " + taken.getLocalPort() + " for PostgreSQL is already in "
                    + "use on 127.0.0.1.").contains("--postgres-port (0 picks a free one)").doesNotContain("\tat ");
        }
    }

    @Test
    void anUnknownSslModeIsAUsageErrorNamingTheAcceptedOnes() {
        CliRun run = CliRun.of("verify", "--db-sslmode", "strict");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--db-sslmode': Unknown PostgreSQL sslmode "
                + "'strict'").contains("use one of disable, allow, prefer, require, verify-ca, verify-full")
                .contains("Usage:");
    }

    @Test
    void aPasswordGivenAsConnectorPasswordReferenceIsRefusedAndNotEchoed() {
        CliRun run = CliRun.of("setup", "--connector-db-password", "hunter2");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("must be a Kafka Connect config provider reference such as "
                + "${file:/etc/kafka/secrets/db.properties:password}").contains("Usage:");
        assertThat(run.all()).doesNotContain("hunter2");
    }

    @Test
    void aMissingKafkaConfigFileIsNamedWithItsOption() {
        CliRun run = CliRun.of("verify", "--kafka-config", "/no/such/client.properties");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).isEqualToIgnoringNewLines("Error: Cannot read the Kafka client settings file "
                + "/no/such/client.properties (NoSuchFileException). Check the path given to --kafka-config, "
                + "cdc.kafka-config or CDC_KAFKA_CONFIG: it must be a readable Java properties file such as "
                + "security.protocol=SASL_SSL.");
    }

    @Test
    void helpShowsTheSecuredEndpointOptionsWithTheReferenceExampleIntact() {
        CliRun run = CliRun.of("verify", "--help");

        assertThat(run.out()).contains("--kafka-config=FILE", "--db-sslmode=MODE", "--connector-db-password=REF");
        // picocli wraps long words; without the line breaks the example must read as written.
        assertThat(run.out().replaceAll("\\s+", "")).contains("'${file:/etc/kafka/secrets/db.properties:password}'");
    }
}
