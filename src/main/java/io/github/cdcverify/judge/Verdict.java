package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outcome of checking the events received from a table's topic against the changes committed to the table.
 *
 * <p>Events are matched per key ({@code key.id}). An event matches a committed change of the same key and op when
 * every column of its {@code after} equals the row as written, and its {@code before} is the row before the change
 * (REPLICA IDENTITY FULL) or the shape DEFAULT gives (null for an update, the key only for a delete); values are
 * compared by type ({@link ColumnComparison#asWritten}, e.g. {@code created_at} as Debezium's ISO-8601 string against
 * the instant read over JDBC). Each event takes the earliest unmatched change it fits. Snapshot reads ({@code op = r})
 * take no part in matching and are only counted; tombstones are counted and must follow every delete.
 *
 * <ul>
 *   <li>lost: a committed change no event stands for;</li>
 *   <li>changed: an event that matches no change exactly but has the key and op of a pending one: each differing
 *       column, with the value written and the value received;</li>
 *   <li>duplicated: an event equal (op, after, before, source.lsn) to one already matched;</li>
 *   <li>out of order: a key whose matched events arrived in another order than committed;</li>
 *   <li>unexpected: any other event, including events without a usable key and truncate or message events;</li>
 *   <li>no tombstone: a delete not followed by a tombstone before the next event of its key.</li>
 * </ul>
 */
public final class Verdict {

    // An EnumSet, not List.of: an event without an op (built by hand) is then unexpected instead of an NPE.
    private static final Set<Op> ROW_OPS = EnumSet.of(Op.CREATE, Op.UPDATE, Op.DELETE);

    private final Map<Op, Long> committed = zeroCounts();
    private final Map<Op, Long> received = zeroCounts();
    private final Map<Op, Long> matched = zeroCounts();
    private final List<LedgerEntry> lost = new ArrayList<>();
    private final List<ChangeEvent> duplicated = new ArrayList<>();
    private final List<ChangeEvent> unexpected = new ArrayList<>();
    private final List<Long> outOfOrderKeys = new ArrayList<>();
    private final List<KeyProblem> problems = new ArrayList<>();
    private final List<ChangedValue> changed = new ArrayList<>();
    private final List<MissingTombstone> missingTombstones = new ArrayList<>();
    // The first problem of each key, for firstProblem(): sequence problems, then changed values, then tombstones.
    private final TreeMap<Long, String> firstProblemByKey = new TreeMap<>();
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
        return compare(ledger, events, true);
    }

    /**
     * Compares what was committed with what was received, for a connector that may send no tombstones.
     *
     * @param tombstonesExpected whether every delete must be followed by a tombstone; {@code false} where the
     *                           connector sends none ({@code tombstones.on.delete=false}, or a transform that drops
     *                           them), so that their absence is not reported
     */
    public static Verdict compare(Ledger ledger, List<ChangeEvent> events, boolean tombstonesExpected) {
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
        if (tombstonesExpected) {
            verdict.missingTombstones.addAll(TombstoneCheck.missing(events));
        }
        verdict.missingTombstones.forEach(missing ->
                verdict.firstProblemByKey.putIfAbsent(missing.key(), missing.describe()));
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
        changed.addAll(result.changed);
        if (result.outOfOrder) {
            outOfOrderKeys.add(key);
        }
        if (result.hasProblem()) {
            problems.add(result.problem());
            firstProblemByKey.put(key, result.problem().describe());
        } else if (!result.changed.isEmpty()) {
            firstProblemByKey.put(key, result.changed.get(0).describe());
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

    /** Received events with this op that matched a committed change in every column. */
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

    /**
     * Columns of events that stand for a committed change (same key and op) but hold other values than written, by
     * key, then stream order. One event may contribute several.
     */
    public List<ChangedValue> changedValues() {
        return List.copyOf(changed);
    }

    /** Deletes not followed by a tombstone before the next event of their key, by key. */
    public List<MissingTombstone> missingTombstones() {
        return List.copyOf(missingTombstones);
    }

    /** Events that match no committed change. */
    public List<ChangeEvent> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Tombstones received (checked to follow every delete, not matched). */
    public long tombstones() {
        return tombstones;
    }

    /** Snapshot reads ({@code op = r}) received (not matched). */
    public long snapshotReads() {
        return snapshotReads;
    }

    /** Every key that lost, duplicated, reordered or received unexpected events, ascending. */
    public List<KeyProblem> problems() {
        return List.copyOf(problems);
    }

    /** {@code true} when nothing was lost, changed, duplicated, out of order, unexpected or left without tombstone. */
    public boolean clean() {
        return lost.isEmpty() && changed.isEmpty() && duplicated.isEmpty() && outOfOrderKeys.isEmpty()
                && unexpected.isEmpty() && missingTombstones.isEmpty();
    }

    /**
     * The lowest offending key's problem: its expected and received op sequences, e.g.
     * {@code key 17: expected [c, u, d] but received [c, d] (1 lost)}; else its first changed value, e.g.
     * {@code key 17 (update #2): column email written 'a@x' but received 'b@x'}; else its delete without tombstone,
     * e.g. {@code key 17: no tombstone after the delete at app.public.users-0@5}. An event without a usable key
     * when no key has a problem; {@code "no problems"} when {@link #clean()}.
     */
    public String firstProblem() {
        if (!firstProblemByKey.isEmpty()) {
            return firstProblemByKey.firstEntry().getValue();
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
        Map<Op, Long> lostByOp = new EnumMap<>(Op.class);
        lost.forEach(entry -> lostByOp.merge(entry.op(), 1L, Long::sum));
        table.append(String.format("%-14s%10d%s%n", "lost", lost.size(),
                lost.isEmpty() ? "" : "  (" + StreamProblems.byOp(lostByOp) + ")"));
        table.append(String.format("%-14s%10d%n", "duplicated", duplicated.size()));
        table.append(String.format("%-14s%10d keys%n", "out of order", outOfOrderKeys.size()));
        table.append(String.format("%-14s%10d%n", "unexpected", unexpected.size()));
        table.append(String.format("%-14s%10d values%n", "changed", changed.size()));
        table.append(String.format("%-14s%10d deletes%n", "no tombstone", missingTombstones.size()));
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
