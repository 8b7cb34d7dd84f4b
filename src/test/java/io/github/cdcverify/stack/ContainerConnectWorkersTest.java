package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connect containers' configuration, read before anything starts (no container engine needed). */
class ContainerConnectWorkersTest {

    @Test
    void aUsersPluginDirectoryIsMountedBesideTheImagesPluginsAndScanned(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path plugins) {
        try (Network network = Network.newNetwork()) {
            ContainerConnectWorkers workers = new ContainerConnectWorkers("quay.io/debezium/connect:3.7.0.Final",
                    "quay.io/debezium/connect", network, Shape.single(), "kafka:19092", Duration.ofMinutes(1),
                    plugins);

            assertThat(workers.nodes().get(0).getEnvMap())
                    .containsEntry("CONNECT_PLUGIN_PATH", "/kafka/connect," + ContainerConnectWorkers.USER_PLUGINS)
                    .containsEntry("CONNECT_PLUGIN_DISCOVERY", "hybrid_warn");
            assertThat(workers.nodes().get(0).getBinds()).singleElement().satisfies(bind -> {
                assertThat(bind.getPath()).isEqualTo(plugins.toString());
                assertThat(bind.getVolume().getPath()).isEqualTo(ContainerConnectWorkers.USER_PLUGINS);
            });
        }
    }

    @Test
    void twoWorkersJoinOneGroupEachAdvertisingItsAlias() {
        try (Network network = Network.newNetwork()) {
            ContainerConnectWorkers workers = new ContainerConnectWorkers("quay.io/debezium/connect:3.7.0.Final",
                    "quay.io/debezium/connect", network, new Shape(3, 2, 3, false),
                    "kafka-1:19092,kafka-2:19092,kafka-3:19092", Duration.ofMinutes(1), null);

            assertThat(workers.workerIds()).containsExactly("connect-1:8083", "connect-2:8083");
            assertThat(workers.nodes()).hasSize(2).allSatisfy(worker -> assertThat(worker.getEnvMap())
                    .containsEntry("BOOTSTRAP_SERVERS", "kafka-1:19092,kafka-2:19092,kafka-3:19092")
                    .containsEntry("GROUP_ID", EmbeddedConnectWorker.GROUP_ID)
                    .containsEntry("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "3")
                    .containsKey("HEAP_OPTS"));
            assertThat(workers.nodes().get(1).getEnvMap()).containsEntry("ADVERTISED_HOST_NAME", "connect-2");
        }
    }

    @Test
    void theSingleShapesWorkerIsTheComposeFilesConnect() {
        assertThat(ContainerConnectWorkers.singleWorkerEnvironment())
                .containsEntry("BOOTSTRAP_SERVERS", "kafka:19092")
                .containsEntry("ADVERTISED_HOST_NAME", "connect")
                .containsEntry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1")
                .doesNotContainKey("HEAP_OPTS");
    }
}
