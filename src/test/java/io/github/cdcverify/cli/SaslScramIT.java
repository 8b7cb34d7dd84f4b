package io.github.cdcverify.cli;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.kafka.KafkaProbe.KafkaLoginRefusedException;
import io.github.cdcverify.kafka.KafkaProbe;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.stack.SaslScram;
import io.github.cdcverify.suite.Leftovers;
import io.github.cdcverify.suite.OwnStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker that requires SASL/SCRAM: our clients log in with the settings of {@code --kafka-config}, a wrong login
 * ends in a clear error instead of a wait, and {@code verify} passes through the SASL listener. The scenario starts a
 * small embedded stack of its own (one broker with a SASL_PLAINTEXT listener next to the PLAINTEXT one Connect uses).
 */
class SaslScramIT {

    private static final String USER = "cdc-verify";
    private static final String PASSWORD = "scram-" + UUID.randomUUID();

    @RegisterExtension
    static final OwnStack SASL_STACK = OwnStack.configured(stack -> stack.withSaslScram(USER, PASSWORD));

    private static EmbeddedStack embedded;
    /** The embedded pipeline as seen through the SASL listener only. */
    private static CdcStack secured;

    @BeforeAll
    static void throughTheSaslListener(EmbeddedStack stack) {
        embedded = stack;
        secured = new ExternalStack(embedded.postgres(), new KafkaEndpoint(embedded.saslBootstrapServers(),
                new SaslScram(USER, PASSWORD).clientSettings()), embedded.connectUrl());
    }

    @Test
    @DisplayName("a consumer with the SCRAM login reads a captured table's events through the SASL listener")
    void eventsArriveThroughTheSaslListener() throws Exception {
        try (CapturedTable captured = CapturedTable.on(secured, "sasl").withSeedRows().start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING);
             Statement sql = captured.connection().createStatement()) {
            sql.execute("INSERT INTO " + captured.table().quoted()
                    + " (name, email) VALUES ('Dora', 'dora@example.com')");

            List<ChangeEvent> events = consumer.pollAtLeast(4, Waits.EVENTS);

            assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.READ, Op.READ, Op.READ, Op.CREATE);
        }
    }

    @Test
    @DisplayName("a wrong SCRAM password is refused with Kafka's reason and the option to fix, within seconds")
    void aWrongPasswordIsAClearErrorNotAHang() {
        KafkaEndpoint wrong = new KafkaEndpoint(embedded.saslBootstrapServers(),
                new SaslScram(USER, "not-the-password").clientSettings());
        long began = System.nanoTime();

        // The probe may wait far longer than the refusal may take: only an answer, not the wait's end, is in time.
        assertThatThrownBy(() -> KafkaProbe.requireReachable(wrong, Waits.RUNNING))
                .isInstanceOf(KafkaLoginRefusedException.class)
                .hasMessageStartingWith("Kafka at " + embedded.saslBootstrapServers()
                        + " (SASL_PLAINTEXT, SCRAM-SHA-256) refused the login: ")
                .hasMessageContaining("invalid credentials")
                .hasMessageEndingWith("Check the credentials and security settings in the Kafka client settings "
                        + "file (--kafka-config or CDC_KAFKA_CONFIG).")
                .message().doesNotContain("not-the-password");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Waits.SHORT);
    }

    @Test
    @DisplayName("cdc-verify verify --kafka-config FILE passes with its own clients on the SASL listener")
    void verifyPassesThroughTheSaslListener(@TempDir Path directory) throws Exception {
        Path clientProperties = write(directory.resolve("client.properties"),
                new SaslScram(USER, PASSWORD).clientSettings());

        StringWriter log = new StringWriter();
        CliRun run;
        try (LogCapture ignored = LogCapture.into(log)) {
            run = CliRun.of(StackArgs.of(List.of("verify", "--changes", "100"), StackArgs.database(embedded),
                    List.of("--kafka", embedded.saslBootstrapServers(), "--kafka-config", clientProperties.toString(),
                            "--connect-url", embedded.connectUrl())));
        }

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("kafka:      " + embedded.saslBootstrapServers()
                + " (SASL_PLAINTEXT, SCRAM-SHA-256)").contains("All 3 checks passed.");
        assertThat(run.all()).doesNotContain(PASSWORD);
        // Kafka's clients print their configurations at INFO, which the capture lets through.
        assertThat(log.toString()).as("log of the run").contains("sasl.jaas.config = [hidden]")
                .doesNotContain(PASSWORD);
        Leftovers.assertNoneStartingWith(embedded, CapturedTable.NAME_PREFIX + "verify");
    }

    @Test
    @DisplayName("cdc-verify verify with a wrong SCRAM password stops at once with the reason, nothing created")
    void verifyWithAWrongPasswordStopsWithTheReason(@TempDir Path directory) throws IOException {
        Path clientProperties = write(directory.resolve("client.properties"),
                new SaslScram(USER, "not-the-password").clientSettings());

        StringWriter log = new StringWriter();
        CliRun run;
        try (LogCapture ignored = LogCapture.into(log)) {
            run = CliRun.of(StackArgs.of(List.of("verify"), StackArgs.database(embedded),
                    List.of("--kafka", embedded.saslBootstrapServers(), "--kafka-config", clientProperties.toString(),
                            "--connect-url", embedded.connectUrl())));
        }

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).startsWith("Error: Kafka at " + embedded.saslBootstrapServers()
                + " (SASL_PLAINTEXT, SCRAM-SHA-256) refused the login: ").contains("--kafka-config")
                .doesNotContain("\tat ");
        assertThat(run.all() + log).doesNotContain("not-the-password").doesNotContain(PASSWORD);
    }

    private static Path write(Path file, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Kafka client settings");
        }
        return file;
    }
}
