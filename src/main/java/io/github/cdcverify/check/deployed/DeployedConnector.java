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
