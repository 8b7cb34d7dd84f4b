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

    @Test
    void basicAuthUserInfoAndTokenKeysAreSecret() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("value.converter.basic.auth.user.info", "alice:pw1");
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("sasl.oauthbearer.token", "pw2");
        config.put("value.converter.bearer.auth.token", "pw3");
        config.put("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token");
        config.put("access_token", "pw4");
        config.put("sasl.oauthbearer.assertion.private.key.passphrase", "pw5");
        config.put("value.converter.schema.registry.url", "https://registry.example");

        assertThat(Secrets.mask(config)).containsExactly(
                Map.entry("value.converter.basic.auth.user.info", "********"),
                Map.entry("basic.auth.credentials.source", "USER_INFO"),
                Map.entry("sasl.oauthbearer.token", "********"),
                Map.entry("value.converter.bearer.auth.token", "********"),
                Map.entry("sasl.oauthbearer.token.endpoint.url", "********"),
                Map.entry("access_token", "********"),
                Map.entry("sasl.oauthbearer.assertion.private.key.passphrase", "********"),
                Map.entry("value.converter.schema.registry.url", "https://registry.example"));
    }

    @Test
    void basicAuthUserInfoAndTokensInFreeTextAreMasked() {
        assertThat(Secrets.redact("Invalid config {\"key.converter.basic.auth.user.info\":\"alice:pw1\","
                + "\"bearer.auth.token\": \"eyJhbGciOi.pw2\"} sasl.oauthbearer.token=pw3 basic.auth.user.info: alice:pw4 "
                + "https://registry.example/subjects?access_token=pw5&pretty=true"))
                .isEqualTo("Invalid config {\"key.converter.basic.auth.user.info\":\"********\","
                        + "\"bearer.auth.token\": \"********\"} sasl.oauthbearer.token=******** "
                        + "basic.auth.user.info: ******** "
                        + "https://registry.example/subjects?access_token=********&pretty=true");
    }

    @Test
    void theUserInfoOfAUrlLosesItsPasswordAndKeepsItsUserName() {
        assertThat(Secrets.maskUserInfo("http://connect-admin:s3cret@connect.example:8083"))
                .isEqualTo("http://connect-admin:********@connect.example:8083");
        assertThat(Secrets.maskUserInfo("https://alice:p%40ss@connect.example/base/"))
                .isEqualTo("https://alice:********@connect.example/base/");
        assertThat(Secrets.maskUserInfo("http://127.0.0.1:8083")).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void aUserInfoWithoutColonIsMaskedWholeAsItMayBeAToken() {
        assertThat(Secrets.maskUserInfo("https://ghp_0123456789abcdef@connect.example"))
                .isEqualTo("https://********@connect.example");
    }

    @Test
    void aPasswordWithAnUnencodedAtSignIsMaskedWhole() {
        assertThat(Secrets.maskUserInfo("http://alice:p@ss@connect.example:8083/connectors"))
                .isEqualTo("http://alice:********@connect.example:8083/connectors");
    }

    @Test
    void urlsInsideFreeTextLoseTheirUserInfoWhateverTheirScheme() {
        String redacted = Secrets.redact("java.net.URISyntaxException: Illegal character in authority at index 7: "
                + "http://alice:pw1@connect example:8083; jdbc:postgresql://bob:pw2@db.example:5432/shop failed, "
                + "'SASL_SSL://carol:pw3@kafka.example:9093'; mail admin@example.com about http://dave:pw4@h/x?y=z");

        assertThat(redacted).isEqualTo("java.net.URISyntaxException: Illegal character in authority at index 7: "
                + "http://alice:********@connect example:8083; jdbc:postgresql://bob:********@db.example:5432/shop "
                + "failed, 'SASL_SSL://carol:********@kafka.example:9093'; mail admin@example.com about "
                + "http://dave:********@h/x?y=z");
    }

    @Test
    void aJdbcUrlLosesItsPasswordParameterAndItsUserInfo() {
        assertThat(Secrets.redact("jdbc:postgresql://db.example:5432/shop?user=app&password=pw1&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5432/shop?user=app&password=********&sslmode=require");
        assertThat(Secrets.redact("jdbc:postgresql://app:pw2@db.example/shop?sslpassword=pw3"))
                .isEqualTo("jdbc:postgresql://app:********@db.example/shop?sslpassword=********");
        // The first query parameter once hid in the pair "postgresql: //db.example/shop?password=pw4".
        assertThat(Secrets.redact("connection.url=jdbc:postgresql://db.example/shop?password=pw4"))
                .isEqualTo("connection.url=jdbc:postgresql://db.example/shop?password=********");
    }

    @Test
    void textWithoutUserInfoIsLeftAlone() {
        String message = "Kafka Connect is not reachable at http://connect.example:8083/ (connection refused); "
                + "write to ops@example.com or see https://docs.example/a@b";

        assertThat(Secrets.redact(message)).isEqualTo(message);
    }
}
