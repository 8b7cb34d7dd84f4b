package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The pipeline that {@code cdc-verify up} keeps running, found through a small state file it writes while it runs
 * ({@code ~/.cdc-verify/running-stack.properties}): its endpoints and process id, never the password. A test run or
 * a scenario started from the IDE attaches to it instead of starting a stack of its own, which makes a single
 * scenario take a second or two instead of the stack's start-up.
 *
 * <p>Attaching happens only when {@code cdc.stack} is not set; {@code -Dcdc.attach=false} (or
 * {@code CDC_ATTACH=false}) turns it off. A file whose process is gone, or whose Connect does not answer, is ignored.
 */
public final class RunningStack {

    /** Set to {@code false} to never attach to a running {@code cdc-verify up}. */
    public static final String ATTACH = "cdc.attach";
    /** Where the state file is; default {@code ~/.cdc-verify/running-stack.properties}. */
    public static final String FILE = "cdc.running-stack-file";

    private static final Logger log = LoggerFactory.getLogger(RunningStack.class);
    private static final int CONNECT_ANSWER_TIMEOUT_MS = 500;

    private final Path file;

    private RunningStack(Path file) {
        this.file = file;
    }

    /** The state file named by {@code cdc.running-stack-file}, else the default in the user's home. */
    public static RunningStack of(StackConfig config) {
        return new RunningStack(config.get(FILE).map(Path::of).orElseGet(
                () -> Path.of(System.getProperty("user.home"), ".cdc-verify", "running-stack.properties")));
    }

    public Path file() {
        return file;
    }

    /**
     * Records {@code stack} as the running pipeline of this process. The file holds endpoints only (readable by the
     * user alone), the Connect URL without user info; the passwords stay where they were configured.
     *
     * @throws StackException when the file cannot be written, naming it
     */
    public void record(CdcStack stack) {
        Properties state = new Properties();
        state.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        PostgresEndpoint postgres = stack.postgres();
        state.setProperty(ExternalStack.DB_HOST, postgres.host());
        state.setProperty(ExternalStack.DB_PORT, String.valueOf(postgres.port()));
        state.setProperty(ExternalStack.DB_NAME, postgres.database());
        state.setProperty(ExternalStack.DB_USER, postgres.user());
        state.setProperty(ExternalStack.KAFKA, stack.kafkaBootstrapServers());
        // Without user info: `up` runs our own stack, whose Connect asks for no login, so the URL works without it;
        // a login in it would sit in a file we leave behind.
        state.setProperty(ExternalStack.CONNECT_URL, stack.connectUrl().replaceFirst("^(https?://)[^/@]*@", "$1"));
        stack.shape().ifPresent(shape -> {
            state.setProperty(Shape.BROKERS_PROPERTY, String.valueOf(shape.brokers()));
            state.setProperty(Shape.WORKERS_PROPERTY, String.valueOf(shape.connectWorkers()));
            state.setProperty(Shape.PARTITIONS_PROPERTY, String.valueOf(shape.partitions()));
            state.setProperty(Shape.AUTO_CREATE_PROPERTY, String.valueOf(shape.topicAutoCreation()));
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), "running-stack", ".tmp");
            try (Writer writer = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                state.store(writer, "written by cdc-verify up; removed when it stops");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("Could not write " + file + " (where tests find this pipeline): "
                    + e.getMessage() + ". Check that the directory is writable, or set " + FILE + ".");
        }
    }

    /** Removes the file if this process wrote it. */
    public void forget() {
        Optional<Properties> state = read();
        if (state.isPresent() && String.valueOf(ProcessHandle.current().pid()).equals(state.get().getProperty("pid"))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not remove {}: {}. Remove it by hand; tests ignore it once this process is gone.",
                        file, e.getMessage());
            }
        }
    }

    /**
     * The running pipeline to attach to: present when attaching is allowed by {@code config}, the file names a live
     * process, its Connect REST port answers, and its shape is the one {@code config} asks for (the suite, for one,
     * asks for brokers that do not create topics: {@code cdc-verify up --topic-auto-create false}).
     */
    public Optional<CdcStack> attachable(StackConfig config) {
        if (config.get(StackConfig.STACK).isPresent()
                || "false".equalsIgnoreCase(config.get(ATTACH).orElse("true"))) {
            return Optional.empty();
        }
        Optional<Properties> state = read();
        if (state.isEmpty() || !alive(state.get()) || !answers(state.get().getProperty(ExternalStack.CONNECT_URL))) {
            return Optional.empty();
        }
        StackConfig attached = config.layered(state.get());
        Shape running = attached.shape();
        Shape wanted = config.shape();
        if (!running.equals(wanted)) {
            log.info("Not attaching to the pipeline `cdc-verify up` runs (pid {}): its shape ({}) is not the one this "
                    + "run asks for ({}); start it with the matching options (--brokers, --connect-workers, "
                    + "--partitions, --topic-auto-create) to attach", state.get().getProperty("pid"),
                    running.describe(), wanted.describe());
            return Optional.empty();
        }
        log.info("Attaching to the pipeline `cdc-verify up` runs (pid {}, {}); -D{}=false starts a stack of its own",
                state.get().getProperty("pid"), file, ATTACH);
        return Optional.of(ExternalStack.fromConfig(attached).withShape(running));
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            state.load(reader);
            return Optional.of(state);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean alive(Properties state) {
        try {
            return ProcessHandle.of(Long.parseLong(state.getProperty("pid", ""))).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean answers(String connectUrl) {
        if (connectUrl == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            URI uri = URI.create(connectUrl);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_ANSWER_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
