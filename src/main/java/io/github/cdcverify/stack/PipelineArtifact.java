package io.github.cdcverify.stack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One artifact of the pipeline's own class path, as Maven names it: {@code org.apache.kafka:kafka-clients:jar:4.3.1}
 * or, with a classifier, {@code group:artifact:jar:classifier:version}.
 */
record PipelineArtifact(String groupId, String artifactId, String type, String classifier, String version) {

    /**
     * Parses a line of {@code mvn dependency:list}, e.g. {@code "   io.debezium:debezium-api:jar:3.7.0.Final --
     * module debezium.api (auto)"}; empty for its header and blank lines.
     */
    static Optional<PipelineArtifact> parse(String line) {
        String coordinates = line.strip();
        int module = coordinates.indexOf(" -- ");
        if (module >= 0) {
            coordinates = coordinates.substring(0, module);
        }
        String[] parts = coordinates.split(":");
        if (coordinates.contains(" ") || parts.length < 4 || parts.length > 6) {
            return Optional.empty();
        }
        // dependency:list with outputScope=false: g:a:type:version or g:a:type:classifier:version; a scope at the
        // end (outputScope=true) is dropped.
        boolean scoped = parts.length == 6 || parts.length == 5 && isScope(parts[4]);
        int end = scoped ? parts.length - 1 : parts.length;
        String classifier = end == 5 ? parts[3] : "";
        return Optional.of(new PipelineArtifact(parts[0], parts[1], parts[2], classifier, parts[end - 1]));
    }

    private static boolean isScope(String part) {
        return part.equals("compile") || part.equals("runtime") || part.equals("provided") || part.equals("system");
    }

    /** {@code kafka-clients-4.3.1.jar}, {@code netty-x-1.0-linux.jar}. */
    String fileName() {
        return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "."
                + ("bundle".equals(type) ? "jar" : type);
    }

    /** Where Maven keeps it, relative to a repository's root: {@code org/apache/kafka/kafka-clients/4.3.1/...}. */
    Path repositoryPath() {
        return Path.of(groupId.replace('.', '/'), artifactId, version, fileName());
    }

    /** The same path with forward slashes, for a repository URL. */
    String urlPath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier);
    }
}
