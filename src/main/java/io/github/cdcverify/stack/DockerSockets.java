package io.github.cdcverify.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * Whether a container engine could be there at all, without asking one: {@code DOCKER_HOST}, Testcontainers'
 * {@code docker.host} in {@code ~/.testcontainers.properties}, or a Docker or Podman socket where they put theirs.
 */
final class DockerSockets {

    private DockerSockets() {
    }

    static boolean anyVisible(Function<String, String> environment) {
        if (notBlank(environment.apply("DOCKER_HOST")) || notBlank(testcontainersDockerHost())) {
            return true;
        }
        String home = System.getProperty("user.home");
        String runtime = environment.apply("XDG_RUNTIME_DIR");
        List<Path> sockets = new java.util.ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                Path.of("/run/podman/podman.sock"), Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"), Path.of(home, ".colima", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        if (notBlank(runtime)) {
            sockets.add(Path.of(runtime, "podman", "podman.sock"));
            sockets.add(Path.of(runtime, "docker.sock"));
        }
        // Windows names its engine's pipe: Testcontainers finds it there, we cannot see it as a file.
        return System.getProperty("os.name", "").startsWith("Windows") || sockets.stream().anyMatch(Files::exists);
    }

    private static String testcontainersDockerHost() {
        Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties.getProperty("docker.host");
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
