package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches the events received for one key against the changes committed for it.
 *
 * <p>First every event takes the earliest still-unmatched committed change it equals in every column
 * ({@link RowComparison}); candidates are found through a lookup by op and text columns, so a key costs time
 * linear in its events and changes. Then every event left over whose op still has unmatched changes is paired with
 * the next of them after the change the preceding event took, and reported as changed values instead of one lost
 * change plus one unexpected event.
 */
final class KeyMatcher {

    private static final int UNASSIGNED = -1;

    final List<LedgerEntry> lost = new ArrayList<>();
    final List<ChangeEvent> duplicated = new ArrayList<>();
    final List<ChangeEvent> unexpected = new ArrayList<>();
    final List<ChangeEvent> matched = new ArrayList<>();
    final List<ChangedValue> changed = new ArrayList<>();
    boolean outOfOrder;

    private final long key;
    private final List<LedgerEntry> expected;
    private final List<ChangeEvent> received;
    private final List<String> textColumns;
    private final int[] occurrence;
    private final boolean[] taken;
    private final int[] assigned;
    private final boolean[] exact;
    private final EventIdentity[] identities;
    private final Set<EventIdentity> assignedIdentities = new HashSet<>();
    private int exactMatches;

    private KeyMatcher(long key, List<LedgerEntry> expected, List<ChangeEvent> received) {
        this.key = key;
        this.expected = expected;
        this.received = received;
        this.textColumns = textColumns(expected);
        this.occurrence = occurrences(expected);
        this.taken = new boolean[expected.size()];
        this.assigned = new int[received.size()];
        this.exact = new boolean[received.size()];
        this.identities = new EventIdentity[received.size()];
        for (int i = 0; i < identities.length; i++) {
            identities[i] = EventIdentity.of(received.get(i));
        }
        Arrays.fill(assigned, UNASSIGNED);
    }

    /**
     * @param expected the key's ledger entries in sequence order
     * @param received the key's create, update and delete events in stream order
     */
    static KeyMatcher match(long key, List<LedgerEntry> expected, List<ChangeEvent> received) {
        KeyMatcher matcher = new KeyMatcher(key, expected, received);
        matcher.matchExactly();
        matcher.pairLeftovers();
        matcher.collect();
        return matcher;
    }

    private void matchExactly() {
        Map<Signature, ArrayDeque<Integer>> unmatched = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            unmatched.computeIfAbsent(signatureOf(expected.get(i)), s -> new ArrayDeque<>()).add(i);
        }
        for (int i = 0; i < received.size(); i++) {
            ChangeEvent event = received.get(i);
            if (assignedIdentities.contains(identities[i])) {
                continue; // a duplicate; collect() reports it
            }
            ArrayDeque<Integer> candidates = unmatched.getOrDefault(signatureOf(event), new ArrayDeque<>());
            for (Iterator<Integer> it = candidates.iterator(); it.hasNext(); ) {
                int index = it.next();
                if (RowComparison.matches(key, expected.get(index), event)) {
                    it.remove();
                    assign(i, index);
                    exact[i] = true;
                    exactMatches++;
                    break;
                }
            }
        }
    }

    /** Pairs each event left over with the next unmatched change of its op, following the stream's order. */
    private void pairLeftovers() {
        if (exactMatches == received.size()) {
            return;
        }
        Map<Op, TreeSet<Integer>> unmatchedByOp = new EnumMap<>(Op.class);
        for (int index = 0; index < expected.size(); index++) {
            if (!taken[index]) {
                unmatchedByOp.computeIfAbsent(expected.get(index).op(), op -> new TreeSet<>()).add(index);
            }
        }
        int previous = UNASSIGNED;
        for (int i = 0; i < received.size(); i++) {
            ChangeEvent event = received.get(i);
            if (assigned[i] == UNASSIGNED && !assignedIdentities.contains(identities[i])) {
                TreeSet<Integer> pending = unmatchedByOp.getOrDefault(event.op(), new TreeSet<>());
                // The change after the one the preceding event stood for; else the earliest still pending.
                Integer index = pending.ceiling(previous + 1);
                if (index == null && !pending.isEmpty()) {
                    index = pending.first();
                }
                if (index != null) {
                    pending.remove(index);
                    assign(i, index);
                    changed.addAll(RowComparison.differences(key, occurrence[index], expected.get(index), event));
                }
            }
            previous = assigned[i] == UNASSIGNED ? previous : assigned[i];
        }
    }

    private void assign(int eventIndex, int entryIndex) {
        taken[entryIndex] = true;
        assigned[eventIndex] = entryIndex;
        assignedIdentities.add(identities[eventIndex]);
    }

    private void collect() {
        int lastIndex = UNASSIGNED;
        for (int i = 0; i < received.size(); i++) {
            ChangeEvent event = received.get(i);
            if (assigned[i] == UNASSIGNED) {
                (assignedIdentities.contains(identities[i]) ? duplicated : unexpected).add(event);
                continue;
            }
            if (exact[i]) {
                matched.add(event);
            }
            // Lost changes leave gaps but keep the order; only a step backwards means reordering.
            outOfOrder |= assigned[i] < lastIndex;
            lastIndex = assigned[i];
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!taken[i]) {
                lost.add(expected.get(i));
            }
        }
    }

    /** Lost, duplicated, unexpected or out of order; changed values are reported on their own. */
    boolean hasProblem() {
        return outOfOrder || !lost.isEmpty() || !duplicated.isEmpty() || !unexpected.isEmpty();
    }

    KeyProblem problem() {
        return new KeyProblem(key, expected.stream().map(LedgerEntry::op).toList(),
                received.stream().map(ChangeEvent::op).toList(),
                lost.size(), duplicated.size(), unexpected.size(), outOfOrder);
    }

    /** The columns every change of this key wrote as text (or null): equal values are equal strings. */
    private static List<String> textColumns(List<LedgerEntry> entries) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> other = new HashSet<>();
        for (LedgerEntry entry : entries) {
            for (Map.Entry<String, Object> column : entry.values().entrySet()) {
                columns.add(column.getKey());
                if (entry.op() != Op.DELETE && column.getValue() != null && !(column.getValue() instanceof String)) {
                    other.add(column.getKey());
                }
            }
        }
        columns.removeAll(other);
        return List.copyOf(columns);
    }

    /** For each entry, which change of its op it is for this key, starting at 1. */
    private static int[] occurrences(List<LedgerEntry> entries) {
        int[] numbers = new int[entries.size()];
        Map<Op, Integer> seen = new EnumMap<>(Op.class);
        for (int i = 0; i < entries.size(); i++) {
            numbers[i] = seen.merge(entries.get(i).op(), 1, Integer::sum);
        }
        return numbers;
    }

    private Signature signatureOf(LedgerEntry entry) {
        return signatureOf(entry.op(), entry.values());
    }

    private Signature signatureOf(ChangeEvent event) {
        return signatureOf(event.op(), event.after());
    }

    private Signature signatureOf(Op op, Map<String, Object> row) {
        if (op == Op.DELETE) {
            return new Signature(op, new Object[0]); // a delete's after is null; its before is checked in full
        }
        Object[] text = new Object[textColumns.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = row == null ? null : row.get(textColumns.get(i));
        }
        return new Signature(op, text);
    }

    /** The op and the values of the text columns: every exact match shares it, so a lookup by it narrows the search. */
    private static final class Signature {
        private final Op op;
        private final Object[] text;
        private final int hash;

        Signature(Op op, Object[] text) {
            this.op = op;
            this.text = text;
            int h = Objects.hashCode(op);
            for (Object value : text) {
                // Scrambled per value: name and email hashes are correlated ("x" and "x@example.com"), and a linear
                // combination of them lands many rows in few buckets.
                h = 31 * h + scramble(Objects.hashCode(value));
            }
            this.hash = h;
        }

        /** MurmurHash3's finaliser. */
        private static int scramble(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that && op == that.op && Arrays.equals(text, that.text);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
