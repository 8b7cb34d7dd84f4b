package io.github.cdcverify.harness;

import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.verify.StreamChecker;
import io.github.cdcverify.verify.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The central act of every scenario, written once: the generator writing into a ledger in the background
 * ({@link LedgeredWrites}), the table's stream recorded with arrival times ({@link RecordedStream}), and waiting
 * until the stream has caught up with the ledger, which gives the {@link Verdict}.
 *
 * <pre>{@code
 * try (CapturedTable captured = CapturedTable.on(stack, "orders").start();
 *      LiveRun run = LiveRun.on(captured).withGenerator(g -> g.withCount(1_000L)).start()) {
 *     run.writes().awaitDone();
 *     Verdict verdict = run.awaitCaughtUp(Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class LiveRun implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final RecordedStream stream;
    private final LedgeredWrites writes;
    private final StreamChecker checker = new StreamChecker();
    private int ledgerJudged;
    private int eventsJudged;

    private LiveRun(RecordedStream stream, LedgeredWrites writes) {
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
     * {@link Verdict} is computed once, at the end.
     *
     * @throws LiveRunTimeoutException after {@code timeout}, its message showing how far the stream got
     */
    public Verdict awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StreamChecker progress = judgeWhatIsNew();
            if (progress.inFlight() == 0 && progress.awaitingTombstones() == 0) {
                return verdict();
            }
            if (System.nanoTime() > deadline) {
                Verdict verdict = verdict();
                throw new LiveRunTimeoutException("The stream did not catch up with the " + writes.ledger().size()
                        + " committed changes within " + timeout.toSeconds() + " s: " + progress.summary()
                        + System.lineSeparator() + verdict.summary(), verdict);
            }
            LockSupport.parkNanos(POLL.toNanos());
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
            return new LiveRun(stream, writes);
        }
    }
}
