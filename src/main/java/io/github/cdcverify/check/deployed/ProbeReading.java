package io.github.cdcverify.check.deployed;

import io.github.cdcverify.consume.QuietPeriodReader;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.MalformedEventException;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.RowImageReader;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.LedgerComparison;
import io.github.cdcverify.judge.RecordFormat;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The probe's events as the deployed connector delivered them: its table's topic read on every partition from the
 * given offsets, each record decoded in the connector's format ({@link RowImageReader}), until the events match the
 * ledger and a quiet period has passed (so that a late duplicate shows), or until the wait is over. Events of keys
 * the probe did not write (e.g. a previous run's, still on their way) are left out and counted.
 *
 * @param events     the events of the probe's keys, in the order read
 * @param otherKeys  how many events of other keys were left out
 * @param unreadable records that could not be decoded, each with its position and why
 */
record ProbeReading(List<ChangeEvent> events, long otherKeys, List<String> unreadable) {

    /**
     * @param keyOnlyDeletes whether the table has REPLICA IDENTITY DEFAULT: PostgreSQL then sends only the key of a
     *                       deleted row, and whatever else a delete's before image holds was filled in on the way
     *                       (null, or the column's default where the JSON converter's
     *                       {@code replace.null.with.default} or a transform puts it), so it is left out
     */
    static ProbeReading of(KafkaEndpoint kafka, String topic, Map<Integer, Long> start, RecordFormat format,
                           boolean keyOnlyDeletes, Ledger ledger, Duration wait) {
        Decoder decoder = new Decoder(new RowImageReader(format.flattened() && format.tombstoneMeansDelete()),
                ledger.keys(), keyOnlyDeletes);
        try (TopicReader<byte[]> reader = TopicReader.of(kafka, topic).fromOffsets(start).open()) {
            List<ChangeEvent> events = new QuietPeriodReader(timeout -> decoder.decode(reader.poll(timeout)),
                    System::nanoTime).read(received -> passes(Verdict.compare(ledger, received, format.tombstones())),
                    QuietPeriodReader.QUIET_PERIOD, wait);
            return new ProbeReading(events, decoder.otherKeys, List.copyOf(decoder.unreadable));
        }
    }

    /** Nothing lost, changed, out of order, unexpected or without its tombstone; duplicates are only counted. */
    static boolean passes(Verdict verdict) {
        return LedgerComparison.passes(verdict);
    }

    private static final class Decoder {
        private final RowImageReader reader;
        private final Set<Integer> keys;
        private final List<String> unreadable = new ArrayList<>();
        private final boolean keyOnlyDeletes;
        private long otherKeys;

        Decoder(RowImageReader reader, Set<Integer> keys, boolean keyOnlyDeletes) {
            this.reader = reader;
            this.keys = keys;
            this.keyOnlyDeletes = keyOnlyDeletes;
        }

        List<ChangeEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
            List<ChangeEvent> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    for (ChangeEvent event : reader.read(record.topic(), record.partition(), record.offset(),
                            record.key(), record.value())) {
                        if (ours(event)) {
                            events.add(keyOnlyDeletes && event.op() == Op.DELETE ? keyOnly(event) : event);
                        } else {
                            otherKeys++;
                        }
                    }
                } catch (MalformedEventException | IllegalArgumentException e) {
                    unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                            + e.getMessage());
                }
            }
            return events;
        }

        private static ChangeEvent keyOnly(ChangeEvent delete) {
            return new ChangeEvent(delete.topic(), delete.partition(), delete.offset(), delete.key(), delete.op(),
                    new LinkedHashMap<>(delete.key()), delete.after(), delete.source(), delete.tsMs(),
                    delete.transaction(), false);
        }

        private boolean ours(ChangeEvent event) {
            Object id = event.key() == null ? null : event.key().get("id");
            return id instanceof Number number && keys.contains(number.intValue());
        }
    }
}
