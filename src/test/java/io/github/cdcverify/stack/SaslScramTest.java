package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaslScramTest {

    private final SaslScram scram = new SaslScram("cdc", "s3cret");

    @Test
    void theBrokerGetsASaslListenerNextToItsOthersAndTheFormatterTheCredential() {
        Properties broker = new Properties();
        broker.put("listeners", "PLAINTEXT://127.0.0.1:9092");
        broker.put("advertised.listeners", "PLAINTEXT://127.0.0.1:9092");
        broker.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT");

        scram.addListener(broker, 9093);

        assertThat(broker).containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9093")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-256");
        assertThat(scram.formatterArguments()).containsExactly("SCRAM-SHA-256=[name=cdc,password=s3cret]");
    }

    @Test
    void clientsLogInWithScramAndThePasswordStaysOutOfToString() {
        assertThat(scram.clientSettings()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"cdc\" password=\"s3cret\";");
        assertThat(scram.toString()).doesNotContain("s3cret");
    }

    @Test
    void aPasswordTheConfigurationCannotCarryIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> new SaslScram("cdc", "a,b\"c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A SCRAM user name and password for the embedded broker must be non-empty and free of "
                        + "commas, brackets, quotes, backslashes and spaces.");
    }
}
