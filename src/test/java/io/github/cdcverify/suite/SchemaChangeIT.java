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

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "How the connector works", section "Schema history"/"Schema
 * changes" (with pgoutput the connector learns the new shape from the relation message that precedes the next
 * change; no DDL events are emitted): after ADD COLUMN, DROP COLUMN and a widened type, events carry the new shape
 * and a matching schema, and no change is lost around a DDL.
 */
@PipelineTest
class SchemaChangeIT {

    private static final String LONG_NAME = "n".repeat(300);

    @Test
    @DisplayName("Schema changes: ADD COLUMN (with/without default), DROP COLUMN, varchar(100)->varchar(500), int->bigint mid-stream, nothing lost")
    void eventsFollowTheNewShape(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "schema_change").withSinglePartition()
                .withColumns("id INT PRIMARY KEY, name VARCHAR(100), qty INT").start();
             RawTopicReader raw = RawTopicReader.fromBeginning(stack.kafka(), captured.topic())) {
            Connection connection = captured.connection();
            String t = captured.table().quoted();
            Sql.run(connection, "INSERT INTO " + t + " VALUES (1, 'a', 1), (2, 'b', 2)");
            Sql.run(connection, "ALTER TABLE " + t + " ADD COLUMN note TEXT",
                    "INSERT INTO " + t + " VALUES (3, 'c', 3, 'noted')");
            Sql.run(connection, "ALTER TABLE " + t + " ADD COLUMN status TEXT NOT NULL DEFAULT 'new'",
                    "INSERT INTO " + t + " (id, name, qty) VALUES (4, 'd', 4)",
                    "UPDATE " + t + " SET qty = 10 WHERE id = 1");
            Sql.run(connection, "ALTER TABLE " + t + " DROP COLUMN note",
                    "INSERT INTO " + t + " VALUES (5, 'e', 5, 'done')");
            Sql.run(connection, "ALTER TABLE " + t + " ALTER COLUMN name TYPE VARCHAR(500)",
                    "ALTER TABLE " + t + " ALTER COLUMN qty TYPE BIGINT",
                    "INSERT INTO " + t + " VALUES (6, '" + LONG_NAME + "', 5000000000, 'wide')");

            List<RawRecord> records = Waits.untilQuietAfter(7, raw::pollUntil);

            assertThat(records).as("one event per change, none lost or added by the DDL").hasSize(7);
            List<ChangeEvent> events = records.stream().map(RawRecord::event).toList();
            assertThat(events).extracting(event -> event.op().code() + ":" + event.key().get("id"))
                    .containsExactly("c:1", "c:2", "c:3", "c:4", "u:1", "c:5", "c:6");

            assertThat(events.get(0)).hasAfterExactly(row(1, "a", 1));
            assertThat(afterFields(records.get(0))).isEqualTo(Map.of("id", "int32", "name", "string", "qty", "int32"));

            assertThat(events.get(2)).hasAfterExactly(with(row(3, "c", 3), "note", "noted"));
            assertThat(afterFields(records.get(2))).containsEntry("note", "string").hasSize(4);

            assertThat(events.get(3)).hasAfterExactly(with(with(row(4, "d", 4), "note", null), "status", "new"));
            // A row written before the column existed reads the default once it is changed.
            assertThat(events.get(4)).isUpdate().hasAfterExactly(with(with(row(1, "a", 10), "note", null), "status", "new"));
            assertThat(afterFields(records.get(3))).containsEntry("status", "string").hasSize(5);

            assertThat(events.get(5)).hasAfterExactly(with(row(5, "e", 5), "status", "done"));
            assertThat(afterFields(records.get(5))).doesNotContainKey("note").hasSize(4);

            assertThat(events.get(6)).hasAfterExactly(with(row(6, LONG_NAME, 5_000_000_000L), "status", "wide"));
            assertThat(afterFields(records.get(6))).isEqualTo(
                    Map.of("id", "int32", "name", "string", "qty", "int64", "status", "string"));
        }
    }

    private static Map<String, Object> row(int id, String name, long qty) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("qty", qty);
        return row;
    }

    private static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        Map<String, Object> wider = new LinkedHashMap<>(row);
        wider.put(column, value);
        return wider;
    }

    /** The value schema's {@code after} fields as name -> Connect type. */
    private static Map<String, String> afterFields(RawRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode envelopeField : record.schema().path("fields")) {
            if ("after".equals(envelopeField.path("field").asText())) {
                envelopeField.path("fields").forEach(field ->
                        fields.put(field.path("field").asText(), field.path("type").asText()));
            }
        }
        return fields;
    }
}
