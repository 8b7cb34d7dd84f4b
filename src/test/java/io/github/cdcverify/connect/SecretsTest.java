package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void maskReplacesValuesOfKeysContainingPasswordInAnyCase() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("database.user", "postgres");
        config.put("database.password", "pw1");
        config.put("ssl.keystore.PASSWORD", "pw2");
        config.put("passwordless", "pw3");

        Map<String, String> masked = Secrets.mask(config);

        assertThat(masked).containsExactly(
                Map.entry("database.user", "postgres"),
                Map.entry("database.password", "********"),
                Map.entry("ssl.keystore.PASSWORD", "********"),
                Map.entry("passwordless", "********"));
        assertThat(config).containsEntry("database.password", "pw1");
    }

    @Test
    void redactRemovesSecretValuesFromFreeText() {
        Map<String, String> config = Map.of("database.password", "hunter2", "database.user", "postgres",
                "other.password", "ab");

        String redacted = Secrets.redact("login postgres/hunter2 failed; ab", config);

        assertThat(redacted).isEqualTo("login postgres/******** failed; ab");
    }
}
