package io.github.cdcverify.connect;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable builder of Debezium PostgreSQL connector configurations. Each {@code with...} method returns a new
 * instance, so a base configuration can be shared and varied safely.
 *
 * <p>Defaults, chosen for low latency and the envelope shape the tutorial describes:
 * <ul>
 *   <li>{@code connector.class} {@value #CONNECTOR_CLASS}, {@code tasks.max} 1 (the connector only ever uses one)</li>
 *   <li>{@code plugin.name} pgoutput (built into PostgreSQL 10+, needs no server extension)</li>
 *   <li>{@code topic.prefix} {@value #DEFAULT_TOPIC_PREFIX}; {@code snapshot.mode} initial</li>
 *   <li>{@code slot.name} and {@code publication.name} derived from the connector name (see
 *       {@link #sanitize(String)}), so two connectors never share a slot</li>
 *   <li>{@code publication.autocreate.mode} filtered: the publication covers only the included tables</li>
 *   <li>{@code topic.creation.default.partitions} and {@code .replication.factor} -1: Connect creates the
 *       connector's topics with the brokers' defaults, also where brokers do not create topics by themselves</li>
 *   <li>{@code poll.interval.ms} 5 and {@code producer.override.linger.ms} 0: events reach Kafka in milliseconds</li>
 *   <li>JSON converters with schemas enabled for key and value, and {@code replace.null.with.default} false so a
 *       SQL NULL stays {@code null} instead of becoming the column default</li>
 * </ul>
 */
public final class DebeziumPostgresConfig {

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String DEFAULT_TOPIC_PREFIX = "dbserver1";

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    // PostgreSQL's NAMEDATALEN - 1: longer slot or publication names are rejected or truncated.
    private static final int MAX_PG_NAME_LENGTH = 63;
    private static final String PUBLICATION_SUFFIX = "_pub";

    private final String name;
    private final Map<String, String> config;

    private DebeziumPostgresConfig(String name, Map<String, String> config) {
        this.name = name;
        this.config = Collections.unmodifiableMap(config);
    }

    /**
     * Starts a configuration with the defaults listed on the class; database settings still need
     * {@link #withDatabase} and usually {@link #withTables}.
     *
     * @param name the connector name, also the source of the default slot and publication names
     * @throws IllegalArgumentException if the name is blank
     */
    public static DebeziumPostgresConfig forConnector(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Connector name must not be blank");
        }
        Map<String, String> config = new LinkedHashMap<>();
        // Connect's validate endpoint requires the name; PUT /connectors/{name}/config accepts it when it matches.
        config.put("name", name);
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("topic.prefix", DEFAULT_TOPIC_PREFIX);
        String base = sanitize(name);
        config.put("slot.name", base);
        config.put("publication.name",
                truncate(base, MAX_PG_NAME_LENGTH - PUBLICATION_SUFFIX.length()) + PUBLICATION_SUFFIX);
        config.put("publication.autocreate.mode", "filtered");
        config.put("snapshot.mode", "initial");
        // Connect creates the topics itself, with the brokers' default partitions and replication factor (-1), so
        // that the connector also works where brokers do not create topics on first use (the usual production
        // setting).
        config.put("topic.creation.default.partitions", "-1");
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("poll.interval.ms", "5");
        config.put("producer.override.linger.ms", "0");
        for (String side : new String[] {"key", "value"}) {
            config.put(side + ".converter", JSON_CONVERTER);
            config.put(side + ".converter.schemas.enable", "true");
            config.put(side + ".converter.replace.null.with.default", "false");
        }
        return new DebeziumPostgresConfig(name, config);
    }

    /**
     * Turns a connector name into a valid PostgreSQL replication slot or publication name: lower case, every
     * character outside {@code [a-z0-9_]} replaced by {@code _}, prefixed with {@code cdc_} if it would not start
     * with a letter or underscore, and cut to 63 characters. E.g. {@code Users-Connector.v2} gives
     * {@code users_connector_v2}.
     */
    public static String sanitize(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
            cleaned = "cdc_" + cleaned;
        }
        return truncate(cleaned, MAX_PG_NAME_LENGTH);
    }

    /** The connector name this configuration is for. */
    public String name() {
        return name;
    }

    /**
     * Sets {@code database.hostname}, {@code database.port}, {@code database.dbname}, {@code database.user} and
     * {@code database.password}.
     *
     * @throws IllegalArgumentException if the port is outside 1..65535
     */
    public DebeziumPostgresConfig withDatabase(String host, int port, String dbname, String user, String password) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("database port must be 1..65535, got " + port);
        }
        Map<String, String> copy = copy();
        copy.put("database.hostname", Objects.requireNonNull(host, "host"));
        copy.put("database.port", Integer.toString(port));
        copy.put("database.dbname", Objects.requireNonNull(dbname, "dbname"));
        copy.put("database.user", Objects.requireNonNull(user, "user"));
        copy.put("database.password", Objects.requireNonNull(password, "password"));
        return new DebeziumPostgresConfig(name, copy);
    }

    /**
     * Sets {@code database.sslmode} ({@code require}, {@code verify-full}, ...): how the connector's own connections
     * to PostgreSQL use TLS.
     *
     * @param sslMode the mode; {@code null} removes it (Debezium's default, {@code prefer})
     */
    public DebeziumPostgresConfig withSslMode(String sslMode) {
        return with("database.sslmode", sslMode);
    }

    /** Sets {@code topic.prefix} (default {@value #DEFAULT_TOPIC_PREFIX}): topics are {@code prefix.schema.table}. */
    public DebeziumPostgresConfig withTopicPrefix(String topicPrefix) {
        return with("topic.prefix", topicPrefix);
    }

    /**
     * Sets {@code table.include.list}, e.g. {@code withTables("public.users", "public.orders")}. Without it
     * Debezium captures every table.
     *
     * @throws IllegalArgumentException if no table, or a blank one, is given
     */
    public DebeziumPostgresConfig withTables(String... tables) {
        if (tables.length == 0 || Arrays.stream(tables).anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("withTables needs at least one non-blank table name");
        }
        return with("table.include.list", String.join(",", tables));
    }

    /** Sets {@code slot.name} as given, overriding the one derived from the connector name. */
    public DebeziumPostgresConfig withSlotName(String slotName) {
        return with("slot.name", slotName);
    }

    /** Sets {@code publication.name} as given, overriding the one derived from the connector name. */
    public DebeziumPostgresConfig withPublicationName(String publicationName) {
        return with("publication.name", publicationName);
    }

    /** Sets {@code snapshot.mode} (default {@code initial}), e.g. {@code no_data} to stream only new changes. */
    public DebeziumPostgresConfig withSnapshotMode(String snapshotMode) {
        return with("snapshot.mode", snapshotMode);
    }

    /**
     * Sets any other property, or overrides a default.
     *
     * @param value the value; {@code null} removes the property
     */
    public DebeziumPostgresConfig with(String key, String value) {
        Map<String, String> copy = copy();
        if (value == null) {
            copy.remove(Objects.requireNonNull(key, "key"));
        } else {
            copy.put(Objects.requireNonNull(key, "key"), value);
        }
        return new DebeziumPostgresConfig(name, copy);
    }

    /** The configuration to send to Connect, secrets in clear; unmodifiable, in insertion order. */
    public Map<String, String> toMap() {
        return config;
    }

    /** The configuration with every password masked: see {@link Secrets#mask(Map)}. */
    public Map<String, String> masked() {
        return Secrets.mask(config);
    }

    /** The connector name and the masked configuration. */
    @Override
    public String toString() {
        return "DebeziumPostgresConfig[" + name + ": " + masked() + "]";
    }

    private Map<String, String> copy() {
        return new LinkedHashMap<>(config);
    }

    private static String truncate(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }
}
