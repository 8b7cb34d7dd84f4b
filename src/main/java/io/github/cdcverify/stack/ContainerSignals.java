package io.github.cdcverify.stack;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * What Testcontainers does not offer for a container it started: a signal of our choice, a start of the same
 * container again (same file system, same published ports), the addresses its ports are published on.
 */
final class ContainerSignals {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(90);

    private ContainerSignals() {
    }

    /**
     * Sends {@code signal} to the container's main process and waits until the container has stopped; whatever still
     * runs after {@code grace} is killed.
     */
    static void stop(GenericContainer<?> container, String signal, Duration grace) {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = container.getContainerId();
        docker.killContainerCmd(id).withSignal(signal).exec();
        if (!stopsWithin(docker, id, grace)) {
            docker.killContainerCmd(id).exec();
            if (!stopsWithin(docker, id, KILL_TIMEOUT)) {
                throw new StackException("Container " + container.getNetworkAliases() + " still runs "
                        + KILL_TIMEOUT.toSeconds() + " s after SIGKILL: check the container engine.");
            }
        }
    }

    private static boolean stopsWithin(DockerClient docker, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (running(docker, id)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }

    /** Starts a stopped container again; the caller waits for what runs inside to answer. */
    static void start(GenericContainer<?> container) {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
    }

    static List<String> publishedHostAddresses(GenericContainer<?> container) {
        return DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().values().stream()
                .filter(Objects::nonNull)
                .flatMap(Arrays::stream)
                .map(binding -> binding.getHostIp())
                .toList();
    }

    private static boolean running(DockerClient docker, String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
    }
}
