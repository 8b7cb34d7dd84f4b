package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses and configures a stack from system properties and environment variables with the same names everywhere:
 * {@code -Dcdc.stack=embedded} or {@code CDC_STACK=embedded}. A system property wins over the environment.
 */
public final class StackConfig {

    private static final Logger log = LoggerFactory.getLogger(StackConfig.class);

    /** The property that names the kind of stack. */
    public static final String STACK = "cdc.stack";
    /** The property naming the Kafka client settings file (see {@link KafkaClientSettings}). */
    public static final String KAFKA_CONFIG = "cdc.kafka-config";
    /** The property of PostgreSQL's {@code sslmode} for our JDBC connections and our connectors. */
    public static final String DB_SSLMODE = "cdc.db.sslmode";
    /** The property of the config provider reference our connectors get as {@code database.password}. */
    public static final String CONNECTOR_DB_PASSWORD = "cdc.connector-db-password";
    /** The property naming a directory of the user's own Connect plugins (SMTs, converters, predicates). */
    public static final String PLUGIN_PATH = "cdc.plugin-path";
    /** The property of the Debezium PostgreSQL connector version to run instead of ours, e.g. 2.7.4.Final. */
    public static final String DEBEZIUM_VERSION = "cdc.debezium-version";

    /**
     * The property of the Connect workers' {@code scheduled.rebalance.max.delay.ms} in the stacks we start, e.g.
     * {@code 5m} for Connect's own default, {@code 1s} (our default) or a number of milliseconds.
     */
    public static final String CONNECT_REBALANCE_DELAY = "cdc.connect.rebalance-delay";
    /**
     * Our stacks' default {@code scheduled.rebalance.max.delay.ms}: a worker replaced without a clean leave would
     * otherwise have its tasks held back for Connect's default of 5 minutes, in case it comes back. Production groups
     * usually keep those 5 minutes: {@link #CONNECT_REBALANCE_DELAY} sets them, for scenarios that must meet them.
     */
    public static final Duration DEFAULT_CONNECT_REBALANCE_DELAY = Duration.ofSeconds(1);
    private static final Pattern DELAY = Pattern.compile("(\\d+)(ms|s|m)?");

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    StackConfig(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Reads the JVM's system properties and the process environment. */
    public static StackConfig fromSystem() {
        return new StackConfig(System::getProperty, System::getenv);
    }

    /** This configuration with {@code overrides} winning over its system properties and environment. */
    StackConfig layered(Properties overrides) {
        return new StackConfig(name -> overrides.getProperty(name, properties.apply(name)), environment);
    }

    /** A setting by property name, e.g. {@code cdc.stack}, else its environment form {@code CDC_STACK}. */
    public Optional<String> get(String property) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(String::trim);
    }

    /**
     * The Kafka client settings of the file named by {@code cdc.kafka-config} ({@code CDC_KAFKA_CONFIG}); empty when
     * none is named.
     *
     * @throws StackException naming the file and the setting when it cannot be read
     */
    public Map<String, String> kafkaClientSettings() {
        return get(KAFKA_CONFIG).map(Path::of).map(KafkaClientSettings::load).orElse(Map.of());
    }

    /**
     * The directory of {@code cdc.plugin-path} ({@code CDC_PLUGIN_PATH}); empty when none is named.
     *
     * @throws StackException when it names no directory
     */
    public Optional<Path> pluginPath() {
        return get(PLUGIN_PATH).map(value -> {
            Path directory = Path.of(value).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isDirectory(directory)) {
                throw new StackException("The plugin path '" + value + "' (--plugin-path / " + PLUGIN_PATH
                        + ") is not a directory. Name a directory that holds your plugin jars (SMTs, converters, "
                        + "predicates), each jar or subdirectory one plugin.");
            }
            return directory;
        });
    }

    /** The Debezium version of {@code cdc.debezium-version} ({@code CDC_DEBEZIUM_VERSION}); empty for ours. */
    public Optional<String> debeziumVersion() {
        return get(DEBEZIUM_VERSION);
    }

    /**
     * The shape for new stacks: {@code cdc.brokers}, {@code cdc.connect-workers}, {@code cdc.partitions},
     * {@code cdc.topic-auto-create} (or {@code CDC_BROKERS}, ...), each defaulting to {@link Shape#single()}'s.
     *
     * @throws StackException naming the setting when a value is not a number, not true/false, or out of range
     */
    public Shape shape() {
        Shape single = Shape.single();
        return new Shape(number(Shape.BROKERS_PROPERTY, single.brokers()),
                number(Shape.WORKERS_PROPERTY, single.connectWorkers()),
                number(Shape.PARTITIONS_PROPERTY, single.partitions()),
                flag(Shape.AUTO_CREATE_PROPERTY, single.topicAutoCreation()));
    }

    /**
     * The Connect workers' {@code scheduled.rebalance.max.delay.ms}: {@code cdc.connect.rebalance-delay}
     * ({@code CDC_CONNECT_REBALANCE_DELAY}) as {@code 300000}, {@code 300s} or {@code 5m}; default
     * {@link #DEFAULT_CONNECT_REBALANCE_DELAY}.
     *
     * @throws StackException naming the setting when the value is none of these
     */
    public Duration connectRebalanceDelay() {
        String value = get(CONNECT_REBALANCE_DELAY).orElse(null);
        if (value == null) {
            return DEFAULT_CONNECT_REBALANCE_DELAY;
        }
        Matcher matcher = DELAY.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new StackException("'" + value + "' in " + CONNECT_REBALANCE_DELAY + " is not a delay. Set it to "
                    + "e.g. 5m (Connect's default), 1s or 300000 (milliseconds).");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    private int number(String property, int fallback) {
        String value = get(property).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StackException("'" + value + "' in " + property + " is not a whole number. Set it to e.g. 3.");
        }
    }

    private boolean flag(String property, boolean fallback) {
        String value = get(property).orElse(null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new StackException("'" + value + "' in " + property + " is neither true nor false.");
        };
    }

    /**
     * A new, not yet started stack of the configured kind: {@code embedded}, {@code containers}, {@code external},
     * or {@code auto} (the default: {@code containers} when a Docker environment answers, else {@code embedded}).
     *
     * @throws StackException for an unknown kind, naming the accepted ones
     */
    public CdcStack newStack() {
        return newStack(shape());
    }

    /** A new, not yet started stack of the configured kind in the given shape. */
    public CdcStack newStack(Shape shape) {
        return newStack(get(STACK).orElse("auto"), shape);
    }

    /**
     * A new, not yet started stack of {@code kind}, configured from this configuration (images, endpoints).
     *
     * @throws StackException for an unknown kind, naming the accepted ones
     */
    public CdcStack newStack(String kind) {
        return newStack(kind, shape());
    }

    /**
     * A new, not yet started stack of {@code kind} in the given shape (ignored by {@code external}: that pipeline's
     * shape is what it is).
     *
     * @throws StackException for an unknown kind, or a shape the kind cannot take
     */
    public CdcStack newStack(String kind, Shape shape) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "embedded" -> embeddedStack(shape);
            case "containers" -> containerStack(shape);
            case "external" -> ExternalStack.fromConfig(this);
            case "auto" -> auto(shape);
            default -> throw new StackException("Unknown stack kind '" + kind + "' in " + STACK + " / CDC_STACK. "
                    + "Use embedded, containers, external or auto (the default).");
        };
    }

    private EmbeddedStack embeddedStack(Shape shape) {
        QuietLogging.apply();
        return new EmbeddedStack().withShape(shape).withPluginPath(pluginPath().orElse(null))
                .withDebeziumVersion(debeziumVersion().orElse(null));
    }

    private ContainerStack containerStack(Shape shape) {
        requireTestcontainers(StackConfig.class.getClassLoader());
        QuietLogging.apply();
        if (debeziumVersion().isPresent()) {
            throw new StackException("--debezium-version / " + DEBEZIUM_VERSION + " runs another Debezium on the "
                    + "embedded stack only; the container stack runs the Connect image's (choose one with "
                    + ContainerImages.CONNECT_PROPERTY + "). Use --stack embedded, or drop the version.");
        }
        return new ContainerStack().withShape(shape).withPluginPath(pluginPath().orElse(null))
                .withPostgresImage(get(ContainerImages.POSTGRES_PROPERTY).orElse(ContainerImages.POSTGRES))
                .withKafkaImage(get(ContainerImages.KAFKA_PROPERTY).orElse(ContainerImages.KAFKA))
                .withConnectImage(get(ContainerImages.CONNECT_PROPERTY).orElse(ContainerImages.CONNECT));
    }

    private CdcStack auto(Shape shape) {
        if (debeziumVersion().isEmpty() && !testcontainersPresent(StackConfig.class.getClassLoader()) && DockerSockets.anyVisible(environment)) {
            log.info("cdc.stack=auto: a container engine may be there, but Testcontainers is not on the class path "
                    + "(add org.testcontainers:testcontainers-postgresql to use containers): using the embedded stack");
            return embeddedStack(shape);
        }
        boolean docker = debeziumVersion().isEmpty() && dockerAnswers();
        log.info("cdc.stack=auto: {}", docker ? "a Docker environment answers, using containers"
                : debeziumVersion().isPresent() ? "another Debezium version runs on the embedded stack only"
                : "no Docker environment answers, using the embedded stack");
        return docker ? containerStack(shape) : embeddedStack(shape);
    }

    /** Whether Testcontainers is on the class path: optional in cdc-verify's artifact, a project adds it. */
    static boolean testcontainersPresent(ClassLoader loader) {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws StackException naming the artifact to add, when {@code loader} cannot see Testcontainers */
    static void requireTestcontainers(ClassLoader loader) {
        if (!testcontainersPresent(loader)) {
            throw new StackException("The containers stack needs Testcontainers, which cdc-verify does not bring "
                    + "into a project by itself (it is optional, so that a test class path without containers stays "
                    + "small). Add org.testcontainers:testcontainers-postgresql (Testcontainers 2.x) in test scope, "
                    + "or use the embedded stack: --stack embedded / -Dcdc.stack=embedded.");
        }
    }

    /**
     * Asked only for {@code auto}: looking for Docker costs time and logs, so explicit kinds skip it. Where no
     * engine's socket or {@code DOCKER_HOST} is to be seen, Testcontainers is not asked at all: it would log an
     * ERROR about a missing Docker environment in the user's own logging.
     */
    private boolean dockerAnswers() {
        if (!DockerSockets.anyVisible(environment)) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
