package io.github.cdcverify.suite;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.stack.CdcStack;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run may have left on a pipeline: tables, connectors, slots, publications and topics sharing a prefix. */
public final class Leftovers {

    private static final String OFFSETS_TOPIC = "cdc-verify-connect-offsets";

    private Leftovers() {
    }

    /** Fails naming every table, connector, replication slot, publication and topic that starts with {@code prefix}. */
    public static void assertNoneStartingWith(CdcStack stack, String prefix) throws SQLException {
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            assertThat(ReplicationSlots.slotsStartingWith(connection, prefix)).as("replication slots").isEmpty();
            assertThat(ReplicationSlots.publicationsStartingWith(connection, prefix)).as("publications").isEmpty();
            assertThat(tablesStartingWith(connection, prefix)).as("tables").isEmpty();
        }
        assertThat(new ConnectClient(stack.connectUrl()).connectors()).as("connectors")
                .noneMatch(name -> name.startsWith(prefix));
        assertThat(topicsStartingWith(stack, prefix)).as("topics").isEmpty();
    }

    /**
     * No connector named {@code prefix...} left source offsets in the workers' offsets topic (that of the embedded
     * and container stacks): the last record of each of their keys ({@code ["connector", {partition}]}) is a
     * tombstone.
     */
    public static void assertNoOffsetsStartingWith(CdcStack stack, String prefix) {
        Map<String, Boolean> liveByKey = new HashMap<>();
        try (RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(), OFFSETS_TOPIC)) {
            // Everything asked about was written before this call: reading until the topic is quiet sees all of it.
            for (RawRecord record : Waits.untilQuietAfter(1, reader::pollUntil)) {
                liveByKey.put(new String(record.keyBytes(), StandardCharsets.UTF_8), record.valueBytes() != null);
            }
        }
        assertThat(liveByKey).as("records in " + OFFSETS_TOPIC).isNotEmpty();
        assertThat(liveByKey.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .filter(key -> key.startsWith("[\"" + prefix)))
                .as("source offsets of connectors %s* still in %s", prefix, OFFSETS_TOPIC).isEmpty();
    }

    /** Topics named {@code prefix...}, and heartbeat topics of connectors whose topic prefix starts so. */
    public static List<String> topicsStartingWith(CdcStack stack, String prefix) {
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            return topics.ofConnectorsStartingWith(prefix);
        }
    }

    private static List<String> tablesStartingWith(Connection connection, String prefix) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_tables WHERE starts_with(tablename, ?)")) {
            query.setString(1, prefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }
}
