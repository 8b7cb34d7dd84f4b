package io.github.cdcverify.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline that already runs (a user's staging, a real cluster): only endpoints, no lifecycle. {@link #start()}
 * and {@link #close()} do nothing; whatever a check creates on it, it removes itself.
 */
public final class ExternalStack implements CdcStack {

    static final String DB_HOST = "cdc.db.host";
    static final String DB_PORT = "cdc.db.port";
    static final String DB_NAME = "cdc.db.name";
    static final String DB_USER = "cdc.db.user";
    static final String DB_PASSWORD_FILE = "cdc.db.password-file";
    static final String KAFKA = "cdc.kafka";
    static final String CONNECT_URL = "cdc.connect-url";
    static final String CONNECTOR_DB_HOST = "cdc.connector-db-host";
    static final String CONNECTOR_DB_PORT = "cdc.connector-db-port";

    private final PostgresEndpoint postgres;
    private final KafkaEndpoint kafka;
    private final String connectUrl;
    private Shape shape;

    /** A pipeline whose Kafka needs nothing beyond its address. */
    public ExternalStack(PostgresEndpoint postgres, String kafkaBootstrapServers, String connectUrl) {
        this(postgres, KafkaEndpoint.plaintext(kafkaBootstrapServers), connectUrl);
    }

    /** A pipeline whose Kafka clients need settings of their own (a secured cluster). */
    public ExternalStack(PostgresEndpoint postgres, KafkaEndpoint kafka, String connectUrl) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.connectUrl = connectUrl;
    }

    /** The pipeline's shape, when it is known (the one {@code cdc-verify up} recorded). */
    ExternalStack withShape(Shape shape) {
        this.shape = shape;
        return this;
    }

    @Override
    public Optional<Shape> shape() {
        return Optional.ofNullable(shape);
    }

    /**
     * Reads the endpoints: {@code cdc.db.host} ({@code CDC_DB_HOST}), {@code cdc.db.port}, {@code cdc.db.name},
     * {@code cdc.db.user}, the password from {@code CDC_DB_PASSWORD} or the file {@code cdc.db.password-file},
     * {@code cdc.kafka}, the Kafka client settings file {@code cdc.kafka-config}, {@code cdc.connect-url}, and
     * {@code cdc.connector-db-host}/{@code -port} when the connector reaches PostgreSQL differently,
     * {@code cdc.db.sslmode}, and {@code cdc.connector-db-password} (a Connect config provider reference given to
     * connectors instead of the password). Defaults are the tutorial's (localhost:5432 playground postgres,
     * localhost:9092, http://localhost:8084).
     */
    static ExternalStack fromConfig(StackConfig config) {
        String host = config.get(DB_HOST).orElse(TutorialDefaults.DB_HOST);
        int port = port(config, DB_PORT, TutorialDefaults.DB_PORT);
        PostgresEndpoint postgres = new PostgresEndpoint(host, port,
                config.get(DB_NAME).orElse(TutorialDefaults.DB_NAME),
                config.get(DB_USER).orElse(TutorialDefaults.DB_USER),
                password(config),
                config.get(CONNECTOR_DB_HOST).orElse(host),
                port(config, CONNECTOR_DB_PORT, port))
                .withSslMode(config.get(StackConfig.DB_SSLMODE).orElse(null))
                .withConnectorPassword(config.get(StackConfig.CONNECTOR_DB_PASSWORD).orElse(null));
        return new ExternalStack(postgres,
                new KafkaEndpoint(config.get(KAFKA).orElse(TutorialDefaults.KAFKA), config.kafkaClientSettings()),
                config.get(CONNECT_URL).orElse(TutorialDefaults.CONNECT_URL));
    }

    /**
     * What to tell the user before checks that register temporary connectors of their own on {@code stack} (the
     * built-in checks, {@code --soak}): one {@code WARN} line when it is a pipeline we did not start and those
     * connectors would get the database password itself, else nothing. Kafka Connect keeps every connector's
     * configuration in its config topic, deleted connectors' too until compaction, and answers it to
     * {@code GET /connectors/NAME/config}; the REST API does not say whether the workers have a config provider, so
     * the user is told rather than a reference guessed. Our own stacks' passwords are ours and throw-away.
     */
    public static List<String> temporaryConnectorWarnings(CdcStack stack) {
        if (!(stack instanceof ExternalStack external)
                || !Objects.equals(external.postgres.connectorPassword(), external.postgres.password())) {
            return List.of();
        }
        // Not "database.password: ...": a redacting log or report would take the words after it for the password.
        return List.of("WARN database.password in clear: the checks register temporary connectors with your "
                + "database password, and Kafka Connect keeps it in its config topic and shows it at GET "
                + "/connectors/NAME/config. Give them a config provider reference instead: --connector-db-password "
                + "'${file:/etc/kafka/secrets/db.properties:password}' (env CDC_CONNECTOR_DB_PASSWORD; the workers "
                + "need config.providers=file with org.apache.kafka.common.config.provider.FileConfigProvider).");
    }

    private static int port(StackConfig config, String property, int fallback) {
        String value = config.get(property).orElse(String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StackException("Invalid port '" + value + "' in " + property + ": use a number such as 5432.");
        }
    }

    private static String password(StackConfig config) {
        return DatabasePassword.resolve(config.get(DB_PASSWORD_FILE).map(Path::of).orElse(null));
    }

    @Override
    public void start() {
        // Nothing to start: the pipeline runs already.
    }

    @Override
    public PostgresEndpoint postgres() {
        return postgres;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public Map<String, String> kafkaClientProperties() {
        return kafka.clientSettings();
    }

    @Override
    public KafkaEndpoint kafka() {
        return kafka;
    }

    @Override
    public String connectUrl() {
        return connectUrl;
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
