package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The record of every row change that was committed, in commit order: the expectation a CDC stream is checked
 * against.
 *
 * <p>Append-only and thread-safe. Changes are appended a whole transaction at a time and only after its COMMIT
 * succeeded, so a rolled-back transaction leaves no trace. Views are snapshots: they do not change afterwards.
 *
 * <p>A ledger made with {@link #forwardingTo} keeps no entries: it hands each transaction's entries on and keeps
 * only counts, so that a run of hours does not hold every change it made.
 */
public final class Ledger {

    /**
     * A row change made inside a transaction that has not been appended yet.
     *
     * @param op     {@link Op#CREATE}, {@link Op#UPDATE} or {@link Op#DELETE}
     * @param key    the row's {@code id}
     * @param values every column of the row as written (for a delete: as last written)
     * @param before for an update or delete, every column of the row before the change; {@code null} for a create,
     *               and for an update whose previous values were not recorded
     */
    public record Change(Op op, int key, Map<String, Object> values, Map<String, Object> before) {
        public Change {
            LedgerEntry.requireRowChange(op);
            values = LedgerEntry.unmodifiableCopy(values);
            before = LedgerEntry.checkedBefore(op, values, before);
        }

        /** A change without recorded previous values; a delete's previous values are the row it removed. */
        public Change(Op op, int key, Map<String, Object> values) {
            this(op, key, values, null);
        }
    }

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<Integer, List<LedgerEntry>> entriesByKey = new HashMap<>();
    // First-appearance order of keys, so keys() is stable and follows the ledger.
    private final Set<Integer> keys = new LinkedHashSet<>();
    private final Map<Op, Long> countsByOp = new EnumMap<>(Op.class);
    private final Consumer<List<LedgerEntry>> sink;
    private final boolean keeping;
    private int size;

    /** A ledger that keeps every entry. */
    public Ledger() {
        this(entries -> { }, true);
    }

    private Ledger(Consumer<List<LedgerEntry>> sink, boolean keeping) {
        this.sink = sink;
        this.keeping = keeping;
    }

    /**
     * A ledger that hands each committed transaction's entries to {@code sink}, in commit order, and keeps only the
     * counts: {@link #entries()}, {@link #entriesForKey} and {@link #keys()} stay empty.
     */
    public static Ledger forwardingTo(Consumer<List<LedgerEntry>> sink) {
        return new Ledger(sink, false);
    }

    /**
     * Appends the changes of one committed transaction, giving them the next sequence numbers in order.
     * Call only after COMMIT succeeded.
     *
     * @param transactionOrdinal the generator's counter of this transaction
     * @param txId               PostgreSQL's transaction id, {@code null} when unknown
     * @return the appended entries
     */
    public synchronized List<LedgerEntry> appendCommitted(long transactionOrdinal, Long txId, List<Change> changes) {
        List<LedgerEntry> appended = new ArrayList<>(changes.size());
        for (Change change : changes) {
            LedgerEntry entry = new LedgerEntry(++size, change.op(), change.key(), change.values(),
                    change.before(), transactionOrdinal, txId);
            if (keeping) {
                entries.add(entry);
                entriesByKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
                keys.add(entry.key());
            }
            countsByOp.merge(entry.op(), 1L, Long::sum);
            appended.add(entry);
        }
        List<LedgerEntry> committed = Collections.unmodifiableList(appended);
        sink.accept(committed);
        return committed;
    }

    /** All entries in sequence (commit) order. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries from position {@code from} on (0 = the first), for a reader that takes only what is new. */
    public synchronized List<LedgerEntry> entriesFrom(int from) {
        return List.copyOf(entries.subList(Math.min(from, entries.size()), entries.size()));
    }

    /** Number of entries appended (also by a forwarding ledger). */
    public synchronized int size() {
        return size;
    }

    /** Number of entries with this op; 0 for ops never recorded. */
    public synchronized long count(Op op) {
        return countsByOp.getOrDefault(op, 0L);
    }

    /** Entries for CREATE, UPDATE and DELETE, including zeros. */
    public synchronized Map<Op, Long> countsByOp() {
        Map<Op, Long> counts = new EnumMap<>(Op.class);
        for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
            counts.put(op, countsByOp.getOrDefault(op, 0L));
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Entries of one row in sequence order; empty when the key was never changed. */
    public synchronized List<LedgerEntry> entriesForKey(int key) {
        return List.copyOf(entriesByKey.getOrDefault(key, List.of()));
    }

    /** Every key with at least one entry, in order of first appearance. */
    public synchronized Set<Integer> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }
}
