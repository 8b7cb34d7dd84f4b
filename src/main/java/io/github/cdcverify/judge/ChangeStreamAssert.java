package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.generate.Ledger;
import org.assertj.core.api.AbstractListAssert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * AssertJ assertions on the events read from a topic, in the order read. Ledger checks use {@link Verdict}; a
 * failure names the first offending key with its expected and received op sequences, then the verdict's summary.
 * Tombstones take part in no check but {@link #hasSize(int)}. Obtain instances with
 * {@link CdcAssertions#assertThat(List)}.
 *
 * <p>It is an AssertJ list assertion as well, so {@code extracting(ChangeEvent::op).containsExactly(...)} works as
 * on any list, and {@code first()}, {@code last()} and {@code element(i)} give a {@link ChangeEventAssert}.
 */
public final class ChangeStreamAssert
        extends AbstractListAssert<ChangeStreamAssert, List<? extends ChangeEvent>, ChangeEvent, ChangeEventAssert> {

    /** What makes two events "the same event delivered twice". */
    private record Identity(String topic, Object op, Map<String, Object> key, Map<String, Object> before,
                            Map<String, Object> after, Long lsn, Long txId) {
    }

    /** Prefer {@link CdcAssertions#assertThat(List)}. */
    public ChangeStreamAssert(List<? extends ChangeEvent> actual) {
        super(actual, ChangeStreamAssert.class);
    }

    @Override
    protected ChangeEventAssert toAssert(ChangeEvent value, String description) {
        return new ChangeEventAssert(value).as(description);
    }

    @Override
    protected ChangeStreamAssert newAbstractIterableAssert(Iterable<? extends ChangeEvent> iterable) {
        List<ChangeEvent> events = new ArrayList<>();
        iterable.forEach(events::add);
        return new ChangeStreamAssert(events);
    }

    /** Exactly {@code expected} events were read, tombstones included; a failure lists the ops read. */
    @Override
    public ChangeStreamAssert hasSize(int expected) {
        isNotNull();
        if (actual.size() != expected) {
            failWithMessage("%nExpecting %s change events but read %s:%n%s", expected, actual.size(), opsLine());
        }
        return this;
    }

    /**
     * Every committed change of the ledger arrived, exactly once, per key in commit order, with every column as
     * written (see {@link Verdict}); every delete is followed by its tombstone; nothing else arrived (snapshot reads
     * aside). A failure names the first offending key, e.g. a changed value as
     * {@code key 17 (update #2): column email written 'a@x' but received 'b@x'}.
     */
    public ChangeStreamAssert matchesLedger(Ledger ledger) {
        isNotNull();
        Verdict verdict = Verdict.compare(ledger, new ArrayList<>(actual));
        if (!verdict.clean()) {
            failWithMessage("%nExpecting the stream of %s events to match the ledger of %s committed changes, but%n"
                    + "  %s%n%s", actual.size(), ledger.size(), verdict.firstProblem(), verdict.summary());
        }
        return this;
    }

    /**
     * For every key, the events that match a committed change arrived in commit order. Lost, duplicated or
     * unexpected events are not this check's concern ({@link #matchesLedger} covers them).
     */
    public ChangeStreamAssert isInCommitOrderPerKey(Ledger ledger) {
        isNotNull();
        Verdict verdict = Verdict.compare(ledger, new ArrayList<>(actual));
        verdict.problems().stream().filter(KeyProblem::outOfOrder).findFirst().ifPresent(problem ->
                failWithMessage("%nExpecting every key's events in commit order, but%n  %s%nkeys out of order: %s",
                        problem.describe(), verdict.outOfOrderKeys()));
        return this;
    }

    /**
     * No event arrived twice: no two events agree on topic, op, key, before, after, source.lsn and source.txId.
     * Tombstones are left out, because every delete of a key is followed by an identical one.
     */
    public ChangeStreamAssert hasNoDuplicates() {
        isNotNull();
        Map<Identity, ChangeEvent> seen = new HashMap<>();
        for (ChangeEvent event : actual) {
            if (event.tombstone()) {
                continue;
            }
            ChangeEvent first = seen.putIfAbsent(identityOf(event), event);
            if (first != null) {
                failWithMessage("%nExpecting no duplicates, but the event at %s repeats the one at %s:%n%s",
                        event.position(), first.position(),
                        ChangeEventAssert.indent(ChangeEventPrinter.describe(event)));
            }
        }
        return this;
    }

    /**
     * Within each partition, the events of one transaction ({@code source.txId}) form one unbroken run: once
     * another transaction's event arrived in that partition, none of the earlier transaction follows there. Across
     * partitions nothing is promised (a transaction's events spread over the partitions of their keys), so nothing
     * is checked. Tombstones and events without a txId are skipped.
     */
    public ChangeStreamAssert keepsTransactionsContiguous() {
        isNotNull();
        for (List<ChangeEvent> partition : byPartition().values()) {
            keepsTransactionsContiguous(partition);
        }
        return this;
    }

    private void keepsTransactionsContiguous(List<ChangeEvent> partition) {
        Set<Long> finished = new HashSet<>();
        Long current = null;
        ChangeEvent previous = null;
        for (ChangeEvent event : partition) {
            Long tx = event.source() == null ? null : event.source().txId();
            if (event.tombstone() || tx == null) {
                continue;
            }
            if (!tx.equals(current)) {
                if (finished.contains(tx)) {
                    failWithMessage("%nExpecting the events of each transaction to be contiguous within a partition, "
                                    + "but transaction %s appears again at %s after transaction %s (last at %s):%n%s",
                            tx, event.position(), current, previous.position(),
                            ChangeEventAssert.indent(ChangeEventPrinter.describe(event)));
                }
                if (current != null) {
                    finished.add(current);
                }
                current = tx;
            }
            previous = event;
        }
    }

    /**
     * Within each partition, {@code source.lsn} never goes down from one event to the next (tombstones skipped).
     * Kafka keeps the order of one producer per partition only, so events of different partitions are not compared.
     */
    public ChangeStreamAssert hasLsnNeverDecreasing() {
        isNotNull();
        for (List<ChangeEvent> partition : byPartition().values()) {
            ChangeEvent previous = null;
            for (ChangeEvent event : partition) {
                if (event.tombstone() || event.source() == null || event.source().lsn() == null) {
                    continue;
                }
                if (previous != null && event.source().lsn() < previous.source().lsn()) {
                    failWithMessage("%nExpecting source.lsn never to decrease within a partition, but%n%s%ncomes "
                                    + "after%n%s", ChangeEventAssert.indent(ChangeEventPrinter.describe(event)),
                            ChangeEventAssert.indent(ChangeEventPrinter.describe(previous)));
                }
                previous = event;
            }
        }
        return this;
    }

    /** The events of each topic-partition, in the order read. */
    private Map<String, List<ChangeEvent>> byPartition() {
        Map<String, List<ChangeEvent>> partitions = new LinkedHashMap<>();
        for (ChangeEvent event : actual) {
            partitions.computeIfAbsent(event.topic() + "-" + event.partition(), p -> new ArrayList<>()).add(event);
        }
        return partitions;
    }

    private static Identity identityOf(ChangeEvent event) {
        Long lsn = event.source() == null ? null : event.source().lsn();
        Long txId = event.source() == null ? null : event.source().txId();
        return new Identity(event.topic(), event.op(), event.key(), event.before(), event.after(), lsn, txId);
    }

    private String opsLine() {
        StringBuilder ops = new StringBuilder("  ops: [");
        for (int i = 0; i < actual.size(); i++) {
            ChangeEvent event = actual.get(i);
            ops.append(i == 0 ? "" : ", ").append(event.tombstone() ? "tombstone"
                    : Objects.toString(event.op() == null ? null : event.op().code()));
        }
        return ops.append(']').toString();
    }
}
