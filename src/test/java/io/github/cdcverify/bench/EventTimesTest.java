package io.github.cdcverify.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimesTest {

    @Test
    void readsIdAndMicrosecondTimestampsOfAnEnvelopeWithSchema() {
        String value = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"before\":null,\"after\":{\"id\":42,"
                + "\"name\":\"x\"},\"source\":{\"ts_ms\":1700000000001,\"ts_us\":1700000000001234},"
                + "\"op\":\"c\",\"ts_ms\":1700000000003,\"ts_us\":1700000000003456}}";

        assertThat(EventTimes.parse(value.getBytes(StandardCharsets.UTF_8)))
                .contains(new EventTimes(42, 1700000000001234L, 1700000000003456L));
    }

    @Test
    void fallsBackToMillisecondsWithoutSchemaOrMicroseconds() {
        String value = "{\"after\":{\"id\":7},\"source\":{\"ts_ms\":1000},\"ts_ms\":2000}";

        assertThat(EventTimes.parse(value.getBytes(StandardCharsets.UTF_8)))
                .contains(new EventTimes(7, 1_000_000, 2_000_000));
    }

    @Test
    void tombstonesDeletesAndGarbageHaveNoTimes() {
        assertThat(EventTimes.parse(null)).isEmpty();
        assertThat(EventTimes.parse("{\"after\":null,\"ts_ms\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EventTimes.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
