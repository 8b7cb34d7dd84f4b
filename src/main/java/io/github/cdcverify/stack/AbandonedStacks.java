package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The embedded stacks' work directories and who owns them. Kafka and Connect live inside the JVM and die with it,
 * but PostgreSQL is a process of its own: when a JVM ends without running its shutdown hooks (killed, crashed),
 * its PostgreSQL keeps running and its directory stays. Each directory names its owner; the next embedded stack
 * to start stops what an ended owner left behind and removes it.
 */
final class AbandonedStacks {

    static final String PREFIX = "cdc-verify-";
    static final String OWNER_FILE = "owner.pid";

    private static final Logger log = LoggerFactory.getLogger(AbandonedStacks.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private AbandonedStacks() {
    }

    /** A new work directory in {@code root}, owned by this process. */
    static Path claim(Path root) {
        try {
            Path directory = Files.createTempDirectory(root, PREFIX);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(directory.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(0L),
                    StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the embedded stack in "
                    + root, e);
        }
    }

    /**
     * Stops the PostgreSQL server of every work directory in {@code root} whose owner has ended, and removes the
     * directory. Directories without an owner file (made by someone else) and those of live owners stay.
     *
     * @return the directories removed
     */
    static List<Path> sweep(Path root) {
        List<Path> abandoned;
        try (Stream<Path> entries = Files.list(root)) {
            abandoned = entries.filter(path -> path.getFileName().toString().startsWith(PREFIX))
                    .filter(path -> Files.isRegularFile(path.resolve(OWNER_FILE)))
                    .filter(AbandonedStacks::ownerEnded)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not look for abandoned embedded stacks in {}: {}", root, e.getMessage());
            return List.of();
        }
        abandoned.forEach(AbandonedStacks::remove);
        return abandoned;
    }

    private static boolean ownerEnded(Path directory) {
        try {
            String[] owner = Files.readString(directory.resolve(OWNER_FILE), StandardCharsets.UTF_8).trim()
                    .split(" ");
            long pid = Long.parseLong(owner[0]);
            long started = Long.parseLong(owner[1]);
            // A recycled pid belongs to a process that started at another time (a second apart at least: the
            // start time is derived from clock ticks since boot, so allow for rounding).
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(AbandonedStacks::startMillis)
                    .map(start -> started != 0 && Math.abs(start - started) > 1_000)
                    .orElse(true);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void remove(Path directory) {
        Optional<ProcessHandle> postgres = postmaster(directory.resolve("postgres"));
        postgres.ifPresent(AbandonedStacks::stop);
        TempFiles.deleteRecursively(directory);
        log.warn("Removed an embedded stack whose process ended without closing it: {}{}", directory,
                postgres.map(p -> " (stopped its PostgreSQL, pid " + p.pid() + ")").orElse(""));
    }

    /** The live server whose pid PostgreSQL wrote into the data directory, if its command line names that directory. */
    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(dataDirectory.toString()))
                            .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
