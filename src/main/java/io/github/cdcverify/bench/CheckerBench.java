package io.github.cdcverify.bench;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.judge.StreamChecker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the incremental checker alone, without a pipeline: {@code events} changes over {@code keys} keys (a
 * create, then updates, round robin over the keys), committed ten per transaction, each event arriving
 * {@value #IN_FLIGHT} changes after its commit, as a stream that keeps up would. Prints events checked per second
 * (building the synthetic changes and events included) and the heap the checker retains.
 */
public final class CheckerBench {

    private static final int IN_FLIGHT = 1_000;
    private static final int PER_TRANSACTION = 10;
    private static final Map<String, Object> NO_FIELDS = Map.of();

    /**
     * @param eventsPerSecond changes committed and events checked per second of the whole loop
     * @param retainedBytes   heap held by the checker once every event arrived (every key known), after full
     *                        collections
     */
    public record Result(long events, int keys, double seconds, double eventsPerSecond, long retainedBytes,
                         boolean clean) {

        public String describe() {
            return String.format(Locale.ROOT, "checker: %,d events over %,d keys in %.1f s: %,.0f events/s; "
                            + "retained %.1f MB (%,d bytes per key); verdict %s%n", events, keys, seconds,
                    eventsPerSecond, retainedBytes / 1e6, retainedBytes / Math.max(keys, 1),
                    clean ? "clean" : "NOT clean");
        }
    }

    private CheckerBench() {
    }

    public static Result run(long events, int keys) {
        long before = usedHeapAfterGc();
        StreamChecker checker = new StreamChecker();
        long start = System.nanoTime();
        List<LedgerEntry> transaction = new ArrayList<>(PER_TRANSACTION);
        List<ChangeEvent> arrived = new ArrayList<>(PER_TRANSACTION);
        for (long change = 0; change < events + IN_FLIGHT; change++) {
            if (change < events) {
                transaction.add(entry(change, keys));
                if (transaction.size() == PER_TRANSACTION) {
                    checker.committed(transaction);
                    transaction = new ArrayList<>(PER_TRANSACTION);
                }
            }
            long arriving = change - IN_FLIGHT;
            if (arriving >= 0) {
                arrived.add(event(arriving, keys));
                if (arrived.size() == PER_TRANSACTION || arriving == events - 1) {
                    checker.received(arrived);
                    arrived = new ArrayList<>(PER_TRANSACTION);
                }
            }
            if (change == events - 1 && !transaction.isEmpty()) {
                checker.committed(transaction);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long retained = usedHeapAfterGc() - before;
        checker.finish();
        return new Result(events, keys, seconds, events / seconds, retained, checker.clean());
    }

    private static LedgerEntry entry(long change, int keys) {
        int key = (int) (change % keys) + 1;
        Op op = change < keys ? Op.CREATE : Op.UPDATE;
        return new LedgerEntry(change + 1, op, key, row(key, change), change / PER_TRANSACTION + 1, null);
    }

    private static ChangeEvent event(long change, int keys) {
        int key = (int) (change % keys) + 1;
        Op op = change < keys ? Op.CREATE : Op.UPDATE;
        Source source = new Source("postgresql", "bench", "db", "public", "bench", 1_000 + change, null, null, null,
                NO_FIELDS);
        return new ChangeEvent("bench.public.bench", 0, change, Map.of("id", key), op, null, row(key, change),
                source, 1L, null, false);
    }

    private static Map<String, Object> row(int key, long change) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", key);
        row.put("name", "user" + change);
        row.put("email", "user" + change + "@example.com");
        return row;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
