package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.LedgerEntry;

import io.github.cdcverify.event.Op;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link StreamChecker} found wrong: every problem counted, the first few of each kind kept in full, so that a
 * run of millions of bad events still fits in memory.
 */
public final class StreamProblems {

    private final int kept;
    private final List<LedgerEntry> lost = new ArrayList<>();
    private final List<String> lostDescriptions = new ArrayList<>();
    private final List<ChangeEvent> duplicated = new ArrayList<>();
    private final List<ChangeEvent> unexpected = new ArrayList<>();
    private final List<ChangedValue> changed = new ArrayList<>();
    private final List<String> missingTombstones = new ArrayList<>();
    private final List<Long> outOfOrderKeys = new ArrayList<>();
    private final Map<Op, Long> lostByOp = new EnumMap<>(Op.class);
    private long lostCount;
    private long duplicatedCount;
    private long unexpectedCount;
    private long changedCount;
    private long missingTombstoneCount;
    private long outOfOrderCount;
    private String first;

    StreamProblems(int kept) {
        this.kept = kept;
    }

    StreamProblems copy() {
        StreamProblems copy = new StreamProblems(kept);
        copy.lost.addAll(lost);
        copy.lostDescriptions.addAll(lostDescriptions);
        copy.duplicated.addAll(duplicated);
        copy.unexpected.addAll(unexpected);
        copy.changed.addAll(changed);
        copy.missingTombstones.addAll(missingTombstones);
        copy.outOfOrderKeys.addAll(outOfOrderKeys);
        copy.lostByOp.putAll(lostByOp);
        copy.lostCount = lostCount;
        copy.duplicatedCount = duplicatedCount;
        copy.unexpectedCount = unexpectedCount;
        copy.changedCount = changedCount;
        copy.missingTombstoneCount = missingTombstoneCount;
        copy.outOfOrderCount = outOfOrderCount;
        copy.first = first;
        return copy;
    }

    void lost(long key, LedgerEntry entry, int occurrence) {
        lostCount++;
        lostByOp.merge(entry.op(), 1L, Long::sum);
        String description = "key " + key + " (" + entry.op().name().toLowerCase(Locale.ROOT) + " #" + occurrence
                + ", change " + entry.sequence() + " of the ledger): committed but never received";
        keep(lost, entry);
        keep(lostDescriptions, description);
        noteFirst(description);
    }

    void duplicated(long key, ChangeEvent event) {
        duplicatedCount++;
        keep(duplicated, event);
        noteFirst("key " + key + ": event at " + event.position() + " repeats one already received");
    }

    void unexpected(ChangeEvent event, String description) {
        unexpectedCount++;
        keep(unexpected, event);
        noteFirst(description);
    }

    void changed(List<ChangedValue> values) {
        changedCount += values.size();
        values.forEach(value -> keep(changed, value));
        if (!values.isEmpty()) {
            noteFirst(values.get(0).describe());
        }
    }

    void missingTombstone(long key, String deleteAt) {
        missingTombstoneCount++;
        String description = "key " + key + ": no tombstone after the delete at " + deleteAt;
        keep(missingTombstones, description);
        noteFirst(description);
    }

    void outOfOrder(long key, LedgerEntry entry) {
        outOfOrderCount++;
        keep(outOfOrderKeys, key);
        noteFirst("key " + key + ": change " + entry.sequence() + " of the ledger (" + entry.op().code()
                + ") arrived after a later change of the key");
    }

    private <T> void keep(List<T> list, T item) {
        if (list.size() < kept) {
            list.add(item);
        }
    }

    private void noteFirst(String description) {
        if (first == null) {
            first = description;
        }
    }

    boolean none() {
        return lostCount + duplicatedCount + unexpectedCount + changedCount + missingTombstoneCount
                + outOfOrderCount == 0;
    }

    String table() {
        return String.format("%-14s%10d%s%n", "lost", lostCount, lostCount == 0 ? "" : "  (" + lostByOp() + ")")
                + String.format("%-14s%10d%n", "duplicated", duplicatedCount)
                + String.format("%-14s%10d keys%n", "out of order", outOfOrderCount)
                + String.format("%-14s%10d%n", "unexpected", unexpectedCount)
                + String.format("%-14s%10d values%n", "changed", changedCount)
                + String.format("%-14s%10d deletes%n", "no tombstone", missingTombstoneCount);
    }

    /** The first problem found, in the order found; {@code "no problems"} when there is none. */
    public String first() {
        return first == null ? "no problems" : first;
    }

    public long lost() {
        return lostCount;
    }

    /** Lost changes with this op. */
    public long lost(Op op) {
        return lostByOp.getOrDefault(op, 0L);
    }

    /** The lost changes per op, the ops with none left out, e.g. {@code create 24, update 10, delete 6}. */
    public String lostByOp() {
        return byOp(lostByOp);
    }

    /** Counts per op in create, update, delete order, those of zero left out. */
    static String byOp(Map<Op, Long> counts) {
        return OpCounts.ROW_OPS.stream().filter(op -> counts.getOrDefault(op, 0L) > 0)
                .map(op -> op.name().toLowerCase(Locale.ROOT) + " " + counts.get(op))
                .collect(Collectors.joining(", "));
    }

    public long duplicated() {
        return duplicatedCount;
    }

    public long unexpected() {
        return unexpectedCount;
    }

    /** Changed columns (one event may have several). */
    public long changedValues() {
        return changedCount;
    }

    public long missingTombstones() {
        return missingTombstoneCount;
    }

    public long outOfOrderKeys() {
        return outOfOrderCount;
    }

    /** The first lost changes, by key, then commit order. */
    public List<LedgerEntry> lostExamples() {
        return List.copyOf(lost);
    }

    /** One line per lost change kept, e.g. {@code key 17 (update #2, change 40 of the ledger): ...}. */
    public List<String> lostDescriptions() {
        return List.copyOf(lostDescriptions);
    }

    public List<ChangeEvent> duplicatedExamples() {
        return List.copyOf(duplicated);
    }

    public List<ChangeEvent> unexpectedExamples() {
        return List.copyOf(unexpected);
    }

    public List<ChangedValue> changedExamples() {
        return List.copyOf(changed);
    }

    public List<String> missingTombstoneExamples() {
        return List.copyOf(missingTombstones);
    }

    /** The first keys found out of order, in the order found. */
    public List<Long> outOfOrderExamples() {
        return List.copyOf(outOfOrderKeys);
    }
}
