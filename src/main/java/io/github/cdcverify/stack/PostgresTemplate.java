package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A freshly initialised PostgreSQL data directory kept under {@code ~/.cdc-verify/postgres-template/}, one per
 * packaged PostgreSQL build: copying it (~40 MB, a quarter of a second) replaces {@code initdb} (1.5 s and more),
 * the largest part of an embedded stack's start. It holds what {@code initdb} made and nothing else: no role,
 * password, database or setting of a run (those are added after the server starts).
 *
 * <p>Kept by the first start that finds none; written to a directory of its own and renamed into place, so that
 * processes starting at the same time never see half a template. Any trouble with it only costs the time it would
 * have saved: the start falls back to {@code initdb}.
 */
final class PostgresTemplate {

    private static final Logger log = LoggerFactory.getLogger(PostgresTemplate.class);

    // zonky's lock on the data directory it uses: the server's, not the template's
    private static final String ZONKY_LOCK = "epg-lock";

    private final Path directory;

    PostgresTemplate(Path directory) {
        this.directory = directory;
    }

    /** The template of the PostgreSQL build on the class path; empty when that build cannot be identified. */
    static Optional<PostgresTemplate> forPackagedBinaries() {
        return binariesArchive().map(archive -> new PostgresTemplate(Path.of(System.getProperty("user.home"),
                ".cdc-verify", "postgres-template", shortHash(archive.toString()))));
    }

    /** zonky's archive of the binaries for this machine; its URL names the jar and so the PostgreSQL version. */
    private static Optional<URL> binariesArchive() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String architecture = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : null;
        if (system == null || architecture == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(PostgresTemplate.class.getClassLoader()
                .getResource("postgres-" + system + "-" + architecture + ".txz"));
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether a complete template exists. */
    boolean exists() {
        return Files.isRegularFile(directory.resolve("postgresql.conf"));
    }

    /** Copies the template into {@code dataDirectory}, which must not exist or be empty. */
    void copyTo(Path dataDirectory) throws IOException {
        copyTree(directory, dataDirectory);
    }

    /**
     * Keeps {@code initialised} (a data directory {@code initdb} just made, server not started) as the template,
     * unless another process kept one meanwhile. A failure is logged, not thrown.
     */
    void keep(Path initialised) {
        Path partial = directory.resolveSibling(directory.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(directory.getParent());
            copyTree(initialised, partial);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            log.debug("Kept a PostgreSQL data directory template in {}", directory);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another process kept its template first, or this file system cannot rename atomically
        } catch (IOException | UncheckedIOException e) {
            if (!Files.isDirectory(directory)) {
                log.info("Could not keep a PostgreSQL template in {} ({}): every embedded start runs initdb",
                        directory, e.getMessage());
            }
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                if (source.getFileName().toString().equals(ZONKY_LOCK)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source) && Files.isDirectory(target)) {
                    // PostgreSQL refuses a data directory that others may read (0700 or 0750 only)
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteQuietly(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not remove {}: {}", tree, e.getMessage());
        }
    }
}
