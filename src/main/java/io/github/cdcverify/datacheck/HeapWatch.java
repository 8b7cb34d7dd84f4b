package io.github.cdcverify.datacheck;

import java.util.Locale;

/**
 * Tells once when the fold's rows take more than a share of the heap the JVM may grow to: past that the garbage
 * collector runs again and again over the same live rows, the check slows down many times over (a million rows in a
 * 384 MB heap: 200 s instead of 25 s) and may end in an OutOfMemoryError. The user learns why, and the fix, while it
 * runs instead of after.
 */
final class HeapWatch {

    /**
     * The fold may take this share of the heap limit: the young generation (a third of the heap under the serial
     * collector), the consumer's fetches and the garbage between collections need the rest. Measured: a million rows
     * (~170 MB, 46% of a 384 MB heap) took 61 s instead of 24 s.
     */
    static final double SHARE = 0.35;
    /** Events between two looks: cheap enough to ask after each event. */
    private static final int EVERY = 1 << 16;

    private final String table;
    private final long maxHeap;
    private long events;
    private boolean told;

    HeapWatch(String table, long maxHeap) {
        this.table = table;
        this.maxHeap = maxHeap;
    }

    /** A watch of this JVM's heap limit. */
    static HeapWatch ofThisJvm(String table) {
        return new HeapWatch(table, Runtime.getRuntime().maxMemory());
    }

    /**
     * After one more event: the warning (to be shown as a WARN), the first time the fold's {@code keptBytes} for {@code rows} rows pass the
     * share; null otherwise.
     */
    String afterEvent(long keptBytes, long rows) {
        if (told || ++events % EVERY != 0 || keptBytes <= maxHeap * SHARE) {
            return null;
        }
        told = true;
        return String.format(Locale.ROOT, "%s: the topic's latest rows take about %,d MB so far (%,d rows, "
                        + "~%,d bytes each) of this JVM's %,d MB heap: the check slows down as the heap fills and "
                        + "may fail with OutOfMemoryError. Give it more heap, e.g. CDC_JAVA_OPTS=-Xmx%dg for the "
                        + "command line (-Xmx for your test JVM), three times what the rows take.", table,
                keptBytes / 1_000_000, rows, rows == 0 ? 0 : keptBytes / rows, maxHeap / 1_000_000,
                Math.max(2, (long) Math.ceil(keptBytes * 3.0 / 1e9)));
    }
}
