package io.github.cdcverify.check.deployed;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.TableFilter;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.verify.FoldedTopic;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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

    String topicPrefix() {
        return config.get("topic.prefix");
    }

    /** The topic of {@code table}'s change events, unless a transform renames topics. */
    String topic(TableName table) {
        return table.topic(topicPrefix());
    }

    /**
     * The tables it captures: the database's tables that its include and exclude lists let through.
     *
     * @param only a narrower set asked for ({@code --table}); empty for all
     * @throws IllegalArgumentException when a table asked for is not captured
     */
    List<TableName> capturedTables(CaptureCatalog catalog, List<TableName> only) throws SQLException {
        TableFilter filter = TableFilter.of(config);
        List<TableName> captured = catalog.userTables().stream().filter(filter::captures).toList();
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
     * @param check the check that reads the records, for the message, e.g. {@code data}
     * @throws IllegalStateException for records cdc-verify cannot read (Avro, Protobuf) or topics it cannot find
     *                               (routed by a transform), naming the converter or transform
     */
    void requireReadableRecords(String check) {
        String converter = config.get("value.converter");
        if (converter != null && !JSON_CONVERTER.equals(converter.strip())) {
            throw new IllegalStateException("Connector " + name + " writes its values with " + converter
                    + "; the " + check + " check reads JSON only (" + JSON_CONVERTER + ", with or without schemas). "
                    + "Reading Avro or Protobuf would need their schema registry, which cdc-verify does not use yet. "
                    + "The other checks are not affected.");
        }
        for (String transform : transforms()) {
            String type = config.getOrDefault("transforms." + transform + ".type", "");
            if (type.contains("Router")) {
                throw new IllegalStateException("Connector " + name + " renames its topics with transform '"
                        + transform + "' (" + type + "), so the " + check + " check cannot tell which topic holds "
                        + "which table. Run it on a connector without topic routing, or name the tables with "
                        + "--table once cdc-verify can map them.");
            }
        }
    }

    /** The names its {@code transforms} setting lists, in order. */
    List<String> transforms() {
        String transforms = config.getOrDefault("transforms", "");
        return transforms.isBlank() ? List.of() : List.of(transforms.strip().split("\\s*,\\s*"));
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
