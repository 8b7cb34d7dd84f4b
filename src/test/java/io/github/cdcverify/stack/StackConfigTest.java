package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigTest {

    private static StackConfig config(Map<String, String> properties, Map<String, String> environment) {
        return new StackConfig(properties::get, environment::get);
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentVariableOfTheSameName() {
        StackConfig config = config(Map.of("cdc.image.kafka", "from-property"),
                Map.of("CDC_IMAGE_KAFKA", "from-env", "CDC_CONNECTOR_DB_HOST", "db"));

        assertThat(config.get("cdc.image.kafka")).contains("from-property");
        assertThat(config.get("cdc.connector-db-host")).contains("db");
        assertThat(config.get("cdc.db.name")).isEmpty();
    }

    @Test
    void eachKindMakesItsStack() {
        StackConfig config = config(Map.of("cdc.db.port", "6543", "cdc.kafka", "k:1"), Map.of());

        assertThat(config.newStack("embedded")).isInstanceOf(EmbeddedStack.class);
        assertThat(config.newStack("CONTAINERS")).isInstanceOf(ContainerStack.class);
        CdcStack external = config.newStack("external");
        assertThat(external.postgres().port()).isEqualTo(6543);
        assertThat(external.kafkaBootstrapServers()).isEqualTo("k:1");
        assertThat(external.describe()).contains("stack:      external").doesNotContain("password");
    }

    @Test
    void theConnectRebalanceDelayIsOneSecondUnlessSetAsProductionGroupsHaveIt() {
        assertThat(config(Map.of(), Map.of()).connectRebalanceDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config(Map.of("cdc.connect.rebalance-delay", "5m"), Map.of()).connectRebalanceDelay())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(config(Map.of(), Map.of("CDC_CONNECT_REBALANCE_DELAY", "300000")).connectRebalanceDelay())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(config(Map.of("cdc.connect.rebalance-delay", "45s"), Map.of()).connectRebalanceDelay())
                .isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> config(Map.of("cdc.connect.rebalance-delay", "soon"), Map.of())
                .connectRebalanceDelay()).isInstanceOf(StackException.class)
                .hasMessage("'soon' in cdc.connect.rebalance-delay is not a delay. Set it to e.g. 5m (Connect's "
                        + "default), 1s or 300000 (milliseconds).");
    }

    @Test
    void anUnknownKindNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> config(Map.of("cdc.stack", "cloud"), Map.of()).newStack())
                .isInstanceOf(StackException.class)
                .hasMessage("Unknown stack kind 'cloud' in cdc.stack / CDC_STACK. Use embedded, containers, external "
                        + "or auto (the default).");
    }

    @Test
    void aBadPortIsExplained() {
        assertThatThrownBy(() -> config(Map.of("cdc.db.port", "five"), Map.of()).newStack("external"))
                .hasMessage("Invalid port 'five' in cdc.db.port: use a number such as 5432.");
    }
}
