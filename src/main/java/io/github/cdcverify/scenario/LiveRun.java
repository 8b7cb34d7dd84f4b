package io.github.cdcverify.scenario;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.judge.StreamChecker;
import io.github.cdcverify.judge.StreamMismatch;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.time.BoundedWait;
import io.github.cdcverify.time.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The central act of every scenario, written once: the generator writing into a ledger in the background
 * ({@link LedgeredWrites}), the table's stream recorded with arrival times ({@link RecordedStream}), and judging
 * the stream against the ledger as it arrives, which gives the {@link Verdict}.
 *
 * <pre>{@code
 * try (CapturedTable captured = CapturedTable.on(stack, "orders").start();
 *      LiveRun run = LiveRun.on(captured).withGenerator(g -> g.withCount(1_000L)).start()) {
 *     Verdict verdict = run.assertMatchesLedger(Duration.ofSeconds(60)); // fails naming what is lost, duplicated...
 * }
 * }</pre>
 */
public final class LiveRun implements AutoCloseable {

    /** How long a stream that still owes changes may stay silent before they count as lost (10 s). */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(10);
    /** How long the stream must stay quiet once nothing more is awaited, so that a late duplicate shows (2 s). */
    public static final Duration DEFAULT_QUIET = Duration.ofSeconds(2);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final String NL = System.lineSeparator();

    private final TableName table;
    private final RecordedStream stream;
    private final LedgeredWrites writes;
    private final StreamChecker checker = new StreamChecker();
    private int ledgerJudged;
    private int eventsJudged;
    private boolean judged;

    private LiveRun(TableName table, RecordedStream stream, LedgeredWrites writes) {
        this.table = table;
        this.stream = stream;
        this.writes = writes;
    }

    /** A run on a captured table: its generator writes into the table, its stream is the table's topic. */
    public static Builder on(CapturedTable captured) {
        return new Builder(captured.stack(), captured.table(), () -> captured.consumer(StartFrom.BEGINNING));
    }

    /** A run on any table and the consumers that read its topic (e.g. the tutorial's {@code public.users}). */
    public static Builder on(CdcStack stack, TableName table, Supplier<ChangeEventConsumer> consumers) {
        return new Builder(stack, table, consumers);
    }

    public LedgeredWrites writes() {
        return writes;
    }

    public RecordedStream stream() {
        return stream;
    }

    /** The verdict of the ledger so far against the events so far. */
    public Verdict verdict() {
        return Verdict.compare(writes.ledger(), stream.events());
    }

    /**
     * Waits until every committed change and every delete's tombstone has arrived, and returns the verdict then
     * (which may still show duplicates, reordering or changed values: arrival is what is waited for). The changes
     * and events are judged as they come ({@link StreamChecker}, fed only what is new at each poll); the whole
     * {@link Verdict} is computed once, at the end. Waits through any stall up to {@code timeout} (e.g. a worker
     * that restarts); {@link #assertMatchesLedger} instead fails a stream that stopped short.
     *
     * @throws LiveRunTimeoutException after {@code timeout}, its message showing how far the stream got and its
     *                                 {@link LiveRunTimeoutException#lastVerdict()} counting what had not arrived
     */
    public Verdict awaitCaughtUp(Duration timeout) {
        StreamChecker[] progress = new StreamChecker[1];
        boolean caughtUp = BoundedWait.upTo(timeout).every(POLL).until(() -> {
            progress[0] = judgeWhatIsNew();
            return progress[0].inFlight() == 0 && progress[0].awaitingTombstones() == 0;
        });
        Verdict verdict = verdict();
        if (!caughtUp) {
            throw new LiveRunTimeoutException("The stream did not catch up with the " + writes.ledger().size()
                    + " committed changes within " + Durations.readable(timeout) + ": " + progress[0].inFlight()
                    + " changes and " + progress[0].awaitingTombstones() + " tombstones had not arrived (lost below)."
                    + NL + verdict.summary(), verdict);
        }
        return verdict;
    }

    /** {@link #assertMatchesLedger(Duration, Duration, Duration)} with a quiet period of 2 s and a stall of 10 s. */
    public Verdict assertMatchesLedger(Duration timeout) {
        return assertMatchesLedger(DEFAULT_QUIET, DEFAULT_STALL, timeout);
    }

    /**
     * Waits for the writes to end, then judges the stream against the complete ledger and returns the verdict if
     * they match. Waiting is for what has not arrived yet, never for a verdict to turn clean; the stream is judged
     * as soon as the outcome is certain:
     * <ul>
     *   <li>nothing is awaited any more (every change and tombstone arrived, or what is missing was overtaken by a
     *       later change of its key) and nothing new came for {@code quiet}: it passes, or fails naming the
     *       duplicated, changed, unexpected, reordered or lost events with their counts;</li>
     *   <li>nothing new came for {@code stall} while changes or tombstones were still awaited: the stream stopped
     *       short of the ledger, and what it never delivered is lost (per op, with example keys);</li>
     *   <li>{@code timeout} passed while events still came: judged as it is, what had not arrived is lost.</li>
     * </ul>
     * A run is judged once.
     *
     * @throws StreamMismatch         (an {@link AssertionError}) when the stream does not match the ledger
     * @throws LiveRunTimeoutException when interrupted while waiting
     * @throws IllegalStateException   when the run was judged already
     * @throws RuntimeException        the failure that ended the writes early, if any
     */
    public Verdict assertMatchesLedger(Duration quiet, Duration stall, Duration timeout) {
        awaitWritesEnded();
        String when = awaitJudgeable(quiet, Math.min(stall.toNanos(), timeout.toNanos()), timeout);
        synchronized (this) {
            checker.finish();
            if (!checker.clean()) {
                throw StreamMismatch.of(checker, "The stream of " + table.qualified(), when);
            }
        }
        return verdict();
    }

    /** Polls until the stream can be judged; says when and why it was. */
    private String awaitJudgeable(Duration quiet, long stallNanos, Duration timeout) {
        synchronized (this) {
            if (judged) {
                throw new IllegalStateException("This run's stream was judged already");
            }
            judged = true;
            judgeWhatIsNew();
            checker.noMoreChanges(); // the ledger fed is complete: an event equal to no change is judged at once
        }
        long start = System.nanoTime();
        StreamChecker[] progress = new StreamChecker[1];
        String[] why = new String[1];
        boolean judgeable = BoundedWait.upTo(timeout).every(POLL).until(() -> {
            progress[0] = judgeWhatIsNew();
            long silent = System.nanoTime() - Math.max(start, stream.lastArrivalNanos());
            if (progress[0].nothingAwaitedInOrder() && silent >= quiet.toNanos()) {
                why[0] = "Judged once nothing more was awaited in order and nothing new had come for "
                        + quiet.toMillis() + " ms.";
            } else if (silent >= stallNanos) {
                why[0] = "Judged when nothing new had arrived for " + stallNanos / 1_000_000_000 + " s: the stream "
                        + "stopped short of the ledger, " + progress[0].inFlight() + " changes and "
                        + progress[0].awaitingTombstones() + " tombstones still awaited.";
            }
            return why[0] != null;
        });
        if (judgeable) {
            return why[0];
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new LiveRunTimeoutException("Interrupted while judging the stream of " + table.qualified());
        }
        return "Judged at the end of the " + Durations.readable(timeout) + " allowed, events still arriving: "
                + progress[0].inFlight() + " changes and " + progress[0].awaitingTombstones()
                + " tombstones had not arrived.";
    }

    private void awaitWritesEnded() {
        try {
            writes.awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveRunTimeoutException("Interrupted while waiting for the writes to " + table.qualified()
                    + " to end");
        }
    }

    private synchronized StreamChecker judgeWhatIsNew() {
        List<LedgerEntry> entries = writes.ledger().entriesFrom(ledgerJudged);
        checker.committed(entries);
        ledgerJudged += entries.size();
        List<ChangeEvent> events = stream.eventsFrom(eventsJudged);
        checker.received(events);
        eventsJudged += events.size();
        return checker;
    }

    /**
     * {@link #awaitCaughtUp}, then reads on until no event arrived for {@code quiet}, so that a duplicate arriving a
     * moment after the stream first matched is seen; returns the verdict of everything received.
     */
    public Verdict awaitSettled(Duration quiet, Duration timeout) {
        awaitCaughtUp(timeout);
        Polling.until("a quiet period of " + quiet.toMillis() + " ms", timeout, Duration.ofMillis(50),
                () -> System.nanoTime() - stream.lastArrivalNanos() >= quiet.toNanos());
        return verdict();
    }

    /** The events received so far. */
    public List<ChangeEvent> events() {
        return stream.events();
    }

    /** Stops the writes, then the reading. */
    @Override
    public void close() {
        try {
            writes.close();
        } finally {
            stream.close();
        }
    }

    /** Configures a {@link LiveRun}; {@link #start()} starts reading, then writing. */
    public static final class Builder {
        private final CdcStack stack;
        private final TableName table;
        private final Supplier<ChangeEventConsumer> consumers;
        private GeneratorSettings settings = GeneratorSettings.defaults();
        private boolean survivePostgresRestart;
        private Consumer<ChangeEvent> onEvent = event -> { };

        private Builder(CdcStack stack, TableName table, Supplier<ChangeEventConsumer> consumers) {
            this.stack = Objects.requireNonNull(stack, "stack");
            this.table = Objects.requireNonNull(table, "table");
            this.consumers = Objects.requireNonNull(consumers, "consumers");
        }

        /** The generator's settings: count, duration, rate, mix, rows per transaction, seed (the table is the run's). */
        public Builder withGenerator(UnaryOperator<GeneratorSettings> settings) {
            this.settings = settings.apply(this.settings);
            return this;
        }

        /** The writes go on until they are stopped ({@link LedgeredWrites#finishAfter}, {@link #close()}). */
        public Builder writingUntilStopped() {
            this.settings = settings.withCount(Long.MAX_VALUE / 2).withDuration(null);
            return this;
        }

        /** Writes carry on through a PostgreSQL restart (see {@link LedgeredWrites}). */
        public Builder survivingPostgresRestart() {
            this.survivePostgresRestart = true;
            return this;
        }

        /** Sees each event as it arrives, before it is recorded (e.g. to print it). */
        public Builder onEvent(Consumer<ChangeEvent> action) {
            this.onEvent = Objects.requireNonNull(action, "action");
            return this;
        }

        public LiveRun start() {
            RecordedStream stream = RecordedStream.start(consumers, onEvent);
            LedgeredWrites writes;
            try {
                writes = LedgeredWrites.start(stack.postgres(), settings.withSchema(table.schema()).withTable(table.table()), survivePostgresRestart);
            } catch (RuntimeException e) {
                stream.close();
                throw e;
            }
            return new LiveRun(table, stream, writes);
        }
    }
}
