package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The Debezium PostgreSQL connector of a chosen version as a Connect plugin: its plugin archive
 * ({@code io.debezium:debezium-connector-postgres:V:tar.gz:plugin}, from the local Maven repository or Maven
 * Central), unpacked once into {@code ~/.cdc-verify/plugins/debezium-connector-postgres-V}, a directory for a
 * worker's {@code plugin.path} (the connector loads in a class loader of its own there).
 */
final class DebeziumPlugin {

    private static final Logger log = LoggerFactory.getLogger(DebeziumPlugin.class);
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.[A-Za-z0-9]+");
    private static final String ARTIFACT = "debezium-connector-postgres";
    private static final String UNPACKED_MARKER = ".unpacked";

    private DebeziumPlugin() {
    }

    /**
     * The plugin directory of {@code version}, downloaded and unpacked if not yet there.
     *
     * @throws StackException for a version that is not Debezium's form, or that cannot be found or unpacked
     */
    static Path directory(String version, MavenRepository repository, Path cache) {
        if (!VERSION.matcher(version).matches()) {
            throw new StackException("'" + version + "' is not a Debezium version. Give one as Maven Central "
                    + "names it, e.g. 2.7.4.Final or 3.4.1.Final (--debezium-version / cdc.debezium-version).");
        }
        Path target = cache.resolve(ARTIFACT + "-" + version);
        if (Files.exists(target.resolve(UNPACKED_MARKER))) {
            return target;
        }
        String file = ARTIFACT + "-" + version + "-plugin.tar.gz";
        Path archive = repository.fetch(Path.of("io", "debezium", ARTIFACT, version, file),
                "io/debezium/" + ARTIFACT + "/" + version + "/" + file,
                "io.debezium:" + ARTIFACT + ":" + version + ":tar.gz:plugin");
        log.info("Unpacking the Debezium PostgreSQL connector {} into {}", version, target);
        try {
            Path partial = Files.createTempDirectory(Files.createDirectories(cache), target.getFileName() + ".");
            TarGz.unpack(archive, partial);
            TempFiles.deleteRecursively(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(target.resolve(UNPACKED_MARKER));
            return target;
        } catch (IOException e) {
            throw new StackException("Could not unpack " + archive + " into " + target + ": " + e.getMessage()
                    + ". Delete the archive to download it again.", e);
        }
    }

    /** {@code ~/.cdc-verify/plugins}. */
    static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cdc-verify", "plugins");
    }
}
