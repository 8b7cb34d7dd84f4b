package io.github.cdcverify.check.deployed;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.datacheck.FoldedTopic;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.TableFilter;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.TopicRouting;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * A deployed connector's configuration as Connect returns it, with what follows from it: the tables it captures,
 * its slot, publication and topics.
 */
record DeployedConnector(String name, Map<String, String> config) {

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    /**
     * Reads the connector's configuration from Connect.
     *
     * @throws AssertionError naming the connectors there when there is no such connector
     */
    static DeployedConnector load(ConnectClient connect, String name) {
        ConnectorStatusCheck.status(connect, name);
        return new DeployedConnector(name, connect.config(name));
    }

    String slotName() {
        return config.getOrDefault("slot.name", "debezium");
    }

    String publicationName() {
        return config.getOrDefault("publication.name", "dbz_publication");
    }

    /** What the connector sends for a TOASTed value an update did not change. */
    String unavailableValuePlaceholder() {
        return config.getOrDefault("unavailable.value.placeholder", FoldedTopic.DEFAULT_PLACEHOLDER);
    }

    /** Whether Debezium sends columns of types it has no mapping for, as bytes ({@code include.unknown.datatypes}). */
    boolean includesUnknownDatatypes() {
        return Boolean.parseBoolean(config.getOrDefault("include.unknown.datatypes", "false").trim());
    }

    String topicPrefix() {
        return config.get("topic.prefix");
    }

    /**
     * Where the connector writes {@code table}'s change events (see {@link TopicRouting}).
     *
     * @param named topics the user named per table ({@code --topic})
     */
    TopicRouting.Resolution topicOf(TableName table, Map<TableName, String> named) {
        return new TopicRouting(config, named).topicOf(table);
    }

    /**
     * The topic of {@code table}'s change events.
     *
     * @throws IllegalStateException when the connector's naming or transforms cannot be evaluated, saying why
     */
    String topic(TableName table) {
        TopicRouting.Resolution resolution = topicOf(table, Map.of());
        return resolution.topic().orElseThrow(() -> new IllegalStateException("Cannot tell which topic holds "
                + table.qualified() + " for connector " + name + ": " + resolution.unknownBecause() + "."));
    }

    /**
     * The topic of {@code table}'s change events; where a transform cannot be evaluated (a user's own SMT), the name
     * the topic would have if it kept it, once that topic's events say they come from {@code table} — waiting up to
     * {@code wait} for them, as a fresh connector may still be creating its topics.
     *
     * @throws IllegalStateException when that cannot be told either, saying why
     */
    String topic(TableName table, KafkaEndpoint kafka, Duration wait) {
        TopicRouting.Resolution resolution = topicOf(table, Map.of());
        if (resolution.topic().isPresent()) {
            return resolution.topic().get();
        }
        AtomicReference<Optional<String>> found = new AtomicReference<>(Optional.empty());
        BoundedWait.upTo(wait).every(Duration.ofMillis(500)).until(() -> {
            found.set(TopicDiscovery.bySourceBlock(kafka, List.of(resolution.guess()), table));
            return found.get().isPresent();
        });
        return found.get().orElseThrow(() ->
                new IllegalStateException("Cannot tell which topic holds " + table.qualified() + " for connector "
                        + name + ": " + resolution.unknownBecause() + ", and the events of " + resolution.guess()
                        + " did not show they come from it within " + Durations.readable(wait) + "."));
    }

    /**
     * The tables it captures: the database's tables that its include and exclude lists let through.
     *
     * @param only a narrower set asked for ({@code --table}); empty for all
     * @throws IllegalArgumentException when a table asked for is not captured
     */
    List<TableName> capturedTables(CaptureCatalog catalog, List<TableName> only) throws SQLException {
        TableFilter filter = TableFilter.of(config);
        List<TableName> captured = streamedAs(catalog,
                catalog.userTables().stream().filter(filter::captures).toList());
        for (TableName table : only) {
            if (!captured.contains(table)) {
                throw new IllegalArgumentException("Connector " + name + " does not capture " + table.qualified()
                        + " (it captures " + (captured.isEmpty() ? "no table" : String.join(", ",
                        captured.stream().map(TableName::qualified).toList())) + "). Name one of those with --table.");
            }
        }
        return only.isEmpty() ? captured : only;
    }

    /**
     * The columns its {@code message.key.columns} makes {@code table}'s message key, if an entry names the table:
     * entries {@code <schema.table regex>:<column>,<column>} separated by semicolons, as Debezium reads them.
     */
    Optional<List<String>> messageKeyColumns(TableName table) {
        String setting = config.getOrDefault("message.key.columns", "");
        for (String entry : setting.split(";")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                if (Pattern.compile(entry.substring(0, colon).strip(), Pattern.CASE_INSENSITIVE)
                        .matcher(table.schema() + "." + table.table()).matches()) {
                    return Optional.of(List.of(entry.substring(colon + 1).strip().split("\\s*,\\s*")));
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("message.key.columns entry '" + entry.strip() + "' does not "
                        + "start with a valid regular expression of the table: " + e.getDescription());
            }
        }
        return Optional.empty();
    }

    /** Its table and schema include/exclude lists as set, e.g. {@code table.include.list=public.orders}. */
    String tableFilterDescription() {
        List<String> lists = Stream.of("table.include.list", "table.exclude.list", "schema.include.list",
                        "schema.exclude.list").filter(key -> config.get(key) != null && !config.get(key).isBlank())
                .map(key -> key + "=" + config.get(key)).toList();
        return lists.isEmpty() ? "it has no include or exclude list, and the database has no table it could capture"
                : "its " + String.join(", ", lists);
    }

    /**
     * The columns of {@code table} whose values the connector's accepted column settings leave out or change
     * ({@code column.exclude.list}, {@code column.include.list}, {@code column.mask.*}, {@code column.truncate.*}),
     * each with the setting that explains it: the data check does not compare them.
     *
     * @param accepted the names the user accepted ({@code --accept})
     */
    Map<String, String> acceptedColumnChanges(TableName table, List<String> columns, Set<String> accepted) {
        Map<String, String> reasons = new LinkedHashMap<>();
        config.forEach((key, list) -> {
            boolean columnSetting = key.equals("column.exclude.list") || key.equals("column.include.list")
                    || key.startsWith("column.mask.") || key.startsWith("column.truncate.");
            if (!columnSetting || list == null || list.isBlank() || !Finding.accepts(accepted, key)) {
                return;
            }
            List<String> named = TableFilter.columnsNamedBy(key, list, table, columns);
            List<String> affected = key.equals("column.include.list")
                    ? columns.stream().filter(column -> !named.contains(column)).toList() : named;
            affected.forEach(column -> reasons.putIfAbsent(column, key + " (accepted) "
                    + (key.startsWith("column.mask.") || key.startsWith("column.truncate.") ? "changes its values"
                    : "leaves it out of the topic")));
        });
        return reasons;
    }

    /**
     * The tables whose names the change events carry: a partitioned table's changes come under its root's name
     * when the publication has {@code publish_via_partition_root}, else under each partition's (the root itself then
     * has no events of its own). Either way each row is compared once.
     */
    private List<TableName> streamedAs(CaptureCatalog catalog, List<TableName> tables) throws SQLException {
        Map<TableName, TableName> roots = catalog.partitionRoots();
        if (roots.isEmpty()) {
            return tables;
        }
        boolean viaRoot = catalog.publication(publicationName())
                .map(CaptureCatalog.Publication::viaPartitionRoot).orElse(false);
        return tables.stream().filter(table -> viaRoot ? !roots.containsKey(table) || !tables.contains(roots.get(table))
                : !roots.containsValue(table)).toList();
    }

    /**
     * @param check the check that reads the records, for the message, e.g. {@code data}
     * @throws IllegalStateException for records cdc-verify cannot read (Avro, Protobuf), naming the converter
     */
    void requireReadableRecords(String check) {
        String converter = config.get("value.converter");
        if (converter != null && !JSON_CONVERTER.equals(converter.strip())) {
            throw new IllegalStateException("Connector " + name + " writes its values with " + converter
                    + "; the " + check + " check reads JSON only (" + JSON_CONVERTER + ", with or without schemas). "
                    + "Reading Avro or Protobuf would need their schema registry, which cdc-verify does not use yet. "
                    + "The other checks are not affected.");
        }
    }

    /** The names its {@code transforms} setting lists, in order. */
    List<String> transforms() {
        return transforms(config);
    }

    /** The names the {@code transforms} setting of {@code config} lists, in order. */
    static List<String> transforms(Map<String, String> config) {
        return TopicRouting.transforms(config);
    }

    /** A setting of {@code config}, stripped; {@code fallback} (Debezium's default) when unset or blank. */
    static String setting(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /**
     * @throws IllegalArgumentException when the connector reads another database than the one we would compare
     *                                  with, naming both and the option
     */
    void requireSameDatabase(PostgresEndpoint endpoint) {
        String database = config.get("database.dbname");
        if (database != null && !database.equals(endpoint.database())) {
            throw new IllegalArgumentException("Connector " + name + " reads database '" + database + "', but the "
                    + "checks would read '" + endpoint.database() + "'. Pass --db-name " + database + " (and the host "
                    + "that serves it with --db-host).");
        }
    }
}
