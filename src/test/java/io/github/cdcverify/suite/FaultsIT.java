package io.github.cdcverify.suite;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorStatus;
import io.github.cdcverify.consume.ChangeEventConsumer;
import io.github.cdcverify.consume.StartFrom;
import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.scenario.LedgeredWrites;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.scenario.RecordedStream.Received;
import io.github.cdcverify.scenario.RecordedStream;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.Component;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected while the generator writes 1,000 changes per second (at least 5,000 in all, before, during and
 * after the fault): every committed change still arrives, per key in commit order. Duplicates are accepted only
 * where Debezium documents at-least-once delivery (a task that restarts replays events since its last committed
 * offset), and then each must be an exact repeat. Each scenario logs one {@code FAULT ...} line with its counts and
 * recovery time.
 *
 * <p>Every fault is undone in a {@code finally} block and the component is usable again before the scenario ends,
 * because the stack is shared with the other scenarios of the run.
 */
@PipelineTest
class FaultsIT {

    private static final int CHANGES_BEFORE_FAULT = 1_500;
    /** Writes that go on while a component is down, so the fault really happens mid-stream. */
    private static final int CHANGES_WHILE_DOWN = 500;
    private static final boolean AT_LEAST_ONCE = true;
    private static final boolean EXACTLY_ONCE = false;

    @Test
    @DisplayName("connector and tasks restarted over REST mid-stream: nothing lost, order kept")
    void connectorRestartThroughRest(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "fault_rest_restart").start();
             LiveRun run = FaultOutcome.liveRun(captured, 61L, false)) {
            LedgeredWrites writes = run.writes();
            RecordedStream recorder = run.stream();
            writes.awaitCommitted(CHANGES_BEFORE_FAULT);

            long faultAt = System.nanoTime();
            captured.connect().restart(captured.connectorName(), true, false);
            captured.connect().awaitRunning(captured.connectorName(), Waits.RUNNING);

            FaultOutcome.finish("connector restart (REST)", run, faultAt).assertComplete(AT_LEAST_ONCE);
        }
    }

    /**
     * A worker "crash" inside one JVM: {@code Connect.stop()} stops the worker while the writes go on, and a new
     * worker with the same group and storage topics takes over on the same REST port. There is no SIGKILL for part
     * of a JVM, so the old worker stops its task and commits its offsets as on SIGTERM; what is verified is that
     * the new worker's task resumes from the committed offsets, and catches up on what was written meanwhile.
     */
    @Test
    @DisplayName("Connect worker stopped and replaced mid-stream: the new worker resumes from committed offsets")
    void connectWorkerReplaced(CdcStack stack) {
        restartWhileWriting(stack, Component.CONNECT, "fault_worker", 62L, "Connect worker replaced");
    }

    @Test
    @DisplayName("Kafka broker restarted on the same log directory mid-stream: nothing lost, order kept")
    void kafkaBrokerRestart(CdcStack stack) {
        restartWhileWriting(stack, Component.KAFKA, "fault_kafka", 63L, "Kafka broker restart");
    }

    /**
     * A pipeline this run attached to ({@code cdc-verify up}, an external one) is not the run's to stop: the fault
     * scenarios need a stack of their own there. Every stack the run starts itself must be able to restart.
     */
    private static void assumeRestartable(CdcStack stack, Component component) {
        OwnStack.assume(stack, "stops " + component);
        assertThat(stack.canRestart(component)).as("the %s stack can restart %s", stack.kind(), component).isTrue();
    }

    /** Stops {@code component} while the writes go on, starts it again, and checks that every change arrived. */
    private static void restartWhileWriting(CdcStack stack, Component component, String label, long seed,
                                            String fault) {
        assumeRestartable(stack, component);
        try (CapturedTable captured = CapturedTable.on(stack, label).start();
             LiveRun run = FaultOutcome.liveRun(captured, seed, false)) {
            LedgeredWrites writes = run.writes();
            RecordedStream recorder = run.stream();
            writes.awaitCommitted(CHANGES_BEFORE_FAULT);

            long faultAt = System.nanoTime();
            try { // the fault inside the try: a stop that fails half-way still starts what it stopped
                stack.stop(component);
                writes.awaitMoreCommitted(CHANGES_WHILE_DOWN);
            } finally {
                stack.start(component);
            }
            captured.connect().awaitRunning(captured.connectorName(), Waits.RUNNING);

            FaultOutcome.finish(fault, run, faultAt).assertComplete(AT_LEAST_ONCE);
        }
    }

    /**
     * PostgreSQL stopped ({@code pg_ctl -m fast stop}) and started on the same data directory. The generator's
     * connection breaks, its open transaction is lost and it ends with a GeneratorException; the writes go on with
     * a new generator run into the same ledger once PostgreSQL is back. The connector's replication connection
     * breaks too: Debezium treats that as retriable and restarts its task (after 500 ms here, 10 s by default).
     * A fast shutdown waits for the walsender to hear from Debezium, which answers every
     * {@code status.update.interval.ms}: 1 s here instead of 10 s, or the stop alone takes up to 10 s.
     */
    @Test
    @DisplayName("PostgreSQL restarted mid-stream: every committed change arrives, order kept")
    void postgresRestart(CdcStack stack) {
        assumeRestartable(stack, Component.POSTGRES);
        try (CapturedTable captured = CapturedTable.on(stack, "fault_postgres")
                .withConnectorConfig(c -> c.with("retriable.restart.connector.wait.ms", "500")
                        .with("status.update.interval.ms", "1000")).start();
             LiveRun run = FaultOutcome.liveRun(captured, 64L, true)) {
            LedgeredWrites writes = run.writes();
            RecordedStream recorder = run.stream();
            writes.awaitCommitted(CHANGES_BEFORE_FAULT);

            long faultAt = System.nanoTime();
            try {
                stack.stop(Component.POSTGRES);
                await().atMost(Waits.SHORT).until(() -> writes.failures() > 0);
            } finally {
                stack.start(Component.POSTGRES);
            }
            captured.connect().awaitRunning(captured.connectorName(), Waits.RUNNING);

            FaultOutcome outcome = FaultOutcome.finish("PostgreSQL restart", run, faultAt);
            assertThat(writes.failures()).as("generator runs broken by the restart").isEqualTo(1);
            outcome.assertComplete(AT_LEAST_ONCE);
        }
    }

    @Test
    @DisplayName("connector paused and resumed while writes go on: delivery stops, then everything arrives once")
    void pauseAndResume(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "fault_pause").start();
             LiveRun run = FaultOutcome.liveRun(captured, 65L, false)) {
            LedgeredWrites writes = run.writes();
            RecordedStream recorder = run.stream();
            writes.awaitCommitted(CHANGES_BEFORE_FAULT);
            ConnectClient connect = captured.connect();
            String name = captured.connectorName();

            long faultAt = System.nanoTime();
            connect.pause(name);
            try {
                await().atMost(Waits.RUNNING).until(() -> isPaused(connect.status(name)));
                writes.awaitMoreCommitted(CHANGES_WHILE_DOWN);
                // Paused means no delivery: the stream stays quiet (Waits.QUIET) while the writes go on (waiting for
                // the writes first, not counting them after the quiet period, holds on a loaded machine too).
                await("Waits.QUIET without events while paused").atMost(Waits.SHORT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> System.nanoTime() - recorder.lastArrivalNanos() > Waits.QUIET.toNanos());
            } finally {
                connect.resume(name);
            }
            connect.awaitRunning(name, Waits.RUNNING);

            FaultOutcome.finish("connector pause/resume", run, faultAt).assertComplete(EXACTLY_ONCE);
        }
    }

    @Test
    @DisplayName("consumer group member replaced mid-read: the new one resumes at the committed offset")
    void consumerGroupRestart(CdcStack stack) {
        try (CapturedTable captured = CapturedTable.on(stack, "fault_consumer").start()) {
            String group = "cdcv-fault-group-" + UUID.randomUUID();
            try (LiveRun run = FaultOutcome.liveRun(captured, 66L, false, () -> ChangeEventConsumer.inGroup(
                    stack.kafka(), group, StartFrom.BEGINNING, List.of(captured.topic())))) {
                LedgeredWrites writes = run.writes();
                RecordedStream recorder = run.stream();
                writes.awaitCommitted(CHANGES_BEFORE_FAULT);
                recorder.awaitReceived(CHANGES_BEFORE_FAULT / 2);

                long faultAt = System.nanoTime();
                recorder.restartConsumer();

                FaultOutcome outcome = FaultOutcome.finish("consumer group restart", run, faultAt);
                outcome.assertComplete(EXACTLY_ONCE);
                assertThat(recorder.reReads()).as("records the restarted consumer read a second time").isZero();
                assertResumedAtNextOffset(recorder.received());
            }
        }
    }

    private static boolean isPaused(ConnectorStatus status) {
        return "PAUSED".equals(status.state()) && !status.tasks().isEmpty()
                && status.tasks().stream().allMatch(task -> "PAUSED".equals(task.state()));
    }

    /**
     * In every partition both consumers read, the second consumer's first record directly follows the first
     * consumer's last one: no gap, no re-read.
     */
    private static void assertResumedAtNextOffset(List<Received> received) {
        Map<Integer, Long> lastOfFirst = offsets(received, 0, Math::max);
        Map<Integer, Long> firstOfSecond = offsets(received, 1, Math::min);
        assertThat(lastOfFirst.keySet()).as("partitions read before the restart").isNotEmpty();
        lastOfFirst.forEach((partition, last) -> {
            if (firstOfSecond.containsKey(partition)) {
                assertThat(firstOfSecond.get(partition))
                        .as("first offset of partition %s read by the restarted consumer", partition)
                        .isEqualTo(last + 1);
            }
        });
    }

    private static Map<Integer, Long> offsets(List<Received> received, int generation, BinaryOperator<Long> pick) {
        return received.stream().filter(r -> r.generation() == generation)
                .collect(Collectors.toMap(r -> r.event().partition(), r -> r.event().offset(), pick));
    }
}
