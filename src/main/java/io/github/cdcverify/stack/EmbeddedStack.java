package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole pipeline, all real and all on 127.0.0.1: PostgreSQL (zonky's binaries) with
 * {@code wal_level=logical}, KRaft Kafka brokers and distributed Kafka Connect workers with the Debezium PostgreSQL
 * connector on their classpath, in the shape of a {@link Shape} (default: one broker, one worker, one
 * partition). In this JVM when its class path holds the pipeline's own artifacts (cdc-verify's build, its CLI);
 * else, as in a user's project, each node in a JVM of its own on the pipeline's class path (see
 * {@link PipelineClasspath}).
 *
 * <p>Defaults: free ports, database {@code playground}, user and password {@code postgres}. All state lives under
 * one temporary directory that {@link #close()} removes. PostgreSQL starts in parallel with Kafka; Connect starts
 * once Kafka is up.
 */
public final class EmbeddedStack implements CdcStack {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private int postgresPort;
    private int kafkaPort;
    private int connectPort;
    private String database = "playground";
    private String user = "postgres";
    private String password = "postgres";
    private Shape shape = Shape.single();
    private SaslScram saslScram;
    private Path pluginPath;
    private String debeziumVersion;
    private final NodePlacement placement = new NodePlacement();
    private String connectorVersion;

    private Path workDirectory;
    private EmbeddedNodes nodes;
    private final StartupTimes startupTimes = new StartupTimes();

    /** PostgreSQL's port; 0 (the default) picks a free one. */
    public EmbeddedStack withPostgresPort(int port) {
        this.postgresPort = port;
        return this;
    }

    /** Brokers, Connect workers, partitions and topic auto-creation; default {@link Shape#single()}. */
    public EmbeddedStack withShape(Shape shape) {
        this.shape = Objects.requireNonNull(shape, "shape");
        return this;
    }

    /** The first Kafka broker's client port; 0 (the default) picks a free one, as for every further broker. */
    public EmbeddedStack withKafkaPort(int port) {
        this.kafkaPort = port;
        return this;
    }

    /** The first Connect worker's REST port; 0 (the default) picks a free one, as for every further worker. */
    public EmbeddedStack withConnectPort(int port) {
        this.connectPort = port;
        return this;
    }

    /** The database created at start; default {@code playground}. */
    public EmbeddedStack withDatabase(String database) {
        this.database = database;
        return this;
    }

    /** The superuser and its password; default {@code postgres}/{@code postgres}. */
    public EmbeddedStack withCredentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /**
     * A directory of the user's own Connect plugins (SMTs, converters, predicates: each jar or subdirectory one
     * plugin, loaded in a class loader of its own) for every Connect worker's {@code plugin.path}. Default:
     * {@code cdc.plugin-path} / {@code CDC_PLUGIN_PATH}, else none.
     */
    public EmbeddedStack withPluginPath(Path directory) {
        this.pluginPath = directory;
        return this;
    }

    /**
     * Runs the Debezium PostgreSQL connector of {@code version} (e.g. {@code 2.7.4.Final}) instead of the one
     * cdc-verify is built with: its plugin archive from the local Maven repository or Maven Central, unpacked into
     * {@code ~/.cdc-verify/plugins}, on the plugin path of Connect workers that run in JVMs of their own without
     * cdc-verify's Debezium. Default: {@code cdc.debezium-version} / {@code CDC_DEBEZIUM_VERSION}, else ours.
     */
    public EmbeddedStack withDebeziumVersion(String version) {
        this.debeziumVersion = version;
        return this;
    }

    /**
     * Adds a SASL_PLAINTEXT listener with SCRAM-SHA-256 to every broker and creates {@code user}'s credential, so
     * that clients can be tested against a secured listener (see {@link #saslBootstrapServers()} and
     * {@link SaslScram#clientSettings()}). The PLAINTEXT listener stays: Connect and {@link #kafka()} use it.
     *
     * @throws IllegalArgumentException for a name or password the broker's configuration cannot carry
     */
    public EmbeddedStack withSaslScram(String user, String password) {
        this.saslScram = new SaslScram(user, password);
        return this;
    }

    /**
     * The SASL listeners of {@link #withSaslScram}, e.g. {@code 127.0.0.1:41234}.
     *
     * @throws IllegalStateException when the stack was not configured with SASL or is not started
     */
    public String saslBootstrapServers() {
        if (saslScram == null) {
            throw new IllegalStateException("The embedded stack has no SASL listener: call withSaslScram first");
        }
        return requireStarted(nodes).kafka().saslBootstrapServers();
    }

    @Override
    public synchronized void start() {
        if (workDirectory != null) {
            return;
        }
        int pgPort = Ports.choose(postgresPort, "PostgreSQL", "--postgres-port");
        int brokerPort = Ports.choose(kafkaPort, "Kafka", "--kafka-port");
        int restPort = Ports.choose(connectPort, "Kafka Connect", "--connect-port");
        QuietLogging.apply();
        StackConfig config = StackConfig.fromSystem();
        if (pluginPath == null) {
            pluginPath = config.pluginPath().orElse(null);
        }
        if (debeziumVersion == null) {
            debeziumVersion = config.debeziumVersion().orElse(null);
        }
        List<Path> plugins = new ArrayList<>();
        if (debeziumVersion != null) {
            plugins.add(DebeziumPlugin.directory(debeziumVersion, MavenRepository.local(), DebeziumPlugin.defaultCache()));
        }
        if (pluginPath != null) {
            plugins.add(pluginPath);
        }
        NodePlacement.NodeClassPaths classPaths = placement.classPaths(shape, debeziumVersion);
        workDirectory = createWorkDirectory();
        nodes = EmbeddedNodes.create(workDirectory, new EmbeddedNodes.FirstPorts(pgPort, brokerPort, restPort),
                new EmbeddedNodes.Database(database, user, password), shape, saslScram, classPaths, plugins,
                pluginPath != null, startupTimes);
        try {
            nodes.startAll();
            List<EmbeddedConnectWorker> workers = nodes.connectWorkers();
            connectorVersion = ConnectorPlugins.postgresConnectorVersion(workers.get(0).url());
            log.info("Debezium PostgreSQL connector {} runs on the Connect worker{}", connectorVersion,
                    workers.size() == 1 ? "" : "s");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The version of the Debezium PostgreSQL connector the Connect workers run, as they list it (e.g.
     * {@code 3.7.0.Final}).
     *
     * @throws IllegalStateException when the stack is not started
     */
    public String debeziumConnectorVersion() {
        return requireStarted(connectorVersion);
    }

    /** The endpoints and shape of {@link CdcStack#describe()}, and the Debezium connector's version. */
    @Override
    public String describe() {
        return CdcStack.super.describe() + System.lineSeparator() + "debezium:   PostgreSQL connector "
                + debeziumConnectorVersion() + (debeziumVersion == null ? "" : " (plugin)")
                + (pluginPath == null ? "" : ", plugins from " + pluginPath)
                + (nodesInOwnProcesses() && placement.isolated()
                        ? ", nodes in JVMs of their own (pipeline class path)" : "");
    }

    /**
     * How long each component took to start, by name ({@code PostgreSQL}, {@code Kafka broker},
     * {@code Kafka Connect worker}, and {@code ... (restart)} for restarts), in the order they finished.
     * PostgreSQL starts in parallel with Kafka, so the durations overlap.
     */
    public Map<String, Duration> startupTimes() {
        return startupTimes.snapshot();
    }

    private static Path createWorkDirectory() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        AbandonedStacks.sweep(root);
        return AbandonedStacks.claim(root);
    }

    @Override
    public PostgresEndpoint postgres() {
        return requireStarted(nodes).postgres().endpoint();
    }

    @Override
    public String kafkaBootstrapServers() {
        return requireStarted(nodes).kafka().bootstrapServers();
    }

    /** The first worker's REST API; any worker of the group forwards what only the leader may do. */
    @Override
    public String connectUrl() {
        return requireStarted(nodes).connectWorkers().get(0).url();
    }

    @Override
    public List<String> connectUrls() {
        return requireStarted(nodes).connectWorkers().stream().map(EmbeddedConnectWorker::url).toList();
    }

    @Override
    public Optional<Shape> shape() {
        return Optional.of(shape);
    }

    @Override
    public String kind() {
        return "embedded";
    }

    private <T> T requireStarted(T component) {
        if (component == null) {
            throw new IllegalStateException("The embedded stack is not started: call start() first");
        }
        return component;
    }

    /** Every component restarts on its own port with its own data. */
    @Override
    public boolean canRestart(Component component) {
        return true;
    }

    /**
     * Whether Kafka nodes and Connect workers run in JVMs of their own: in a shape of several nodes, when this JVM's
     * class path holds other versions of the pipeline's artifacts than it was built with, and (the workers) with
     * another Debezium version.
     */
    public boolean nodesInOwnProcesses() {
        return placement.nodesInOwnProcesses(shape, debeziumVersion);
    }

    /**
     * What the Connect workers printed in their own JVMs (at INFO: Debezium's configuration dump, task errors),
     * one after another; empty when they run in this JVM, whose log has it instead.
     */
    public String connectLogs() {
        return requireStarted(nodes).connectWorkers().stream().map(EmbeddedConnectWorker::processLog)
                .reduce("", String::concat);
    }

    @Override
    public int nodes(Component component) {
        return shape.nodes(component);
    }

    /**
     * PostgreSQL always ({@code pg_ctl -m immediate stop}); Kafka nodes and Connect workers in a shape of several
     * nodes, where each runs in a JVM of its own (SIGKILL).
     */
    @Override
    public boolean canCrash(Component component) {
        return switch (component) {
            case POSTGRES -> true;
            case KAFKA -> placement.brokersInOwnProcesses(shape);
            case CONNECT -> nodesInOwnProcesses();
        };
    }

    @Override
    public synchronized void crash(Component component, int node) {
        requireStarted(workDirectory);
        if (!canCrash(component)) {
            throw new UnsupportedOperationException("The embedded stack runs " + component + " in this JVM, which "
                    + "cannot kill a part of itself: use a shape of several brokers or workers");
        }
        nodes.crash(component, node);
    }

    @Override
    public synchronized void recover(Component component, int node) {
        requireStarted(workDirectory);
        nodes.recover(component, node);
    }

    /**
     * Stops one component, keeping its data: PostgreSQL with {@code pg_ctl -m fast stop}, every Kafka broker with a
     * controlled shutdown, every Connect worker with {@code Connect.stop()} (its tasks stop and commit their offsets,
     * as on SIGTERM; a JVM cannot kill part of itself with SIGKILL). The others keep running.
     */
    @Override
    public synchronized void stop(Component component) {
        requireStarted(workDirectory);
        nodes.stop(component);
    }

    /**
     * Starts a component stopped with {@link #stop(Component)} on the same port and data, and returns when it is
     * usable again: PostgreSQL accepts connections, Kafka's broker is unfenced, Connect lists its connectors.
     */
    @Override
    public synchronized void start(Component component) {
        requireStarted(workDirectory);
        nodes.start(component);
    }

    /**
     * The nodes (see {@link EmbeddedNodes#close()}: Connect first, then Kafka and Postgres), then the state on disk.
     */
    @Override
    public synchronized void close() {
        if (nodes != null) {
            nodes.close();
            nodes = null;
        }
        connectorVersion = null;
        if (workDirectory != null) {
            TempFiles.deleteRecursively(workDirectory);
            workDirectory = null;
        }
    }
}
