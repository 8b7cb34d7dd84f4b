package io.github.cdcverify.event;

import java.util.Map;

/**
 * One record read from a Debezium topic, parsed.
 *
 * <p>A tombstone (the null-valued record Debezium writes after a delete so that compaction can drop the key) has
 * {@code tombstone == true} and {@code op}, {@code before}, {@code after}, {@code source} and {@code tsMs} null.
 *
 * @param key         the record key's payload (e.g. {@code {"id": 4}}), {@code null} for keyless tables
 * @param before      row state before the change, {@code null} where Debezium sends none
 * @param after       row state after the change, {@code null} for deletes
 * @param tsMs        when Debezium processed the event (envelope {@code ts_ms})
 * @param transaction the {@code transaction} block when transaction metadata is enabled, else {@code null}
 */
public record ChangeEvent(String topic, int partition, long offset,
                          Map<String, Object> key, Op op,
                          Map<String, Object> before, Map<String, Object> after,
                          Source source, Long tsMs, Map<String, Object> transaction,
                          boolean tombstone) {

    /** A short one-line identity for messages: {@code topic-partition@offset}. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
