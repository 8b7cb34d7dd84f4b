package io.github.cdcverify.check.soak;

import io.github.cdcverify.generate.ContinuousWrites;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.StreamChecker;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Hours of checking at steady load: the generator writes to a table of its own at a rate for a duration (through
 * PostgreSQL restarts, see {@link ContinuousWrites}), a temporary connector captures it, and every event is checked
 * as it arrives ({@link StreamChecker}), so memory stays bounded by the keys and what is in flight. A progress line
 * every report interval, a line when the stream stalls and when it resumes, a summary at the end.
 *
 * <p>After the last write it waits for what is still in flight up to the drain timeout (default
 * {@link #DEFAULT_DRAIN_TIMEOUT}, longer than Connect's default {@code scheduled.rebalance.max.delay.ms} of 5 min, for
 * which a task of a worker that died may wait): only what has not arrived by then is lost. It ends as soon as
 * everything arrived, plus a short quiet period for late duplicates. Then the reader stops, and only then is the
 * stream judged, so that every event read counts.
 *
 * <p>The table, connector, slot, publication and topic are removed afterwards, also when it fails or is stopped. A
 * removal that fails is reported beside the verdict ({@link SoakResult#cleanupFailure()}), never instead of it.
 */
public final class Soak {

    /**
     * How long the stream may take to deliver what is still in flight once the writes ended: longer than Connect's
     * default {@code scheduled.rebalance.max.delay.ms} (5 min), which a task of a worker that died without leaving
     * the group waits before another worker gets it.
     */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(6);
    /** How long the first commit may take: the writes start on a table that exists, so only a dead database stops it. */
    private static final Duration FIRST_COMMIT_TIMEOUT = Duration.ofSeconds(60);

    private final Duration duration;
    private double rate = 100;
    private int rowsPerTransaction = 1;
    private int maxRows = 100_000;
    private Duration reportEvery = Duration.ofSeconds(10);
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
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

    /**
     * How long, after the last write, what is still in flight may take to arrive before it counts as lost (default
     * {@link #DEFAULT_DRAIN_TIMEOUT}); the soak goes on at once when everything arrived.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Soak withDrainTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("A drain timeout must be positive, not " + timeout);
        }
        this.drainTimeout = timeout;
        return this;
    }

    public Soak withOut(PrintStream printer) {
        this.out = printer;
        return this;
    }

    /**
     * Ends the soak early (Ctrl+C): the writes stop, what is in flight is awaited for at most
     * {@link SoakWatch#DRAIN_AFTER_STOP}, the summary follows.
     */
    public void stop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * Runs the soak on {@code stack}; never throws for what it finds in the stream, nor for a clean-up that fails
     * after it (see {@link SoakResult#cleanupFailure()}).
     */
    public SoakResult run(CdcStack stack) {
        StreamChecker checker = new StreamChecker();
        Ledger ledger = Ledger.forwardingTo(checker::committed);
        CapturedTable captured = CapturedTable.on(stack, "soak").leavingNoOffsets().start();
        SoakResult result;
        try {
            out.printf(Locale.ROOT, "Soak: writing to %s at %s changes/s, %d per transaction, at most %,d rows, "
                            + "for %s; checking %s as it arrives, waiting up to %s for it after the last write "
                            + "(Ctrl+C ends early with the summary)%n",
                    captured.table(), rate == 0 ? "unlimited" : String.format(Locale.ROOT, "%,.0f", rate),
                    rowsPerTransaction, maxRows, duration, captured.topic(), Stall.humanly(drainTimeout));
            PostgresEndpoint pg = stack.postgres();
            GeneratorSettings settings = GeneratorSettings.defaults().withTable(captured.table().table())
                    .withRate(rate).withRowsPerTransaction(rowsPerTransaction).withMaxRows(maxRows).withCount(null)
                    .withDuration(duration);
            long began = System.nanoTime(); // the soak's time is the writes' time, set-up excluded
            try (ContinuousWrites writes = ContinuousWrites.start(pg, settings, ledger, true)) {
                result = watch(stack, captured, checker, writes, began);
            }
        } catch (RuntimeException e) {
            String leftBehind = cleanUp(captured);
            if (leftBehind != null) {
                e.addSuppressed(new IllegalStateException("clean-up failed: " + leftBehind));
            }
            throw e;
        }
        return result.withCleanupFailure(cleanUp(captured));
    }

    /** Removes what the soak created; what is still there and why, or null. */
    private static String cleanUp(CapturedTable captured) {
        try {
            captured.close();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private SoakResult watch(CdcStack stack, CapturedTable captured, StreamChecker checker, ContinuousWrites writes,
                             long began) {
        long firstCommitDeadline = System.nanoTime() + FIRST_COMMIT_TIMEOUT.toNanos();
        while (checker.committedTotal() == 0 && writes.running() && !stopRequested
                && System.nanoTime() - firstCommitDeadline < 0) {
            pause(Duration.ofMillis(100));
        }
        if (checker.committedTotal() == 0) {
            return new SoakResult(checker, since(began), 0, writes.failures(), stopRequested ? null
                    : "nothing was committed: " + writes.error(), stopRequested, List.of(), null, null);
        }
        captured.awaitTopic();
        ConnectorState connectorState = new ConnectorState(stack.connectUrls(), captured.connectorName());
        try (SoakReader reader = SoakReader.start(stack.kafka(), captured.topic(), checker)) {
            SoakWatch watch = new SoakWatch(checker, reader, connectorState, began, System::nanoTime, this::pause,
                    () -> stopRequested, out, reportEvery);
            watch.whileWriting(writes::running);
            writes.close();
            SoakWatch.Drain drain = watch.drain(drainTimeout);
            String error = reader.error() != null ? "reading the topic failed: " + reader.error().getMessage()
                    : writes.error() != null ? "the writes failed: " + writes.error().getMessage() : null;
            return new SoakResult(checker, since(began), reader.malformed(), writes.failures(), error,
                    stopRequested, watch.stalls(), drain.describe(), null);
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
