package io.github.cdcverify.cli;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.suite.Waits;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Records on a change topic that are not change events are reported, counted and skipped; reading carries on. */
@PipelineTest
class MalformedRecordsIT {

    @Test
    @DisplayName("not JSON and not an envelope, between two real inserts: both inserts still arrive")
    void malformedRecordsAreSkipped(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "garbage").withSinglePartition().start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.kafka().clientProperties(Map.of()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            insert(captured, "Before");
            assertThat(consumer.pollAtLeast(1, Waits.EVENTS)).hasSize(1); // offset 0
            producer.send(new ProducerRecord<>(captured.topic(), 0, null, bytes("this is not JSON {"))).get();
            producer.send(new ProducerRecord<>(captured.topic(), 0, bytes("{\"id\":1}"),
                    bytes("{\"hello\":\"world\"}"))).get();
            insert(captured, "After"); // offset 3

            List<ChangeEvent> after = consumer.pollAtLeast(1, Waits.EVENTS);
            assertThat(after).as("events after the bad records").hasSize(1);
            assertThat(after.get(0).op()).as(ChangeEventPrinter.describe(after.get(0))).isEqualTo(Op.CREATE);
            assertThat(after.get(0).offset()).as(ChangeEventPrinter.describe(after.get(0))).isEqualTo(3);
            assertThat(consumer.malformedCount()).isEqualTo(2);
            assertThat(consumer.malformedRecords()).extracting(MalformedEventException::getMessage).satisfiesExactly(
                    first -> assertThat(first).startsWith("Cannot read record at topic " + captured.topic()
                            + ", partition 0, offset 1: "),
                    second -> assertThat(second).startsWith("Cannot read record at topic " + captured.topic()
                            + ", partition 0, offset 2: "));

            CliRun consume = CliRun.of("consume", "--kafka", stack.kafkaBootstrapServers(), "--topic",
                    captured.topic(), "--max-events", "2", "--timeout", "60s");

            assertThat(consume.exitCode()).as(consume.all()).isZero();
            assertThat(consume.out()).contains("\"name\":\"Before\"").contains("\"name\":\"After\"")
                    .contains("Read 2 events; skipped 2 records that were not change events:")
                    .contains("  Cannot read record at topic " + captured.topic() + ", partition 0, offset 1: ")
                    .contains("  Cannot read record at topic " + captured.topic() + ", partition 0, offset 2: ");
            assertThat(consume.out().indexOf("\"name\":\"Before\"")).isLessThan(consume.out().indexOf("\"name\":\"After\""));
        }
    }

    private static void insert(CapturedTable captured, String name) throws Exception {
        try (Statement statement = captured.connection().createStatement()) {
            statement.execute("INSERT INTO " + captured.table().quoted() + " (name, email) VALUES ('" + name + "', '"
                    + name.toLowerCase() + "@example.com')");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
