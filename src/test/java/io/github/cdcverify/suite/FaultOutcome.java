package io.github.cdcverify.suite;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.ChangedValue;
import io.github.cdcverify.judge.MissingTombstone;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.scenario.LedgeredWrites;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.scenario.RecordedStream.Received;
import io.github.cdcverify.scenario.RecordedStream;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a fault did to the stream: the {@link Verdict} of ledger against events, and how long delivery took to
 * come back.
 *
 * <p>Recovery time is measured from the moment the fault was injected to the arrival of the first event after the
 * longest delivery stall that ends after the fault; when the consumer itself was replaced, to the first event the
 * new consumer read. While the generator writes 1,000 changes per second events
 * normally arrive every few milliseconds, so that stall is the fault's; recovery therefore includes the time the
 * component was down (and, for a pause, the time it was paused).
 */
final class FaultOutcome {

    private static final Logger log = LoggerFactory.getLogger(FaultOutcome.class);

    private final String fault;
    private final Ledger ledger;
    private final List<Received> received;
    private final Verdict verdict;
    private final long recoveryMillis;
    private final long stallMillis;
    private final long reReads;

    private FaultOutcome(String fault, Ledger ledger, List<Received> received, long reReads, long faultAtNanos) {
        this.reReads = reReads;
        this.fault = fault;
        this.ledger = ledger;
        this.received = received;
        this.verdict = Verdict.compare(ledger, received.stream().map(Received::event).toList());
        long longestGap = -1;
        long recoveredAt = faultAtNanos;
        for (int i = 1; i < received.size(); i++) {
            long arrival = received.get(i).atNanos();
            long gap = arrival - Math.max(received.get(i - 1).atNanos(), faultAtNanos);
            if (arrival > faultAtNanos && gap > longestGap) {
                longestGap = gap;
                recoveredAt = arrival;
            }
        }
        // When the consumer itself was replaced, it is back with the first event the new one reads.
        recoveredAt = received.stream().filter(r -> r.generation() > 0).mapToLong(Received::atNanos).findFirst()
                .orElse(recoveredAt);
        this.recoveryMillis = (recoveredAt - faultAtNanos) / 1_000_000;
        this.stallMillis = Math.max(longestGap, 0) / 1_000_000;
    }

    /** Row changes per second: steady, and enough to keep changes in flight through every fault. */
    static final double RATE = 1_000;

    /** Writes at {@link #RATE} into {@code captured} until stopped, its topic recorded from the beginning. */
    static LiveRun liveRun(CapturedTable captured, long seed, boolean survivePostgresRestart) {
        return liveRun(captured, seed, survivePostgresRestart, () -> captured.consumer(StartFrom.BEGINNING));
    }

    /** As {@link #liveRun(CapturedTable, long, boolean)}, the topic read by consumers from {@code consumers}. */
    static LiveRun liveRun(CapturedTable captured, long seed, boolean survivePostgresRestart,
                           Supplier<ChangeEventConsumer> consumers) {
        LiveRun.Builder run = LiveRun.on(captured.stack(), captured.table(), consumers)
                .withGenerator(settings -> settings.withRate(RATE).withSeed(seed)).writingUntilStopped();
        return (survivePostgresRestart ? run.survivingPostgresRestart() : run).start();
    }

    /** Changes written in all, and after the fault was undone, by every fault scenario. */
    static final int TOTAL_CHANGES = 5_000;
    static final int CHANGES_AFTER_RECOVERY = 1_000;

    /** Lets writes go on after the fault, stops them, waits for every change and logs the outcome. */
    static FaultOutcome finish(String fault, LiveRun run, long faultAt) {
        run.writes().finishAfter(TOTAL_CHANGES, CHANGES_AFTER_RECOVERY);
        return awaitAllDelivered(fault, run, faultAt);
    }

    /**
     * Waits until every change in the (stopped) ledger and every delete's tombstone has arrived, or fails showing
     * how far the stream got, then reports the outcome in one log line.
     *
     * @param faultAtNanos {@link System#nanoTime()} when the fault was injected
     */
    static FaultOutcome awaitAllDelivered(String fault, LiveRun run, long faultAtNanos) {
        run.awaitCaughtUp(Waits.RUNNING);
        Ledger ledger = run.writes().ledger();
        FaultOutcome outcome = new FaultOutcome(fault, ledger, run.stream().received(), run.stream().reReads(),
                faultAtNanos);
        log.info("FAULT {}: {} changes committed, {} events received; lost {}, duplicated {}, reordered {} keys, "
                        + "unexpected {}; recovery {} ms (longest delivery stall {} ms); records re-read by the test consumer {}",
                fault, ledger.size(), outcome.received.size(), outcome.verdict.lost().size(),
                outcome.verdict.duplicated().size(), outcome.verdict.outOfOrderKeys().size(),
                outcome.verdict.unexpected().size(), outcome.recoveryMillis, outcome.stallMillis, outcome.reReads);
        return outcome;
    }

    Verdict verdict() {
        return verdict;
    }

    long recoveryMillis() {
        return recoveryMillis;
    }

    /**
     * Nothing lost, nothing unexpected, per-key commit order once duplicates are set aside, and every duplicate an
     * exact repeat of an earlier event: same key, op, before, after, lsn, transaction and commit time.
     *
     * @param duplicatesAllowed whether Debezium's at-least-once delivery may redeliver events after this fault
     *                          (a task restarting from its last committed offset); otherwise none may appear
     */
    void assertComplete(boolean duplicatesAllowed) {
        String context = fault + System.lineSeparator() + verdict.summary();
        assertThat(ledger.size()).as("changes written through the fault").isGreaterThanOrEqualTo(5_000);
        assertThat(verdict.lost()).as("lost: %s", context).isEmpty();
        assertThat(verdict.changedValues()).extracting(ChangedValue::describe).as("changed values: %s", context)
                .isEmpty();
        assertThat(verdict.missingTombstones()).extracting(MissingTombstone::describe)
                .as("deletes without tombstone: %s", context).isEmpty();
        assertThat(verdict.unexpected()).as("unexpected, first:%n%s%n%s", describeFirst(verdict.unexpected()),
                context).isEmpty();
        assertThat(verdict.outOfOrderKeys()).as("keys out of commit order: %s", context).isEmpty();
        if (!duplicatesAllowed) {
            assertThat(verdict.duplicated()).as("duplicated, first:%n%s%n%s", describeFirst(verdict.duplicated()),
                    context).isEmpty();
        }
        List<ChangeEvent> events = received.stream().map(Received::event).toList();
        for (ChangeEvent duplicate : verdict.duplicated()) {
            assertThat(events.stream().filter(earlier -> earlier.offset() < duplicate.offset())
                    .anyMatch(earlier -> sameChange(earlier, duplicate)))
                    .as("duplicate is an exact repeat of an earlier event:%n%s", ChangeEventPrinter.describe(duplicate))
                    .isTrue();
        }
    }

    private static boolean sameChange(ChangeEvent a, ChangeEvent b) {
        return Objects.equals(a.key(), b.key()) && a.op() == b.op() && Objects.equals(a.before(), b.before())
                && Objects.equals(a.after(), b.after()) && Objects.equals(a.source().lsn(), b.source().lsn())
                && Objects.equals(a.source().txId(), b.source().txId())
                && Objects.equals(a.source().tsMs(), b.source().tsMs());
    }

    private static String describeFirst(List<ChangeEvent> events) {
        return events.isEmpty() ? "none" : ChangeEventPrinter.describe(events.get(0));
    }
}
