package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The container nodes' configuration, read before anything starts (no container engine needed). */
class ContainerKafkaClusterTest {

    private static final Shape CLUSTER = new Shape(3, 2, 3, false);

    @Test
    void brokerPropertiesBecomeTheImagesEnvironmentNames() {
        assertThat(KafkaNodeSettings.environmentName("num.partitions")).isEqualTo("KAFKA_NUM_PARTITIONS");
        assertThat(KafkaNodeSettings.environmentName("share.coordinator.state.topic.min.isr"))
                .isEqualTo("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR");
        assertThat(KafkaNodeSettings.environmentName("a_b-c.d")).isEqualTo("KAFKA_A__B___C_D");
    }

    @Test
    void threeNodesFormOneQuorumEachAdvertisingItsOwnLoopbackPort() {
        try (Network network = Network.newNetwork()) {
            ContainerKafkaCluster cluster = new ContainerKafkaCluster("apache/kafka:4.3.1", "apache/kafka", network,
                    CLUSTER, Duration.ofMinutes(1));

            assertThat(cluster.nodes()).hasSize(3);
            assertThat(cluster.internalBootstrapServers()).isEqualTo("kafka-1:19092,kafka-2:19092,kafka-3:19092");
            String[] hostAddresses = cluster.bootstrapServers().split(",");
            assertThat(hostAddresses).hasSize(3).doesNotHaveDuplicates();
            for (int node = 1; node <= 3; node++) {
                Map<String, String> env = cluster.node(node).getEnvMap();
                assertThat(env).containsEntry("KAFKA_NODE_ID", String.valueOf(node))
                        .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9094,2@kafka-2:9094,3@kafka-3:9094")
                        .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + hostAddresses[node - 1]
                                + ",BROKER://kafka-" + node + ":19092")
                        .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                        .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                        .containsEntry("KAFKA_NUM_PARTITIONS", "3")
                        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
                assertThat(cluster.bootstrapServers(node)).isEqualTo(hostAddresses[node - 1]);
            }
            assertThat(cluster.node(1).getEnvMap().get("CLUSTER_ID"))
                    .isEqualTo(cluster.node(3).getEnvMap().get("CLUSTER_ID"));
        }
    }

    @Test
    void aSingleNodeKeepsTheComposeFilesAlias() {
        try (Network network = Network.newNetwork()) {
            ContainerKafkaCluster single = new ContainerKafkaCluster("apache/kafka:4.3.1", "apache/kafka", network,
                    Shape.single(), Duration.ofMinutes(1));

            GenericContainer<?> node = single.node(1);
            assertThat(node.getNetworkAliases()).contains("kafka");
            assertThat(single.internalBootstrapServers()).isEqualTo("kafka:19092");
            assertThat(node.getEnvMap()).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9094")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                    .doesNotContainKey("KAFKA_HEAP_OPTS");
        }
    }
}
