package io.github.cdcverify.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One node of an embedded stack (a Kafka broker, a Connect worker, PostgreSQL) in a JVM of its own, started through
 * {@link NodeMain}: so that it can die hard ({@link #kill()} is a SIGKILL, with no shutdown of any kind, as a crashed
 * machine would), or run on the pipeline's own class path in a project that manages other versions. Its output goes
 * to {@code node.log} in its directory.
 *
 * <p>The child ends by itself when this JVM goes away (its standard input closes), so no node outlives its stack.
 */
final class NodeProcess {

    private static final long STOP_GRACE_SECONDS = 30;

    private final String role;
    private final Path directory;
    private final Map<String, String> properties;
    private final String maxHeap;
    private final String classPath;
    private String secret;
    private Process process;

    /**
     * @param role       {@code kafka}, {@code connect} or {@code postgres} (see {@link NodeMain})
     * @param directory  where its properties file and log go
     * @param properties the server's or worker's properties
     * @param classPath  the node's class path: this JVM's, or the pipeline's own ({@link PipelineClasspath})
     */
    NodeProcess(String role, Path directory, Map<String, String> properties, String maxHeap, String classPath) {
        this.role = role;
        this.directory = directory;
        this.properties = Map.copyOf(properties);
        this.maxHeap = maxHeap;
        this.classPath = classPath;
    }

    /**
     * A line the node reads first from its standard input (a password): never in its properties file, its command
     * line or its environment.
     */
    NodeProcess withSecret(String secret) {
        this.secret = secret;
        return this;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Launches the JVM; the caller waits for the node to answer. */
    private void start() {
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve(role + ".properties");
            Properties file = new Properties();
            file.putAll(properties);
            try (OutputStream out = Files.newOutputStream(config)) {
                file.store(out, "cdc-verify " + role + " node");
            }
            // A Connect worker logs at INFO into its node.log (Debezium's configuration dump, task errors): the file
            // is what a user reads when a task fails, as they would read a Connect container's output.
            String thirdParty = "connect".equals(role) ? "INFO" : System.getProperty("cdc.log.thirdparty", "WARN");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dcdc.log.thirdparty=" + thirdParty,
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
                    classPath, NodeMain.class.getName(), role, config.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("node.log").toFile()))
                    .start();
            if (secret != null) {
                // Standard input stays open: its end is what tells the node that its parent is gone.
                OutputStream in = process.getOutputStream();
                in.write((secret + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
        } catch (IOException e) {
            throw new StackException("Could not start a " + role + " node process in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Launches the JVM and runs {@code awaitReady}; a node that does not become ready has its last output added to
     * the message.
     */
    void startAndAwait(Runnable awaitReady) {
        start();
        try {
            awaitReady.run();
        } catch (StackException e) {
            throw new StackException(e.getMessage() + ". Its last output:" + System.lineSeparator() + logTail(), e);
        }
    }

    /** SIGTERM, and the node's own shutdown hook (a controlled shutdown); SIGKILL if it is not gone in 30 s. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the cluster. Returns once the process is gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Everything the node printed so far. */
    String log() {
        try {
            return Files.readString(directory.resolve("node.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines the node printed, for a start-up failure's message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("node.log"), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
