package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

import static io.github.cdcverify.stack.ContainerSignals.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The container engine's answers a fault scenario meets: a container that stopped on its own before the signal (a
 * KRaft node that ends its controlled shutdown just after the grace period, which once left a CI run's whole cluster
 * stopped), a start of a container that runs, a main process that ignores SIGTERM. Needs a container engine: the
 * default run leaves it out (pom.xml), the containers stage of {@code .ci/run} runs it.
 */
class ContainerSignalsIT {

    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    void aContainerThatHasStoppedAlreadyNeedsNoSignal() {
        try (GenericContainer<?> container = sleeper()) {
            container.start();
            ContainerSignals.stop(container, "SIGKILL", GRACE);

            assertThatCode(() -> ContainerSignals.stop(container, "SIGTERM", GRACE)).doesNotThrowAnyException();
            assertThat(running(container)).as("running after a second stop").isFalse();
        }
    }

    @Test
    void aContainerThatRunsIsLeftRunningByAStart() {
        try (GenericContainer<?> container = sleeper()) {
            container.start();

            assertThatCode(() -> ContainerSignals.start(container)).doesNotThrowAnyException();
            assertThat(running(container)).as("running after a start of a running container").isTrue();
        }
    }

    @Test
    void aMainProcessThatIgnoresTheSignalIsKilledAfterTheGrace() {
        try (GenericContainer<?> container = sleeper()) {
            container.start();

            // PID 1 of a container gets no default action for SIGTERM: sleep ignores it.
            ContainerSignals.stop(container, "SIGTERM", GRACE);
            assertThat(running(container)).as("running after the grace period").isFalse();

            ContainerSignals.start(container);
            assertThat(running(container)).as("running after a start of the stopped container").isTrue();
        }
    }

    /** Any image with {@code sleep}: the Kafka one the containers stage uses. */
    private static GenericContainer<?> sleeper() {
        String image = System.getProperty(ContainerImages.KAFKA_PROPERTY, ContainerImages.KAFKA);
        return new GenericContainer<>(DockerImageName.parse(image))
                .withCreateContainerCmdModifier(command -> command.withEntrypoint("sleep").withCmd("600"));
    }
}
