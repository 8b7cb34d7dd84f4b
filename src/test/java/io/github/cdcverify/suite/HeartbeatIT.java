package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.consume.RawRecord;
import io.github.cdcverify.consume.RawTopicReader;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Debezium PostgreSQL connector documentation, "Heartbeats" ({@code heartbeat.interval.ms}, {@code topic.heartbeat.prefix}). */
@PipelineTest
class HeartbeatIT {

    private static final int HEARTBEAT_INTERVAL_MS = 200;

    @Test
    @DisplayName("Heartbeats: heartbeat.interval.ms=200 writes records keyed by serverName with ts_ms to "
            + "__debezium-heartbeat.<prefix> while the table is idle")
    void heartbeatsWhileIdle(CdcStack stack) {
        long startedMs = System.currentTimeMillis();
        try (CapturedTable captured = CapturedTable.on(stack, "heartbeat")
                .withConnectorConfig(c -> c.with("heartbeat.interval.ms", Integer.toString(HEARTBEAT_INTERVAL_MS)))
                .start();
             RawTopicReader reader = RawTopicReader.fromBeginning(stack.kafka(),
                     "__debezium-heartbeat." + captured.topicPrefix())) {
            // nothing is written to the table: every record here comes from the idle connector
            List<RawRecord> heartbeats = reader.pollAtLeast(2, Waits.EVENTS);
            long readMs = System.currentTimeMillis();

            assertThat(heartbeats).as("heartbeat records within " + Waits.EVENTS.toSeconds() + " s")
                    .hasSizeGreaterThanOrEqualTo(2);
            for (RawRecord heartbeat : heartbeats) {
                String whole = heartbeat.key() + " / " + heartbeat.value();
                assertThat(heartbeat.key().get("schema").get("name").asText()).as(whole)
                        .isEqualTo("io.debezium.connector.common.ServerNameKey");
                assertThat(heartbeat.keyPayload()).as(whole)
                        .isEqualTo(RawTopicReader.parse("{\"serverName\":\"" + captured.topicPrefix() + "\"}"));
                assertThat(heartbeat.value().get("schema").get("name").asText()).as(whole)
                        .isEqualTo("io.debezium.connector.common.Heartbeat");
                JsonNode payload = heartbeat.payload();
                assertThat(payload.properties()).as(whole).hasSize(1);
                assertThat(payload.get("ts_ms").isIntegralNumber()).as(whole).isTrue();
                assertThat(payload.get("ts_ms").asLong()).as(whole).isBetween(startedMs, readMs);
            }
            assertThat(heartbeats.get(1).payload().get("ts_ms").asLong()).as("heartbeats are written over time")
                    .isGreaterThan(heartbeats.get(0).payload().get("ts_ms").asLong());
        }
    }
}
