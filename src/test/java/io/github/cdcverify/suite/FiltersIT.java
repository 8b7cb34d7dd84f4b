package io.github.cdcverify.suite;

import io.github.cdcverify.consume.FieldSchema;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium PostgreSQL connector documentation, "Connector properties": {@code table.include.list},
 * {@code column.exclude.list} and {@code publication.autocreate.mode=filtered}.
 */
@PipelineTest
class FiltersIT {

    @Test
    @DisplayName("table.include.list, column.exclude.list, publication.autocreate.mode=filtered: the excluded table "
            + "produces nothing, the excluded column is absent from after, the publication holds only the included "
            + "table")
    void excludedTablesAndColumnsProduceNothing(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "filters")
                .withColumns("id INT PRIMARY KEY, name TEXT, secret TEXT")
                .beforeConnector((connection, self) -> execute(self,
                        "CREATE TABLE " + self.table("excluded").quoted() + " (id INT PRIMARY KEY, name TEXT)"))
                .withConnectorConfig(c -> c.with("column.exclude.list",
                        c.toMap().get("table.include.list") + ".secret")
                        .with("publication.autocreate.mode", "filtered"))
                .start()) {
            TableName included = captured.table();
            TableName excluded = captured.table("excluded");

            assertThat(publishedTables(captured)).as("tables in publication %s", captured.publicationName())
                    .containsExactly(included.qualified());

            // the excluded table first: if it produced anything, it would be on Kafka before the included event
            execute(captured, "INSERT INTO " + excluded.quoted() + " VALUES (1, 'not captured')");
            execute(captured, "UPDATE " + excluded.quoted() + " SET name = 'still not captured'");
            execute(captured, "INSERT INTO " + included.quoted() + " VALUES (1, 'Ann', 'hunter2')");

            try (RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(),
                    captured.topic())) {
                List<RawRecord> arrived = reader.pollAtLeast(1, Waits.EVENTS);
                assertThat(arrived).as("events on %s", captured.topic()).hasSize(1);
            }
            assertThat(connectorTopics(stack, captured))
                    .as("the connector's topics").containsExactly(captured.topic());

            List<RawRecord> all = readAll(stack, captured);
            assertThat(all).as("records on all of the connector's topics").hasSize(1);
            ChangeEvent event = all.get(0).event();
            assertThat(event.op()).as(ChangeEventPrinter.describe(event)).isEqualTo(Op.CREATE);
            assertThat(event.after()).as(ChangeEventPrinter.describe(event))
                    .isEqualTo(Map.of("id", 1, "name", "Ann"));
            assertThat(all.get(0).afterSchema()).extracting(FieldSchema::field).as("after schema")
                    .containsExactly("id", "name");
        }
    }

    private static List<String> connectorTopics(CdcStack stack, CapturedTable captured) {
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            return topics.ofConnectorsStartingWith(captured.topicPrefix());
        }
    }

    private static List<RawRecord> readAll(CdcStack stack, CapturedTable captured) {
        List<String> topics = connectorTopics(stack, captured);
        try (RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(),
                topics.toArray(String[]::new))) {
            // one record is known to exist; a second would arrive in the same fetches, so read until quiet after it
            return Waits.untilQuietAfter(1, reader::pollUntil);
        }
    }

    private static List<String> publishedTables(CapturedTable captured) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = captured.connection().prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1")) {
            query.setString(1, captured.publicationName());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static void execute(CapturedTable captured, String sql) throws SQLException {
        try (Statement statement = captured.connection().createStatement()) {
            statement.execute(sql);
        }
    }
}
