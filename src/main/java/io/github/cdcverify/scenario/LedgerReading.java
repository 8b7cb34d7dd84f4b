package io.github.cdcverify.scenario;

import io.github.cdcverify.consume.QuietPeriodReader;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.judge.LedgerComparison;
import io.github.cdcverify.stack.KafkaEndpoint;

import java.time.Duration;
import java.util.List;

/**
 * Reads a table's topic for a {@link LedgerComparison}: every partition from the beginning, each record decoded as
 * the comparison compares it, until the events match the ledger and a quiet period has passed (so that a late
 * duplicate shows), or until {@code wait} is over.
 */
public final class LedgerReading {

    private LedgerReading() {
    }

    /** The decoded events, in the order read; judge them with {@link LedgerComparison#problems(List)}. */
    public static List<ChangeEvent> fromBeginning(KafkaEndpoint kafka, String topic, LedgerComparison comparison,
                                                  Duration wait) {
        try (TopicReader<byte[]> reader = TopicReader.of(kafka, topic).from(StartFrom.BEGINNING).open()) {
            return new QuietPeriodReader(timeout -> comparison.decode(reader.poll(timeout)), System::nanoTime)
                    .read(comparison::complete, QuietPeriodReader.QUIET_PERIOD, wait);
        }
    }
}
