package io.github.cdcverify.check.soak;

import io.github.cdcverify.generate.ContinuousWrites;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.harness.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;
import io.github.cdcverify.verify.StreamChecker;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Hours of checking at steady load: the generator writes to a table of its own at a rate for a duration (through
 * PostgreSQL restarts, see {@link ContinuousWrites}), a temporary connector captures it, and every event is checked
 * as it arrives ({@link StreamChecker}), so memory stays bounded by the keys and what is in flight. A progress line
 * every report interval, a summary at the end. The table, connector, slot, publication and topic are removed
 * afterwards, also when it fails or is stopped.
 */
public final class Soak {

    /** How long the stream may take to deliver what is still in flight once the writes ended. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    /** Once the writes ended, how long nothing may arrive before what is still in flight counts as lost. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(20);
    /** Read on after everything arrived, so that a late duplicate or stray event is seen. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

    private final Duration duration;
    private double rate = 100;
    private int rowsPerTransaction = 1;
    private int maxRows = 100_000;
    private Duration reportEvery = Duration.ofSeconds(10);
    private PrintStream out = System.out;
    private final Object wake = new Object();
    private volatile boolean stopRequested;

    private Soak(Duration duration) {
        this.duration = duration;
    }

    /**
     * @throws IllegalArgumentException when the duration is not positive
     */
    public static Soak lasting(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("A soak must last a positive time, not " + duration);
        }
        return new Soak(duration);
    }

    /** Changes per second (default 100; 0 for as fast as possible). */
    public Soak withRate(double changesPerSecond) {
        this.rate = changesPerSecond;
        return this;
    }

    /** Changes per transaction (default 1). */
    public Soak withRowsPerTransaction(int rows) {
        this.rowsPerTransaction = rows;
        return this;
    }

    /**
     * The most rows the table holds (default 100,000): then each insert becomes a delete, so that the table, and
     * the generator's and checker's memory of its keys, stay the same size however long the soak runs.
     */
    public Soak withMaxRows(int rows) {
        this.maxRows = rows;
        return this;
    }

    /** How often a progress line is printed (default 10 s). */
    public Soak withReportEvery(Duration interval) {
        this.reportEvery = interval;
        return this;
    }

    public Soak withOut(PrintStream printer) {
        this.out = printer;
        return this;
    }

    /** Ends the soak early (Ctrl+C): the writes stop, what is in flight is awaited briefly, the summary follows. */
    public void stop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Runs the soak on {@code stack}; never throws for what it finds in the stream. */
    public SoakResult run(CdcStack stack) {
        StreamChecker checker = new StreamChecker();
        Ledger ledger = Ledger.forwardingTo(checker::committed);
        try (CapturedTable captured = CapturedTable.on(stack, "soak").leavingNoOffsets().start()) {
            out.printf(Locale.ROOT, "Soak: writing to %s at %s changes/s, %d per transaction, at most %,d rows, "
                            + "for %s; checking %s as it arrives (Ctrl+C ends early with the summary)%n",
                    captured.table(), rate == 0 ? "unlimited" : String.format(Locale.ROOT, "%,.0f", rate),
                    rowsPerTransaction, maxRows, duration, captured.topic());
            PostgresEndpoint pg = stack.postgres();
            GeneratorSettings settings = GeneratorSettings.defaults().withTable(captured.table().table())
                    .withRate(rate).withRowsPerTransaction(rowsPerTransaction).withMaxRows(maxRows).withCount(null)
                    .withDuration(duration);
            long began = System.nanoTime(); // the soak's time is the writes' time, set-up excluded
            ContinuousWrites writes = ContinuousWrites.start(pg, settings,
                    ledger, true);
            try {
                return watch(stack, captured, checker, writes, began);
            } finally {
                writes.close();
            }
        }
    }

    private SoakResult watch(CdcStack stack, CapturedTable captured, StreamChecker checker, ContinuousWrites writes,
                             long began) {
        waitFor(() -> checker.committedTotal() > 0 || !writes.running(), Duration.ofSeconds(60), null);
        if (checker.committedTotal() == 0) {
            return new SoakResult(checker, since(began), 0, writes.failures(), stopRequested ? null
                    : "nothing was committed: " + writes.error(), stopRequested);
        }
        captured.awaitTopic();
        SoakProgress progress = new SoakProgress(checker, began);
        try (SoakReader reader = SoakReader.start(stack.kafka(), captured.topic(), checker)) {
            waitFor(() -> !writes.running() || reader.error() != null, null, progress);
            writes.close();
            Duration drain = stopRequested ? QUIET_PERIOD.multipliedBy(5) : DRAIN_TIMEOUT;
            long[] lastSeen = {checker.receivedTotal(), System.nanoTime()};
            waitFor(() -> checker.inFlight() == 0 && checker.held() == 0 || reader.error() != null
                    || stalled(checker, lastSeen), drain, progress);
            pause(QUIET_PERIOD);
            out.println(progress.line(System.nanoTime()));
            checker.finish();
            String error = reader.error() != null ? "reading the topic failed: " + reader.error().getMessage()
                    : writes.error() != null ? "the writes failed: " + writes.error().getMessage() : null;
            return new SoakResult(checker, since(began), reader.malformed(), writes.failures(), error,
                    stopRequested);
        }
    }

    /** Whether nothing arrived for {@link #STALL_TIMEOUT}; {@code lastSeen} holds the count and when it last grew. */
    private static boolean stalled(StreamChecker checker, long[] lastSeen) {
        long received = checker.receivedTotal();
        if (received != lastSeen[0]) {
            lastSeen[0] = received;
            lastSeen[1] = System.nanoTime();
        }
        return System.nanoTime() - lastSeen[1] >= STALL_TIMEOUT.toNanos();
    }

    /** Until {@code done}, Ctrl+C or the timeout (none when null), printing progress lines when given. */
    private void waitFor(BooleanSupplier done, Duration timeout, SoakProgress progress) {
        long start = System.nanoTime();
        long nextReport = start + reportEvery.toNanos();
        while (!done.getAsBoolean() && (timeout == null || System.nanoTime() - start < timeout.toNanos())) {
            if (stopRequested && timeout == null) {
                return;
            }
            pause(Duration.ofMillis(100));
            if (progress != null && System.nanoTime() - nextReport >= 0) {
                out.println(progress.line(System.nanoTime()));
                nextReport += reportEvery.toNanos();
            }
        }
    }

    private void pause(Duration time) {
        synchronized (wake) {
            try {
                wake.wait(Math.max(1, time.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
