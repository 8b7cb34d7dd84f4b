package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Debezium PostgreSQL connector documentation, "Transaction metadata" ({@code provide.transaction.metadata}). */
@PipelineTest
class MultiTableTransactionIT {

    private static final String COLUMNS = "(id INT PRIMARY KEY, label TEXT)";

    @Test
    @DisplayName("Transaction metadata: one transaction over two tables gives one topic per table in order, the same "
            + "transaction id on every event, and an END record whose data_collections counts tie them")
    void oneTransactionOverTwoTables(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "multi_tx").withSinglePartition()
                .withColumns("id INT PRIMARY KEY, label TEXT")
                .beforeConnector((connection, self) -> execute(connection,
                        "CREATE TABLE " + self.table("b").quoted() + " " + COLUMNS))
                .withConnectorConfig(c -> alsoInclude(c, "b").with("provide.transaction.metadata", "true")).start();
             RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(),
                     captured.topic(), captured.topic(captured.table("b")), captured.topicPrefix() + ".transaction")) {
            TableName a = captured.table();
            TableName b = captured.table("b");
            Connection connection = captured.connection();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + a.quoted() + " VALUES (1, 'a1')");
                statement.execute("INSERT INTO " + b.quoted() + " VALUES (1, 'b1')");
                statement.execute("INSERT INTO " + a.quoted() + " VALUES (2, 'a2')");
                statement.execute("UPDATE " + b.quoted() + " SET label = 'b1*' WHERE id = 1");
                statement.execute("INSERT INTO " + a.quoted() + " VALUES (3, 'a3')");
            } finally {
                connection.commit();
                connection.setAutoCommit(true);
            }

            List<RawRecord> records = reader.pollUntil(MultiTableTransactionIT::hasEnd, Waits.EVENTS);
            List<ChangeEvent> eventsOfA = changeEvents(records, captured.topic());
            List<ChangeEvent> eventsOfB = changeEvents(records, captured.topic(b));
            List<JsonNode> markers = records.stream()
                    .filter(record -> record.topic().equals(captured.topicPrefix() + ".transaction"))
                    .map(RawRecord::payload).toList();

            assertThat(eventsOfA).extracting(event -> event.after().get("label")).containsExactly("a1", "a2", "a3");
            assertThat(eventsOfA).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.CREATE, Op.CREATE);
            assertThat(eventsOfB).extracting(event -> event.after().get("label")).containsExactly("b1", "b1*");
            assertThat(eventsOfB).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.UPDATE);

            List<ChangeEvent> all = new ArrayList<>(eventsOfA);
            all.addAll(eventsOfB);
            all.sort(Comparator.comparing(event -> event.source().lsn()));
            long xid = all.get(0).source().txId();
            long firstLsn = all.get(0).source().lsn();
            long lastLsn = all.get(all.size() - 1).source().lsn();
            assertThat(all).allSatisfy(event -> assertThat(event.source().txId())
                    .as(ChangeEventPrinter.describe(event)).isEqualTo(xid));
            // The documentation describes transaction.id as the transaction's identifier, shared by BEGIN, END and
            // every event. Debezium 3.7's PostgreSQL connector writes "<xid>:<lsn>" with the LSN of the record at
            // hand instead: the xid part is shared, the LSN part is the event's own source.lsn (BEGIN carries the
            // first event's LSN, END the commit's). Events are tied to their transaction by the xid part.
            assertThat(all).allSatisfy(event -> assertThat(event.transaction())
                    .as(ChangeEventPrinter.describe(event)).containsEntry("id", xid + ":" + event.source().lsn()));

            assertThat(markers).as("transaction topic").hasSize(2);
            JsonNode begin = markers.get(0);
            JsonNode end = markers.get(1);
            assertThat(begin.get("status").asText()).as(begin.toString()).isEqualTo("BEGIN");
            assertThat(begin.get("id").asText()).as(begin.toString()).isEqualTo(xid + ":" + firstLsn);
            assertThat(begin.get("event_count").isNull()).as(begin.toString()).isTrue();
            assertThat(end.get("status").asText()).as(end.toString()).isEqualTo("END");
            assertThat(end.get("id").asText()).as(end.toString()).startsWith(xid + ":");
            assertThat(Long.parseLong(end.get("id").asText().substring((xid + ":").length())))
                    .as("commit LSN in %s", end).isGreaterThan(lastLsn);
            assertThat(end.get("event_count").asInt()).as(end.toString()).isEqualTo(5);
            // the order of data_collections is not documented (Debezium 3.7 happened to list b before a)
            assertThat(end.get("data_collections")).as(end.toString()).containsExactlyInAnyOrder(
                    RawTopicReader.parse("{\"data_collection\":\"" + a.qualified() + "\",\"event_count\":3}"),
                    RawTopicReader.parse("{\"data_collection\":\"" + b.qualified() + "\",\"event_count\":2}"));
            for (JsonNode collection : end.get("data_collections")) {
                String table = collection.get("data_collection").asText();
                assertThat(all.stream().filter(event -> (event.source().schema() + "." + event.source().table())
                        .equals(table)).count()).as("events of %s against %s", table, end)
                        .isEqualTo(collection.get("event_count").asLong());
            }

            // total_order counts across the transaction, data_collection_order within each table
            assertThat(eventsOfA).extracting(event -> event.transaction().get("total_order")).containsExactly(1, 3, 5);
            assertThat(eventsOfB).extracting(event -> event.transaction().get("total_order")).containsExactly(2, 4);
            assertThat(eventsOfA).extracting(event -> event.transaction().get("data_collection_order"))
                    .containsExactly(1, 2, 3);
            assertThat(eventsOfB).extracting(event -> event.transaction().get("data_collection_order"))
                    .containsExactly(1, 2);
        }
    }

    /** Adds {@code <own table>_<suffix>} to the include list CapturedTable set to its own table. */
    static DebeziumPostgresConfig alsoInclude(DebeziumPostgresConfig config, String suffix) {
        String own = config.toMap().get("table.include.list");
        return config.with("table.include.list", own + "," + own + "_" + suffix);
    }

    private static boolean hasEnd(List<RawRecord> records) {
        boolean ended = records.stream().anyMatch(record -> record.topic().endsWith(".transaction")
                && "END".equals(record.payload().path("status").asText()));
        return ended && records.stream().filter(record -> !record.topic().endsWith(".transaction")).count() >= 5;
    }

    private static List<ChangeEvent> changeEvents(List<RawRecord> records, String topic) {
        return records.stream().filter(record -> record.topic().equals(topic)).map(RawRecord::event).toList();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
