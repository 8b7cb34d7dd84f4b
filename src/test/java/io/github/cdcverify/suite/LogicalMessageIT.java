package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Data change events", section "message events" (and "Topic names":
 * messages go to {@code <topic.prefix>.message}): {@code pg_logical_emit_message} arrives as {@code op=m} with a
 * {@code message} block of prefix and content (bytes, base64 in JSON), keyed by the prefix.
 */
@PipelineTest
class LogicalMessageIT {


    @Test
    @DisplayName("message events: transactional and non-transactional pg_logical_emit_message arrive as op=m on <prefix>.message")
    void logicalDecodingMessagesArrive(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "messages").withSinglePartition()
                .withColumns("id INT PRIMARY KEY, name TEXT").start();
             RawTopicReader messages = RawTopicReader.fromBeginning(stack.kafka(),
                     captured.topicPrefix() + ".message");
             RawTopicReader rows = RawTopicReader.fromBeginning(stack.kafka(), captured.topic())) {
            long txId = Sql.inTransaction(captured.connection(),
                    "INSERT INTO " + captured.table().quoted() + " VALUES (1, 'with message')",
                    "SELECT pg_logical_emit_message(true, 'audit', 'row 1 inserted')");
            Sql.run(captured.connection(), "SELECT pg_logical_emit_message(false, 'ping', 'outside any transaction')");

            List<RawRecord> records = messages.pollAtLeast(2, Waits.EVENTS);
            List<RawRecord> rowRecords = rows.pollAtLeast(1, Waits.EVENTS);

            assertThat(records).hasSize(2);
            ChangeEvent transactional = records.get(0).event();
            assertThat(transactional).isMessage().hasKey(Map.of("prefix", "audit")).hasNoBefore().hasNoAfter()
                    .inTransaction(txId);
            assertMessageBlock(records.get(0), "audit", "row 1 inserted");

            ChangeEvent nonTransactional = records.get(1).event();
            assertThat(nonTransactional).isMessage().hasKey(Map.of("prefix", "ping")).hasNoBefore().hasNoAfter();
            assertMessageBlock(records.get(1), "ping", "outside any transaction");

            assertThat(rowRecords).hasSize(1);
            ChangeEvent insert = rowRecords.get(0).event();
            assertThat(insert).isCreate().inTransaction(txId);
            assertThat(transactional).hasLsnAfter(insert);
        }
    }

    private static void assertMessageBlock(RawRecord record, String prefix, String content) {
        JsonNode message = record.payload().path("message");
        assertThat(message.path("prefix").asText()).as("message.prefix of %s", message).isEqualTo(prefix);
        assertThat(new String(Base64.getDecoder().decode(message.path("content").asText()), StandardCharsets.UTF_8))
                .as("message.content (base64) of %s", message).isEqualTo(content);
    }
}
