package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    /** The tutorial's credentials: the password is also the host name and the user name. */
    private static final Map<String, String> TUTORIAL = Map.of("database.hostname", "postgres",
            "database.user", "postgres", "database.password", "postgres");

    @Test
    void maskReplacesValuesOfSecretKeysInAnyCase() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("database.user", "postgres");
        config.put("database.password", "pw1");
        config.put("ssl.keystore.PASSWORD", "pw2");
        config.put("passwordless", "pw3");
        config.put("sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"pw4\";");
        config.put("sasl.oauthbearer.client.secret", "pw5");
        config.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");

        Map<String, String> masked = Secrets.mask(config);

        assertThat(masked).containsExactly(
                Map.entry("database.user", "postgres"),
                Map.entry("database.password", "********"),
                Map.entry("ssl.keystore.PASSWORD", "********"),
                Map.entry("passwordless", "********"),
                Map.entry("sasl.jaas.config", "********"),
                Map.entry("sasl.oauthbearer.client.secret", "********"),
                Map.entry("ssl.keystore.key", "********"),
                Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"));
        assertThat(config).containsEntry("database.password", "pw1");
    }

    @Test
    void aPasswordEqualToTheHostAndUserIsMaskedOnlyAsTheValueOfItsKey() {
        String redacted = Secrets.redact("Connection to postgres:5432 refused for user postgres "
                + "(database.hostname=postgres, database.user=postgres, database.password=postgres)", TUTORIAL);

        assertThat(redacted).isEqualTo("Connection to postgres:5432 refused for user postgres "
                + "(database.hostname=postgres, database.user=postgres, database.password=********)");
    }

    @Test
    void jsonPairsWithASecretKeyAreMaskedKeepingTheQuotes() {
        String redacted = Secrets.redact("{\"database.hostname\":\"postgres\",\"database.user\": \"postgres\","
                + "\"database.password\" : \"postgres\"}", TUTORIAL);

        assertThat(redacted).isEqualTo("{\"database.hostname\":\"postgres\",\"database.user\": \"postgres\","
                + "\"database.password\" : \"********\"}");
    }

    @Test
    void jaasPasswordIsMaskedAndTheUserNameSurvives() {
        String redacted = Secrets.redact("sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"postgres\" password=\"postgres\";");

        assertThat(redacted).contains("username=\"postgres\"", "password=\"********\";")
                .doesNotContain("password=\"postgres\"");
    }

    @Test
    void colonAndUrlQueryFormsAreMasked() {
        assertThat(Secrets.redact("jdbc:postgresql://postgres/db?user=postgres&password=postgres&ssl=true; "
                + "ssl.truststore.password: 'an other' client.secret=abc ssl.keystore.key=PEM"))
                .isEqualTo("jdbc:postgresql://postgres/db?user=postgres&password=********&ssl=true; "
                        + "ssl.truststore.password: '********' client.secret=******** ssl.keystore.key=********");
    }

    @Test
    void kafkasInvalidValueMessageForASecretKeyLosesItsValue() {
        assertThat(Secrets.redact("Invalid value postgres for configuration database.password: too short; "
                + "Invalid value postgres for configuration database.hostname"))
                .isEqualTo("Invalid value ******** for configuration database.password: too short; "
                        + "Invalid value postgres for configuration database.hostname");
    }

    @Test
    void aConfiguredSecretRightAfterTheWordPasswordIsMaskedAsAWholeWordOnly() {
        Map<String, String> config = Map.of("database.password", "hunter2", "database.user", "postgres");

        assertThat(Secrets.redact("password hunter2 rejected; password hunter22 is another word; "
                + "login postgres/hunter2 names no key", config))
                .isEqualTo("password ******** rejected; password hunter22 is another word; "
                        + "login postgres/hunter2 names no key");
    }

    @Test
    void plainWordsThatEqualThePasswordSurvive() {
        String message = "FATAL: password authentication failed for user \"postgres\" on host postgres";

        assertThat(Secrets.redact(message, TUTORIAL)).isEqualTo(message);
    }
}
