package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The class path the embedded pipeline was built and tested with: the artifacts of
 * {@code META-INF/cdc-verify/pipeline-classpath.txt} (written by the build), resolved from the local Maven
 * repository. They are optional dependencies of cdc-verify: a project that depends on it does not get them on its
 * class path (nor versions its own build manages, as Spring Boot's parent does for Kafka and Jetty); PostgreSQL, the
 * brokers and the workers then run in JVMs of their own on this class path instead.
 */
final class PipelineClasspath {

    private static final Logger log = LoggerFactory.getLogger(PipelineClasspath.class);
    static final String RESOURCE = "META-INF/cdc-verify/pipeline-classpath.txt";
    /** {@code cdc.isolate=true|false}: force the nodes into JVMs of their own, or keep them here whatever loaded. */
    static final String ISOLATE_PROPERTY = "cdc.isolate";

    private static final Set<String> LOGGING = Set.of("org.apache.logging.log4j", "org.slf4j");

    /**
     * Artifacts whose version may differ without moving the pipeline out of this JVM: logging is the choice of
     * whoever runs it (its binding, its log4j patch level), and Jackson 2 is resolved a little differently outside
     * our build (our jackson-bom does not reach a dependent project: e.g. jackson-annotations 2.20 vs 2.20.1
     * modules). Kafka, Connect, Jetty, Debezium and zonky must be exact.
     */
    private static boolean tolerated(PipelineArtifact artifact) {
        return LOGGING.contains(artifact.groupId()) || artifact.groupId().startsWith("com.fasterxml.jackson");
    }

    private final List<PipelineArtifact> artifacts;

    PipelineClasspath(List<PipelineArtifact> artifacts) {
        this.artifacts = List.copyOf(artifacts);
    }

    /** The list this build of cdc-verify carries. */
    static PipelineClasspath ofThisBuild() {
        try (InputStream in = PipelineClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("This cdc-verify build lacks " + RESOURCE + ": rebuild it with Maven "
                        + "(the build writes the list in generate-resources).");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return new PipelineClasspath(reader.lines().map(PipelineArtifact::parse).flatMap(Optional::stream)
                        .distinct().toList());
            }
        } catch (IOException e) {
            throw new StackException("Could not read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    List<PipelineArtifact> artifacts() {
        return artifacts;
    }

    /**
     * Whether this JVM loaded the pipeline from exactly these artifacts: each one's file (e.g.
     * {@code kafka-clients-4.3.1.jar}) is on {@code java.class.path}, or on the {@code Class-Path} of a jar there
     * (as {@code java -jar cdc-verify.jar} and a manifest-only test class path have them). {@code cdc.isolate}
     * overrides the answer.
     */
    boolean loadedHere() {
        String forced = System.getProperty(ISOLATE_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return !Boolean.parseBoolean(forced.trim());
        }
        Set<String> present = effectiveClassPath().stream().map(path -> path.getFileName())
                .filter(name -> name != null).map(Path::toString).collect(Collectors.toSet());
        List<PipelineArtifact> absent = artifacts.stream().filter(a -> !tolerated(a))
                .filter(a -> !present.contains(a.fileName())).toList();
        if (!absent.isEmpty()) {
            log.info("This JVM's class path lacks {} of the {} artifacts the embedded pipeline was built with (e.g. "
                            + "{}): PostgreSQL, the Kafka brokers and Connect workers run in JVMs of their own",
                    absent.size(), artifacts.size(), absent.stream()
                            .filter(a -> a.artifactId().equals("kafka-clients") || a.artifactId().equals("jetty-server"))
                            .findFirst().orElse(absent.get(0)));
        }
        return absent.isEmpty();
    }

    private static List<Path> effectiveClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            entries.add(path);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        return entries;
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String reference : classPath.trim().split("\\s+")) {
                // URLs relative to the jar's directory (or absolute). Only files that exist count: the JVM skips the
                // others, e.g. the lib/ entries of cdc-verify's own jar when it sits in a Maven repository.
                try {
                    Path entry = Path.of(jar.toAbsolutePath().getParent().toUri().resolve(reference));
                    if (Files.exists(entry)) {
                        entries.add(entry);
                    }
                } catch (IllegalArgumentException e) {
                    // not a file URL: nothing the JVM loads from here
                }
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The class path of a node in a JVM of its own: cdc-verify's own classes, then every artifact of the list (those
     * of {@code io.debezium} only with {@code withDebezium}; PostgreSQL's binaries only for this machine), from the
     * local Maven repository, downloading what it lacks.
     *
     * @throws StackException naming an artifact that is neither there nor downloadable
     */
    String resolve(MavenRepository repository, boolean withDebezium) {
        List<PipelineArtifact> needed = artifacts.stream()
                .filter(a -> withDebezium || !a.groupId().equals("io.debezium"))
                .filter(a -> PostgresBinaries.usable(a, System.getProperty("os.name")))
                .toList();
        List<Path> files;
        ForkJoinPool downloads = new ForkJoinPool(8);
        try {
            files = downloads.submit(() -> needed.parallelStream().map(repository::fetch).toList()).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StackException stack ? stack
                    : new StackException("Could not resolve the pipeline's class path: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while resolving the pipeline's class path", e);
        } finally {
            downloads.shutdown();
        }
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ownCode().toString());
        files.forEach(file -> entries.add(file.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** The jar (or classes directory) cdc-verify's own classes come from: the nodes' main class is there. */
    static Path ownCode() {
        try {
            return Path.of(PipelineClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new StackException("Cannot tell where cdc-verify's classes come from: " + e.getMessage(), e);
        }
    }
}
