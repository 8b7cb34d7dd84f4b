package io.github.cdcverify.verify;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of checking the events received from a table's topic against the changes committed to the table.
 *
 * <p>Events are matched per key ({@code key.id}). A create or update matches a committed change with the same op
 * whose {@code after} has the same id, name and email; a delete matches a committed delete of the same key. Each
 * event takes the earliest unmatched change it fits. Tombstones and snapshot reads ({@code op = r}) take no part in
 * matching and are only counted.
 *
 * <ul>
 *   <li>lost: a committed change no event matched;</li>
 *   <li>duplicated: an event equal (op, after, before, source.lsn) to one already matched;</li>
 *   <li>out of order: a key whose matched events arrived in another order than committed;</li>
 *   <li>unexpected: any other event, including events without a usable key and truncate or message events.</li>
 * </ul>
 */
public final class Verdict {

    private static final List<Op> ROW_OPS = List.of(Op.CREATE, Op.UPDATE, Op.DELETE);

    private final Map<Op, Long> committed = zeroCounts();
    private final Map<Op, Long> received = zeroCounts();
    private final Map<Op, Long> matched = zeroCounts();
    private final List<LedgerEntry> lost = new ArrayList<>();
    private final List<ChangeEvent> duplicated = new ArrayList<>();
    private final List<ChangeEvent> unexpected = new ArrayList<>();
    private final List<Long> outOfOrderKeys = new ArrayList<>();
    private final List<KeyProblem> problems = new ArrayList<>();
    private final List<ChangeEvent> keylessUnexpected = new ArrayList<>();
    private long tombstones;
    private long snapshotReads;

    private Verdict() {
    }

    /**
     * Compares what was committed with what was received.
     *
     * @param events every record read from the table's topic, in the order read (order matters only per key)
     */
    public static Verdict compare(Ledger ledger, List<ChangeEvent> events) {
        Verdict verdict = new Verdict();
        Map<Long, List<LedgerEntry>> expectedByKey = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.entries()) {
            verdict.committed.merge(entry.op(), 1L, Long::sum);
            expectedByKey.computeIfAbsent((long) entry.key(), k -> new ArrayList<>()).add(entry);
        }
        Map<Long, List<ChangeEvent>> receivedByKey = verdict.groupEvents(events);

        List<Long> keys = new ArrayList<>(expectedByKey.keySet());
        receivedByKey.keySet().stream().filter(key -> !expectedByKey.containsKey(key)).forEach(keys::add);
        keys.sort(Comparator.naturalOrder());
        for (long key : keys) {
            KeyMatcher result = KeyMatcher.match(key, expectedByKey.getOrDefault(key, List.of()),
                    receivedByKey.getOrDefault(key, List.of()));
            verdict.add(key, result);
        }
        verdict.unexpected.addAll(verdict.keylessUnexpected);
        return verdict;
    }

    private Map<Long, List<ChangeEvent>> groupEvents(List<ChangeEvent> events) {
        Map<Long, List<ChangeEvent>> byKey = new HashMap<>();
        for (ChangeEvent event : events) {
            if (event.tombstone()) {
                tombstones++;
                continue;
            }
            if (event.op() == Op.READ) {
                snapshotReads++;
                continue;
            }
            if (ROW_OPS.contains(event.op())) {
                received.merge(event.op(), 1L, Long::sum);
            }
            Long key = EventValues.keyOf(event);
            if (key == null || !ROW_OPS.contains(event.op())) {
                keylessUnexpected.add(event);
                continue;
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
        }
        return byKey;
    }

    private void add(long key, KeyMatcher result) {
        result.matched.forEach(event -> matched.merge(event.op(), 1L, Long::sum));
        lost.addAll(result.lost);
        duplicated.addAll(result.duplicated);
        unexpected.addAll(result.unexpected);
        if (result.outOfOrder) {
            outOfOrderKeys.add(key);
        }
        if (result.hasProblem()) {
            problems.add(result.problem());
        }
    }

    /** Committed changes with this op. */
    public long committed(Op op) {
        return committed.getOrDefault(op, 0L);
    }

    /** Received events with this op, duplicates and unexpected ones included; tombstones and reads excluded. */
    public long received(Op op) {
        return received.getOrDefault(op, 0L);
    }

    /** Received events with this op that matched a committed change. */
    public long matched(Op op) {
        return matched.getOrDefault(op, 0L);
    }

    /** Committed changes no event matched, by key, then commit order. */
    public List<LedgerEntry> lost() {
        return List.copyOf(lost);
    }

    /** Events equal to an already matched event of the same key. */
    public List<ChangeEvent> duplicated() {
        return List.copyOf(duplicated);
    }

    /** Keys whose matched events arrived in another order than committed, ascending. */
    public List<Long> outOfOrderKeys() {
        return List.copyOf(outOfOrderKeys);
    }

    /** Events that match no committed change. */
    public List<ChangeEvent> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Tombstones received (not matched). */
    public long tombstones() {
        return tombstones;
    }

    /** Snapshot reads ({@code op = r}) received (not matched). */
    public long snapshotReads() {
        return snapshotReads;
    }

    /** Every key with a problem, ascending. */
    public List<KeyProblem> problems() {
        return List.copyOf(problems);
    }

    /** {@code true} when nothing was lost, duplicated, out of order or unexpected. */
    public boolean clean() {
        return lost.isEmpty() && duplicated.isEmpty() && outOfOrderKeys.isEmpty() && unexpected.isEmpty();
    }

    /**
     * The lowest offending key with its expected and received op sequences, e.g.
     * {@code key 17: expected [c, u, d] but received [c, d] (1 lost)}; an event without a usable key when no key
     * has a problem; {@code "no problems"} when {@link #clean()}.
     */
    public String firstProblem() {
        if (!problems.isEmpty()) {
            return problems.get(0).describe();
        }
        if (!keylessUnexpected.isEmpty()) {
            ChangeEvent event = keylessUnexpected.get(0);
            return "event at " + event.position() + " (op " + (event.op() == null ? "none" : event.op().code())
                    + ", key " + event.key() + ") matches no committed change";
        }
        return "no problems";
    }

    /** A small aligned table: committed, received and matched per op, then the problem counts. */
    public String summary() {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-14s%10s%10s%10s%n", "op", "committed", "received", "matched"));
        for (Op op : ROW_OPS) {
            table.append(String.format("%-14s%10d%10d%10d%n", op.name().toLowerCase(Locale.ROOT),
                    committed(op), received(op), matched(op)));
        }
        table.append(String.format("%-14s%10d%n", "lost", lost.size()));
        table.append(String.format("%-14s%10d%n", "duplicated", duplicated.size()));
        table.append(String.format("%-14s%10d keys%n", "out of order", outOfOrderKeys.size()));
        table.append(String.format("%-14s%10d%n", "unexpected", unexpected.size()));
        table.append(String.format("%-14s%10d tombstones, %d snapshot reads%n", "ignored", tombstones,
                snapshotReads));
        table.append(clean() ? "clean" : "NOT clean: " + firstProblem());
        return table.toString();
    }

    private static Map<Op, Long> zeroCounts() {
        Map<Op, Long> counts = new EnumMap<>(Op.class);
        ROW_OPS.forEach(op -> counts.put(op, 0L));
        return counts;
    }
}
