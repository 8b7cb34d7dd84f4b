package io.github.cdcverify.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.github.cdcverify.time.BoundedWait;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
     * runs after {@code grace} is killed. A container that has stopped already, or stops between the deadline and the
     * kill, is what was asked for: the engine's refusal to signal it is no error.
     */
    static void stop(GenericContainer<?> container, String signal, Duration grace) {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = container.getContainerId();
        signal(docker, id, signal);
        if (!stopsWithin(docker, id, grace)) {
            signal(docker, id, "SIGKILL");
            if (!stopsWithin(docker, id, KILL_TIMEOUT)) {
                throw new StackException("Container " + container.getNetworkAliases() + " still runs "
                        + KILL_TIMEOUT.toSeconds() + " s after SIGKILL: check the container engine.");
            }
        }
    }

    /** Podman answers 500 "container state improper", Docker 409 "is not running", for a container that stopped. */
    private static void signal(DockerClient docker, String id, String signal) {
        try {
            docker.killContainerCmd(id).withSignal(signal).exec();
        } catch (DockerException e) {
            if (running(docker, id)) {
                throw e;
            }
        }
    }

    private static boolean stopsWithin(DockerClient docker, String id, Duration timeout) {
        return BoundedWait.upTo(timeout).every(POLL).until(() -> !running(docker, id));
    }

    /**
     * Starts a stopped container again; the caller waits for what runs inside to answer. A container that runs
     * already (the engine answers 304) is left as it is.
     */
    static void start(GenericContainer<?> container) {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = container.getContainerId();
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            if (!running(docker, id)) {
                throw e;
            }
        }
    }

    static List<String> publishedHostAddresses(GenericContainer<?> container) {
        return DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().values().stream()
                .filter(Objects::nonNull)
                .flatMap(Arrays::stream)
                .map(binding -> binding.getHostIp())
                .toList();
    }

    /** Whether the container's main process runs, as the engine sees it now. */
    static boolean running(GenericContainer<?> container) {
        return running(DockerClientFactory.instance().client(), container.getContainerId());
    }

    private static boolean running(DockerClient docker, String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
    }
}
