package io.github.cdcverify.datacheck;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The progress of one table's data check, as a line every {@code interval} while it runs: the topic's events read
 * and their rate, then the table's rows compared and theirs, each with the time left where the total is known. A run
 * shorter than one interval prints nothing. Counting is cheap (the clock is read every few thousand events), so it
 * can be told about every event.
 */
public final class CheckProgress {

    /** A long run gets a line this often. */
    public static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;
    /** Events or rows between two readings of the clock. */
    private static final int CLOCK_EVERY = 4_096;

    private final String table;
    private final Consumer<String> lines;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long nextLine;
    private long phaseStarted;
    private long events;
    private long eventsTotal = -1;
    private long eventsAtPhase;
    private long rows;
    private long rowsTotal = -1;
    private boolean comparing;

    /**
     * @param table     what the lines name, e.g. {@code public.users}
     * @param lines     where each line goes (e.g. a logger's INFO)
     * @param nanoClock {@link System#nanoTime} outside tests
     */
    public CheckProgress(String table, Consumer<String> lines, LongSupplier nanoClock, long intervalNanos) {
        this.table = table;
        this.lines = lines;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.phaseStarted = nanoClock.getAsLong();
        this.nextLine = phaseStarted + intervalNanos;
    }

    /** A progress that prints nothing. */
    public static CheckProgress silent() {
        return new CheckProgress("", line -> { }, () -> 0, Long.MAX_VALUE / 2);
    }

    /** The events the topic holds, when known: the time left can then be told. */
    void expectEvents(long total) {
        this.eventsTotal = total;
    }

    /** The rows the table holds, or an estimate; negative when unknown. */
    void expectRows(long total) {
        this.rowsTotal = total;
    }

    /** One more event read and folded. */
    void event() {
        if (++events % CLOCK_EVERY == 0) {
            tick();
        }
    }

    /** The topic is read; from now on rows are compared. */
    void comparing() {
        comparing = true;
        eventsAtPhase = events;
        phaseStarted = nanoClock.getAsLong();
    }

    /** One more row of the table compared. */
    void row() {
        if (++rows % CLOCK_EVERY == 0) {
            tick();
        }
    }

    /** Prints {@code line} now, besides the progress (a warning the user should see while the check runs). */
    void tell(String line) {
        lines.accept(line);
    }

    /** Prints a line if one is due. */
    void tick() {
        long now = nanoClock.getAsLong();
        if (now < nextLine) {
            return;
        }
        while (nextLine <= now) {
            nextLine += intervalNanos;
        }
        lines.accept(line(now));
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - phaseStarted) / 1e9);
        if (!comparing) {
            double rate = events / seconds;
            return String.format(Locale.ROOT, "data %s: %,d%s events read (%,.0f/s)%s", table, events,
                    eventsTotal >= 0 ? " of " + String.format(Locale.ROOT, "%,d", eventsTotal) : "", rate,
                    left(eventsTotal - events, rate));
        }
        double rate = rows / seconds;
        return String.format(Locale.ROOT, "data %s: %,d events read; %,d%s rows compared (%,.0f/s)%s", table,
                eventsAtPhase, rows, rowsTotal >= 0 ? " of ~" + String.format(Locale.ROOT, "%,d", rowsTotal) : "",
                rate, rowsTotal >= 0 ? left(rowsTotal - rows, rate) : "");
    }

    private static String left(long remaining, double rate) {
        if (remaining < 0 || rate <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", about %,d s left", Math.round(remaining / rate));
    }
}
