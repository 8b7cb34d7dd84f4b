package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TopicNotCreatedException;
import io.github.cdcverify.stack.CdcStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's stack does not create topics on first use (as production clusters usually don't): connectors get
 * their topics from Connect, and a cluster where nobody creates them is named as such, quickly.
 */
@PipelineTest
class TopicCreationIT {

    @BeforeEach
    void theBrokersDoNotCreateTopicsByThemselves(CdcStack stack) {
        try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            org.assertj.core.api.Assertions.assertThat(topics.brokerSetting("auto.create.topics.enable"))
                    .as("the suite runs on brokers with auto.create.topics.enable=false (pom.xml, "
                            + "cdc.topic-auto-create)").contains("false");
        }
    }

    @Test
    @DisplayName("our connectors ask Connect to create their topics with the brokers' defaults: events arrive")
    void connectCreatesTheTopic(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "topic_created").start();
             ChangeEventConsumer consumer = captured.consumer(StartFrom.BEGINNING)) {
            new RowChanges(captured.connection(), captured.table()).insert("Erin", "erin@example.com");

            captured.awaitTopic();

            assertThat(consumer.pollAtLeast(1, Waits.EVENTS)).hasSize(1).first().isCreate()
                    .hasAfter("name", "Erin");
        }
    }

    @Test
    @DisplayName("a connector without topic.creation.* on such brokers: named within 10 s, with the fix")
    void aTopicNobodyCreatesIsReportedWithTheFix(CdcStack stack) throws Exception {
        try (CapturedTable captured = CapturedTable.on(stack, "topic_missing")
                .withConnectorConfig(c -> c.with("topic.creation.default.partitions", null)
                        .with("topic.creation.default.replication.factor", null))
                .start()) {
            new RowChanges(captured.connection(), captured.table()).insert("Finn", "finn@example.com");

            assertThatThrownBy(captured::awaitTopic)
                    .isInstanceOf(TopicNotCreatedException.class)
                    .hasMessageStartingWith("Topic '" + captured.topic() + "' did not appear within 10 s of the "
                            + "first change")
                    .hasMessageContaining("The brokers have auto.create.topics.enable=false")
                    .hasMessageContaining("Fix: set topic.creation.enable=true on the Connect workers");
        }
    }
}
