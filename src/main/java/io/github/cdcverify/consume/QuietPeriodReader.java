package io.github.cdcverify.consume;

import io.github.cdcverify.event.ChangeEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Reads events until a condition holds and then on, until no new event has come for a quiet period, so that what
 * arrives just after the stream first looked complete (a late duplicate, an event that should not exist) is seen
 * by the assertions that follow. The whole read is bounded by a timeout.
 */
public final class QuietPeriodReader {

    /** Long against the embedded pipeline's delivery (p99 well under 100 ms), short for a check run. */
    public static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

    private static final Duration POLL = Duration.ofMillis(100);

    private final Function<Duration, List<ChangeEvent>> poll;
    private final LongSupplier nanoTime;

    /**
     * @param poll     one poll of at most the given duration, returning the events that arrived
     * @param nanoTime the clock, {@link System#nanoTime()} outside tests
     */
    public QuietPeriodReader(Function<Duration, List<ChangeEvent>> poll, LongSupplier nanoTime) {
        this.poll = poll;
        this.nanoTime = nanoTime;
    }

    static QuietPeriodReader of(ChangeEventConsumer consumer) {
        return new QuietPeriodReader(consumer::poll, System::nanoTime);
    }

    /**
     * Polls until {@code complete} holds for the events read so far, then until {@code quiet} passes without a new
     * event, or until {@code timeout} passes since the start, whichever comes first.
     *
     * @return every event read, in the order read, whether or not {@code complete} was reached
     */
    public List<ChangeEvent> read(Predicate<List<ChangeEvent>> complete, Duration quiet, Duration timeout) {
        List<ChangeEvent> events = new ArrayList<>();
        readBatches(events::addAll, () -> complete.test(events), quiet, timeout);
        return events;
    }

    private void readBatches(Consumer<List<ChangeEvent>> onBatch, BooleanSupplier complete, Duration quiet,
                     Duration timeout) {
        long start = nanoTime.getAsLong();
        Long lastNews = null; // when complete first held, then when the last event after that arrived
        boolean changed = true;
        while (nanoTime.getAsLong() - start < timeout.toNanos()) {
            if (lastNews == null && changed && complete.getAsBoolean()) {
                lastNews = nanoTime.getAsLong();
            }
            if (lastNews != null && nanoTime.getAsLong() - lastNews >= quiet.toNanos()) {
                break;
            }
            List<ChangeEvent> batch = poll.apply(POLL);
            if (!batch.isEmpty()) {
                onBatch.accept(batch);
            }
            changed = !batch.isEmpty();
            if (lastNews != null && changed) {
                lastNews = nanoTime.getAsLong();
            }
        }
    }
}
