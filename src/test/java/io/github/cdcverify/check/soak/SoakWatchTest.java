package io.github.cdcverify.check.soak;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.StreamChecker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's drain on a clock that moves only when it pauses: minutes of a stalled pipeline in milliseconds. Three
 * creates are committed when the writes end; the test decides when (and whether) their events arrive.
 */
class SoakWatchTest {

    private static final String STALLED_TASK = "connector RUNNING on 127.0.0.1:8083, task 0 UNASSIGNED";
    private static final long CHANGES = 3;

    private final StreamChecker checker = new StreamChecker();
    private final Ledger ledger = Ledger.forwardingTo(checker::committed);
    private final TreeMap<Long, Runnable> scheduled = new TreeMap<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ReaderStandIn reader = new ReaderStandIn();
    private long nowNanos;
    private boolean stopRequested;

    /** The topic reader: delivers nothing by itself; what its last poll read is handed over when it stops. */
    private final class ReaderStandIn implements SoakWatch.Feed {
        final List<ChangeEvent> lastPoll = new ArrayList<>();

        @Override
        public RuntimeException error() {
            return null;
        }

        @Override
        public void stop() {
            checker.received(lastPoll);
            lastPoll.clear();
        }
    }

    private SoakWatch watch() {
        for (int id = 1; id <= CHANGES; id++) {
            ledger.appendCommitted(id, 500L + id, List.of(new Ledger.Change(Op.CREATE, id, row(id))));
        }
        return new SoakWatch(checker, reader, () -> STALLED_TASK, 0, () -> nowNanos, this::pause,
                () -> stopRequested, new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    private void pause(Duration time) {
        nowNanos += time.toNanos();
        while (!scheduled.isEmpty() && scheduled.firstKey() <= nowNanos) {
            scheduled.pollFirstEntry().getValue().run();
        }
    }

    private void at(Duration time, Runnable action) {
        scheduled.put(time.toNanos(), action);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void changesArrivingFortyFiveSecondsAfterTheLastWriteAreAStallNotALoss() {
        SoakWatch watch = watch();
        at(Duration.ofSeconds(45), () -> checker.received(allEvents()));

        SoakWatch.Drain drain = watch.drain(Soak.DEFAULT_DRAIN_TIMEOUT);

        assertThat(checker.problems().lost()).isZero();
        assertThat(checker.clean()).as(checker.summary()).isTrue();
        assertThat(drain.timedOut()).isFalse();
        assertThat(drain.took()).isEqualTo(Duration.ofSeconds(45).plus(SoakWatch.QUIET_PERIOD));
        assertThat(watch.stalls()).containsExactly(new Stall(Duration.ZERO, Duration.ofSeconds(45), CHANGES,
                STALLED_TASK));
        assertThat(output())
                .contains("[  10 s] STALL: nothing arrived for 10 s with 3 changes in flight (the oldest committed ")
                .contains("; " + STALLED_TASK + "\n")
                .containsPattern("\\[  20 s\\] committed 3  received 0 .*  draining for 20 s: 3 in flight, last "
                        + "event 20 s ago  STALLED for 20 s: " + STALLED_TASK)
                .contains("[  45 s] stall over: events arrive again after 45.0 s without any (0.0 s to 45.0 s)");
        assertThat(drain.describe()).isEqualTo("After the last write the stream drained in 47.0 s (bound 6 min).");
    }

    @Test
    void eventsTheReaderReadJustBeforeItStoppedAreJudgedBeforeTheVerdict() {
        SoakWatch watch = watch();
        reader.lastPoll.addAll(allEvents()); // read, but not yet handed over when the bound passes

        SoakWatch.Drain drain = watch.drain(Duration.ofSeconds(5));

        assertThat(checker.problems().lost()).as(checker.summary()).isZero();
        assertThat(checker.receivedTotal()).isEqualTo(CHANGES);
        assertThat(drain.timedOut()).isFalse();
        assertThat(drain.leftInFlight()).isZero();
    }

    @Test
    void whatHasNotArrivedWhenTheBoundPassesIsLost() {
        SoakWatch watch = watch();

        SoakWatch.Drain drain = watch.drain(Duration.ofSeconds(30));

        assertThat(checker.problems().lost()).isEqualTo(CHANGES);
        assertThat(drain.timedOut()).isTrue();
        assertThat(drain.took()).isEqualTo(Duration.ofSeconds(30));
        assertThat(drain.describe()).isEqualTo("After the last write, 3 changes had still not arrived when the drain "
                + "bound of 30 s passed: they count as lost (a longer --drain-timeout tells a longer stall from a "
                + "loss).");
        assertThat(watch.stalls()).singleElement().satisfies(stall -> {
            assertThat(stall.resumed()).isFalse();
            assertThat(stall.describe(Duration.ofSeconds(30))).isEqualTo("0.0 s to the end: nothing arrived for "
                    + "30.0 s (3 changes in flight; " + STALLED_TASK + ")");
        });
    }

    @Test
    void ctrlCDuringTheDrainWaitsTenSecondsMoreNotTheWholeBound() {
        SoakWatch watch = watch();
        at(Duration.ofSeconds(20), () -> stopRequested = true);

        SoakWatch.Drain drain = watch.drain(Soak.DEFAULT_DRAIN_TIMEOUT);

        assertThat(drain.took()).isEqualTo(Duration.ofSeconds(20).plus(SoakWatch.DRAIN_AFTER_STOP));
        assertThat(drain.timedOut()).isTrue();
    }

    @Test
    void aStallWhileTheWritesGoOnIsReportedWhenItBeginsAndWhenItEnds() {
        SoakWatch watch = watch();
        boolean[] writing = {true};
        at(Duration.ofSeconds(31), () -> checker.received(allEvents()));
        at(Duration.ofSeconds(40), () -> writing[0] = false);

        watch.whileWriting(() -> writing[0]);

        assertThat(output()).contains("[  10 s] STALL: nothing arrived for 10 s with 3 changes in flight")
                .contains("[  31 s] stall over: events arrive again after 31.0 s without any (0.0 s to 31.0 s)")
                .doesNotContain("draining");
        assertThat(watch.stalls()).singleElement().extracting(Stall::endedAt).isEqualTo(Duration.ofSeconds(31));
    }

    private static Map<String, Object> row(int id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", "user " + id);
        row.put("email", "user" + id + "@example.com");
        return row;
    }

    private static List<ChangeEvent> allEvents() {
        List<ChangeEvent> events = new ArrayList<>();
        for (int id = 1; id <= CHANGES; id++) {
            Source source = new Source("postgresql", "soak", "db", "public", "soak", 1000L + id, 500L + id, 1L, null,
                    Map.of());
            events.add(new ChangeEvent("soak.public.soak", 0, id, Map.of("id", id), Op.CREATE, null, row(id), source,
                    2L, null, false));
        }
        return events;
    }
}
