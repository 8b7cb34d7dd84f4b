package io.github.cdcverify.stack;

import io.github.cdcverify.connect.Secrets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalStackTest {

    private static final String PASSWORD = "Db-pw-7Qx";
    private static final String CONNECT_PASSWORD = "Connect-pw-3Kz";
    private static final PostgresEndpoint POSTGRES =
            new PostgresEndpoint("db.example", 5432, "shop", "app", PASSWORD, "db.internal", 5432);

    private static ExternalStack withConnectUrl(String connectUrl) {
        return new ExternalStack(POSTGRES, new KafkaEndpoint("kafka.example:9093",
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "ScramLoginModule required username=\"app\" password=\"" + PASSWORD
                                + "\";")), connectUrl);
    }

    @Test
    void describeShowsTheConnectUserButNoPassword() {
        ExternalStack stack = withConnectUrl("https://connect-admin:" + CONNECT_PASSWORD + "@connect.example:8083");

        assertThat(stack.describe()).isEqualTo(String.join(System.lineSeparator(),
                "stack:      external",
                "postgres:   jdbc:postgresql://db.example:5432/shop (user app; connector reaches it at db.internal:5432)",
                "kafka:      kafka.example:9093 (SASL_SSL, SCRAM-SHA-512)",
                "connect:    https://connect-admin:********@connect.example:8083"));
        // The stack itself keeps the credentials: every Connect client made from it logs in with them.
        assertThat(stack.connectUrl()).contains(CONNECT_PASSWORD);
    }

    @Test
    void workerIdsCarryNoUserInfo() {
        ExternalStack stack = withConnectUrl("http://connect-admin:" + CONNECT_PASSWORD + "@connect.example:8083");

        assertThat(stack.connectWorkerIds()).containsExactly("connect.example:8083");
    }

    @Test
    void checksWithTemporaryConnectorsWarnOnceWhenTheyWouldGetThePasswordItself() {
        ExternalStack clear = withConnectUrl("http://connect.example:8083");

        List<String> warnings = ExternalStack.temporaryConnectorWarnings(clear);

        assertThat(warnings).singleElement().asString()
                .startsWith("WARN database.password in clear: ")
                .contains("--connector-db-password '${file:/etc/kafka/secrets/db.properties:password}'")
                .doesNotContain(PASSWORD);
        assertThat(Secrets.redact(warnings.get(0))).as("the warning read as a secret by a redacting log")
                .isEqualTo(warnings.get(0));
    }

    @Test
    void aConfigProviderReferenceOrAStackWeStartedNeedsNoWarning() {
        ExternalStack referenced = new ExternalStack(
                POSTGRES.withConnectorPassword("${file:/etc/kafka/secrets/db.properties:password}"),
                "kafka.example:9092", "http://connect.example:8083");
        CdcStack ours = new CdcStack() {
            @Override
            public void start() {
            }

            @Override
            public PostgresEndpoint postgres() {
                return POSTGRES;
            }

            @Override
            public String kafkaBootstrapServers() {
                return "127.0.0.1:9092";
            }

            @Override
            public String connectUrl() {
                return "http://127.0.0.1:8083";
            }

            @Override
            public String kind() {
                return "embedded";
            }

            @Override
            public void close() {
            }
        };

        assertThat(ExternalStack.temporaryConnectorWarnings(referenced)).isEmpty();
        assertThat(ExternalStack.temporaryConnectorWarnings(ours)).isEmpty();
    }
}
