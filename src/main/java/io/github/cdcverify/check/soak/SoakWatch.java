package io.github.cdcverify.check.soak;

import io.github.cdcverify.judge.StreamChecker;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The soak's watching, once the topic is read: while the writes go on, then while the stream drains, it prints a
 * progress line every report interval and a line when a stall begins and ends; at the end it stops the reader and
 * only then closes the checker's books, so that every event read is judged. Clock and pause come from outside, so
 * that a test can run an hour of it in milliseconds.
 */
final class SoakWatch {

    /** Read on after everything arrived, so that a late duplicate or stray event is seen. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(2);
    /** After Ctrl+C, how long what is in flight may still take: the user asked to stop, not to wait minutes. */
    static final Duration DRAIN_AFTER_STOP = Duration.ofSeconds(10);
    private static final Duration TURN = Duration.ofMillis(100);

    /** The events' source: the topic reader. */
    interface Feed {
        /** What ended the reading early, or null. */
        RuntimeException error();

        /** Stops reading; returns once every event read has been handed to the checker. */
        void stop();
    }

    /**
     * How the drain after the last write ended.
     *
     * @param took          from its start to its end, quiet period included
     * @param timedOut      whether the bound passed with changes still in flight
     * @param leftInFlight  changes still in flight at its end (lost, unless the reading failed)
     */
    record Drain(Duration took, boolean timedOut, long leftInFlight, Duration bound) {

        /** One sentence for the summary. */
        String describe() {
            if (!timedOut) {
                return String.format(Locale.ROOT, "After the last write the stream drained in %.1f s (bound %s).",
                        Stall.seconds(took), Stall.humanly(bound));
            }
            return String.format(Locale.ROOT, "After the last write, %,d changes had still not arrived when the drain "
                    + "bound of %s passed: they count as lost (a longer --drain-timeout tells a longer stall from a "
                    + "loss).", leftInFlight, Stall.humanly(bound));
        }
    }

    private final StreamChecker checker;
    private final Feed feed;
    private final SoakProgress progress;
    private final StallWatch stalls;
    private final Supplier<String> connectorState;
    private final LongSupplier clock;
    private final Consumer<Duration> pause;
    private final BooleanSupplier stopRequested;
    private final PrintStream out;
    private final long reportEveryNanos;
    private long nextReport;

    /**
     * @param startNanos     the soak's start on {@code clock}, from which lines count seconds
     * @param connectorState the connector's and tasks' state and workers, asked when a stall begins and while it lasts
     * @param pause          waits the given time, or less when a stop is requested
     */
    SoakWatch(StreamChecker checker, Feed feed, Supplier<String> connectorState, long startNanos, LongSupplier clock,
              Consumer<Duration> pause, BooleanSupplier stopRequested, PrintStream out, Duration reportEvery) {
        this.checker = checker;
        this.feed = feed;
        this.connectorState = connectorState;
        this.progress = new SoakProgress(checker, startNanos);
        this.stalls = new StallWatch(startNanos, connectorState);
        this.clock = clock;
        this.pause = pause;
        this.stopRequested = stopRequested;
        this.out = out;
        this.reportEveryNanos = reportEvery.toNanos();
        this.nextReport = clock.getAsLong() + reportEveryNanos;
    }

    /** Until {@code writing} turns false, the reading fails or a stop is requested. */
    void whileWriting(BooleanSupplier writing) {
        while (writing.getAsBoolean() && feed.error() == null && !stopRequested.getAsBoolean()) {
            pause.accept(TURN);
            turn(null);
        }
    }

    /**
     * Waits until every committed change arrived (then reads on for {@link #QUIET_PERIOD}), the reading fails, or
     * {@code bound} passes; after a stop request at most {@link #DRAIN_AFTER_STOP} more. Then stops the reader and
     * finishes the checker: what never arrived is lost from here on.
     */
    Drain drain(Duration bound) {
        long start = clock.getAsLong();
        Long stoppedAt = null;
        boolean complete = false;
        // Nothing in flight and nothing held: what was committed arrived, and stray events were judged.
        while (feed.error() == null) {
            long now = clock.getAsLong();
            if (checker.inFlight() == 0 && checker.held() == 0) {
                complete = true;
                break;
            }
            if (stoppedAt == null && stopRequested.getAsBoolean()) {
                stoppedAt = now;
            }
            if (now - start >= bound.toNanos()
                    || stoppedAt != null && now - stoppedAt >= DRAIN_AFTER_STOP.toNanos()) {
                break;
            }
            pause.accept(TURN);
            turn(start);
        }
        if (complete) {
            long quietEnd = clock.getAsLong() + QUIET_PERIOD.toNanos();
            while (clock.getAsLong() - quietEnd < 0) {
                pause.accept(TURN);
                turn(start);
            }
        }
        feed.stop(); // its last batch may bring what was missing
        long leftInFlight = checker.inFlight();
        out.println(progress.line(clock.getAsLong()));
        checker.finish();
        return new Drain(Duration.ofNanos(clock.getAsLong() - start), leftInFlight > 0 && feed.error() == null,
                leftInFlight, bound);
    }

    /** Every stall seen, the last one still going on when events never came back. */
    List<Stall> stalls() {
        return stalls.stalls();
    }

    /** One turn of the loop: notices stalls, prints a progress line when one is due. */
    private void turn(Long drainStart) {
        long now = clock.getAsLong();
        switch (stalls.observe(checker.receivedTotal(), checker.inFlight(), now)) {
            case STALLED -> out.println(progress.stamp(now) + String.format(Locale.ROOT, "STALL: nothing arrived for "
                            + "%d s with %,d changes in flight (the oldest committed %,d ms ago); %s",
                    stalls.quietFor(now).toSeconds(), stalls.current().inFlight(), checker.lagMillis(),
                    stalls.current().connector()));
            case RESUMED -> {
                Stall over = stalls.last();
                out.println(progress.stamp(now) + String.format(Locale.ROOT, "stall over: events arrive again after "
                        + "%.1f s without any (%.1f s to %.1f s)", Stall.seconds(over.length(over.endedAt())),
                        Stall.seconds(over.beganAt()), Stall.seconds(over.endedAt())));
            }
            case NONE -> { }
        }
        if (now - nextReport >= 0) {
            out.println(progress.line(now) + note(now, drainStart));
            nextReport += reportEveryNanos;
        }
    }

    /** What the progress line adds while the stream stalls or drains. */
    private String note(long now, Long drainStart) {
        StringBuilder note = new StringBuilder();
        if (drainStart != null) {
            note.append(String.format(Locale.ROOT, "  draining for %d s: %,d in flight, last event %d s ago",
                    (now - drainStart) / 1_000_000_000L, checker.inFlight(), stalls.quietFor(now).toSeconds()));
        }
        if (stalls.current() != null) {
            note.append(String.format(Locale.ROOT, "  STALLED for %d s: %s", stalls.quietFor(now).toSeconds(),
                    connectorState.get()));
        }
        return note.toString();
    }
}
