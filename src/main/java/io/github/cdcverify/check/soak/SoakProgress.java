package io.github.cdcverify.check.soak;

import io.github.cdcverify.judge.StreamChecker;
import io.github.cdcverify.judge.StreamProblems;

import java.util.Locale;

/** The soak's progress line: what was committed and received so far, how far behind, what went wrong, memory. */
final class SoakProgress {

    private final StreamChecker checker;
    private final long startNanos;
    private long lastNanos;
    private long lastReceived;

    SoakProgress(StreamChecker checker, long startNanos) {
        this.checker = checker;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** The seconds since the soak's start that begin each of its lines, e.g. {@code [  20 s] }. */
    String stamp(long nowNanos) {
        return String.format(Locale.ROOT, "[%4d s] ", (nowNanos - startNanos) / 1_000_000_000L);
    }

    /**
     * E.g. {@code [  20 s] committed 2,000  received 1,996  lag 4 events / 9 ms  lost 0  duplicated 0
     * reordered 0  changed 0  unexpected 0  100 events/s  keys 1,204  heap 61 of 384 MB}; events/s since the previous
     * line, keys the checker follows, heap in use (garbage included) of the most it may grow to.
     */
    String line(long nowNanos) {
        long received = checker.receivedTotal();
        double seconds = Math.max(nowNanos - lastNanos, 1) / 1e9;
        double perSecond = (received - lastReceived) / seconds;
        lastNanos = nowNanos;
        lastReceived = received;
        StreamProblems problems = checker.problems();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        long maxHeapMb = runtime.maxMemory() / (1024 * 1024);
        return stamp(nowNanos) + String.format(Locale.ROOT, "committed %,d  received %,d  lag %,d events / %,d ms  lost %,d  "
                        + "duplicated %,d  reordered %,d  changed %,d  unexpected %,d  %,.0f events/s  keys %,d  "
                        + "heap %,d of %,d MB",
                checker.committedTotal(), received, checker.inFlight(),
                checker.lagMillis(), problems.lost() + checker.skipped(), problems.duplicated(),
                problems.outOfOrderKeys(), problems.changedValues(), problems.unexpected(), perSecond,
                checker.keys(), heapMb, maxHeapMb);
    }
}
