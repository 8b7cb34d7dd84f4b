package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local Maven repository ({@code -Dmaven.repo.local}, else {@code localRepository} of
 * {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}), filled from Maven Central when an artifact is missing:
 * the artifacts the pipeline runs on, and Debezium plugin archives.
 */
final class MavenRepository {

    private static final Logger log = LoggerFactory.getLogger(MavenRepository.class);
    /** {@code cdc.maven.central}: another mirror of Maven Central's layout, e.g. a company's proxy. */
    static final String CENTRAL_PROPERTY = "cdc.maven.central";
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final Pattern LOCAL_REPOSITORY = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");

    private final Path root;
    private final String remote;

    MavenRepository(Path root, String remote) {
        this.root = root;
        this.remote = remote.endsWith("/") ? remote : remote + "/";
    }

    /** The repository this user's Maven uses, with Maven Central (or {@code cdc.maven.central}) behind it. */
    static MavenRepository local() {
        return new MavenRepository(localRoot(), System.getProperty(CENTRAL_PROPERTY, CENTRAL));
    }

    private static Path localRoot() {
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path settings = home.resolve(".m2/settings.xml");
        if (Files.isRegularFile(settings)) {
            try {
                Matcher matcher = LOCAL_REPOSITORY.matcher(Files.readString(settings));
                if (matcher.find()) {
                    return Path.of(matcher.group(1).replace("${user.home}", home.toString()));
                }
            } catch (IOException e) {
                log.debug("Could not read {}: {}", settings, e.getMessage());
            }
        }
        return home.resolve(".m2/repository");
    }

    Path root() {
        return root;
    }

    /**
     * The artifact's file in the local repository, downloaded first if it is not there yet.
     *
     * @throws StackException naming the artifact, the local path and the URL when neither has it
     */
    Path fetch(PipelineArtifact artifact) {
        return fetch(artifact.repositoryPath(), artifact.urlPath(), artifact.toString());
    }

    /** A file by its path in the repository's layout; see {@link #fetch(PipelineArtifact)}. */
    Path fetch(Path relative, String urlPath, String what) {
        Path file = root.resolve(relative);
        if (Files.isRegularFile(file)) {
            return file;
        }
        String url = remote + urlPath;
        log.info("Downloading {} from {}", what, url);
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            try {
                HttpResponse<InputStream> response = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build()
                        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return file;
        } catch (IOException e) {
            throw missing(what, file, url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw missing(what, file, url, "interrupted");
        }
    }

    private static StackException missing(String what, Path file, String url, String reason) {
        return new StackException(what + " is needed by the embedded pipeline but is neither in the local Maven "
                + "repository (" + file + ") nor could it be downloaded from " + url + " (" + reason + "). Run once "
                + "with network access, put the file there (e.g. mvn dependency:get -Dartifact=" + what + "), or set "
                + "-D" + CENTRAL_PROPERTY + " to a repository mirror you can reach.");
    }
}
