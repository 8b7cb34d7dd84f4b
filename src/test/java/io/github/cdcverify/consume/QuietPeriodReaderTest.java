package io.github.cdcverify.consume;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class QuietPeriodReaderTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, Object> ROW = Map.of("id", 1, "name", "Ann", "email", "ann@example.com");
    private static final ChangeEvent CREATE = new ChangeEvent("app.public.users", 0, 0, Map.of("id", 1), Op.CREATE,
            null, ROW, new Source("postgresql", "app", "db", "public", "users", 1000L, 7L, 1L, null, Map.of()), 2L,
            null, false);
    /** The create delivered again, as at-least-once delivery does. */
    private static final ChangeEvent REDELIVERED = new ChangeEvent(CREATE.topic(), 0, 1, CREATE.key(), CREATE.op(),
            null, ROW, CREATE.source(), 2L, null, false);

    /** A poll that hands out scripted batches, one per call, and moves a fake clock on by the poll's duration. */
    private static final class ScriptedPoll {
        private final Deque<List<ChangeEvent>> batches = new ArrayDeque<>();
        private long nanos;

        ScriptedPoll then(List<ChangeEvent> batch) {
            batches.add(batch);
            return this;
        }

        ScriptedPoll thenNothingFor(Duration duration) {
            for (long i = 0; i < duration.toMillis() / 100; i++) {
                batches.add(List.of());
            }
            return this;
        }

        List<ChangeEvent> poll(Duration timeout) {
            nanos += timeout.toNanos();
            return batches.isEmpty() ? List.of() : batches.poll();
        }

        Duration elapsed() {
            return Duration.ofNanos(nanos);
        }

        QuietPeriodReader reader() {
            return new QuietPeriodReader(this::poll, () -> nanos);
        }
    }

    private static Ledger oneCreate() {
        Ledger ledger = new Ledger();
        ledger.appendCommitted(1, 7L, List.of(new Ledger.Change(Op.CREATE, 1, ROW)));
        return ledger;
    }

    private static Predicate<List<ChangeEvent>> matchesOneCreate() {
        Ledger ledger = oneCreate();
        return received -> Verdict.compare(ledger, received).clean();
    }

    @Test
    void aDuplicateArrivingAfterTheStreamFirstMatchedIsRead() {
        ScriptedPoll script = new ScriptedPoll().then(List.of(CREATE)).thenNothingFor(Duration.ofSeconds(1))
                .then(List.of(REDELIVERED));

        List<ChangeEvent> events = script.reader().read(matchesOneCreate(), QUIET, TIMEOUT);

        assertThat(events).containsExactly(CREATE, REDELIVERED);
        Verdict verdict = Verdict.compare(oneCreate(), events);
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.firstProblem()).isEqualTo("key 1: expected [c] but received [c, c] (1 duplicated)");
    }

    @Test
    void stopsOnceTheQuietPeriodPassesWithoutNewEvents() {
        ScriptedPoll script = new ScriptedPoll().then(List.of(CREATE));

        List<ChangeEvent> events = script.reader().read(matchesOneCreate(), QUIET, TIMEOUT);

        assertThat(events).containsExactly(CREATE);
        assertThat(script.elapsed()).isBetween(QUIET, QUIET.plusMillis(200));
    }

    @Test
    void aNewEventStartsTheQuietPeriodAgain() {
        ScriptedPoll script = new ScriptedPoll().then(List.of(CREATE)).thenNothingFor(Duration.ofMillis(1500))
                .then(List.of(REDELIVERED));

        script.reader().read(matchesOneCreate(), QUIET, TIMEOUT);

        assertThat(script.elapsed()).as("1.6 s until the duplicate, then 2 s of quiet")
                .isBetween(Duration.ofMillis(3600), Duration.ofMillis(3800));
    }

    @Test
    void givesUpAtTheTimeoutWhenTheStreamNeverMatches() {
        ScriptedPoll script = new ScriptedPoll();

        List<ChangeEvent> events = script.reader().read(matchesOneCreate(), QUIET, Duration.ofSeconds(5));

        assertThat(events).isEmpty();
        assertThat(script.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }
}
