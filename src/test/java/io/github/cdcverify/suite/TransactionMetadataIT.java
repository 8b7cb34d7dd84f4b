package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, section "Transaction metadata" ({@code provide.transaction.metadata}):
 * BEGIN and END records on {@code <topic.prefix>.transaction}, and a {@code transaction} block in data events.
 * Measured: the PostgreSQL connector's transaction id is {@code <txId>:<lsn>} with the LSN of the record carrying it,
 * so BEGIN, END and each data event have different ids; only the txId part is shared.
 */
@PipelineTest
class TransactionMetadataIT {

    private static final String COLUMNS = "id INT PRIMARY KEY, name TEXT";

    @Test
    @DisplayName("Transaction metadata: BEGIN/END with event_count and data_collections; events carry id, total_order, data_collection_order")
    void transactionBoundariesAndOrder(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "txmeta").withSinglePartition().withColumns(COLUMNS)
                .beforeConnector((connection, self) -> Sql.run(connection,
                        "CREATE TABLE " + self.table("b").quoted() + " (" + COLUMNS + ")"))
                .withConnectorConfig(c -> c.with("provide.transaction.metadata", "true")
                        .withTables(tableA(c.name()).qualified(), tableB(c.name()).qualified()))
                .start();
             RawTopicReader boundaries = RawTopicReader.fromBeginning(stack.kafka(),
                     captured.topicPrefix() + ".transaction");
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING, captured.topic(),
                     captured.topic(captured.table("b")))) {
            String a = captured.table().quoted();
            String b = captured.table("b").quoted();
            long txId = Sql.inTransaction(captured.connection(),
                    "INSERT INTO " + a + " VALUES (1, 'a1'), (2, 'a2')",
                    "INSERT INTO " + b + " VALUES (1, 'b1')",
                    "INSERT INTO " + a + " VALUES (3, 'a3')",
                    "UPDATE " + a + " SET name = 'a1 again' WHERE id = 1",
                    "INSERT INTO " + b + " VALUES (2, 'b2')");

            List<RawRecord> records = boundaries.pollAtLeast(2, Waits.EVENTS);
            List<ChangeEvent> events = new ArrayList<>(consumer.pollAtLeast(6, Waits.EVENTS));

            assertThat(records).hasSize(2);
            JsonNode begin = records.get(0).payload();
            JsonNode end = records.get(1).payload();
            assertThat(begin.path("status").asText()).isEqualTo("BEGIN");
            assertThat(begin.path("event_count").isNull()).as("BEGIN event_count in %s", begin).isTrue();
            assertThat(end.path("status").asText()).isEqualTo("END");
            assertThat(end.path("event_count").asLong()).as("END %s", end).isEqualTo(6);
            assertThat(dataCollections(end)).isEqualTo(Map.of(
                    captured.table().qualified(), 4L, captured.table("b").qualified(), 2L));
            assertThat(records.get(0).keyPayload().path("id").asText())
                    .isEqualTo(begin.path("id").asText());

            assertThat(events).hasSize(6);
            events.sort(Comparator.comparingLong(event -> ((Number) event.transaction().get("total_order")).longValue()));
            assertThat(events).extracting(event -> event.source().table() + ":" + event.op().code() + ":"
                            + event.key().get("id"))
                    .containsExactly(
                            captured.table().table() + ":c:1", captured.table().table() + ":c:2",
                            captured.table("b").table() + ":c:1", captured.table().table() + ":c:3",
                            captured.table().table() + ":u:1", captured.table("b").table() + ":c:2");
            long[] expectedTableOrder = {1, 2, 1, 3, 4, 2};
            // Debezium 3.7 PostgreSQL: the id is "<txId>:<lsn>" with the LSN of the record it is on, so it is NOT
            // one value per transaction: BEGIN has the first change's, END the commit's. Group by the txId part.
            assertThat(begin.path("id").asText()).isEqualTo(txId + ":" + events.get(0).source().lsn());
            String endId = end.path("id").asText();
            assertThat(endId).startsWith(txId + ":");
            assertThat(Long.parseLong(endId.substring(endId.indexOf(':') + 1)))
                    .isGreaterThan(events.get(events.size() - 1).source().lsn());
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i)).inTransaction(txId);
                assertThat(events.get(i).transaction()).as("transaction block of event %s", i)
                        .containsEntry("id", txId + ":" + events.get(i).source().lsn())
                        .containsEntry("total_order", i + 1)
                        .containsEntry("data_collection_order", (int) expectedTableOrder[i]);
            }
        }
    }

    private static TableName tableA(String connectorName) {
        return new TableName("public", connectorName);
    }

    private static TableName tableB(String connectorName) {
        return new TableName("public", connectorName + "_b");
    }

    /** {@code data_collections} as table -> event_count. */
    private static Map<String, Long> dataCollections(JsonNode end) {
        Map<String, Long> counts = new java.util.HashMap<>();
        end.path("data_collections").forEach(collection -> counts.put(collection.path("data_collection").asText(),
                collection.path("event_count").asLong()));
        return counts;
    }
}
