package io.github.cdcverify.check;

import io.github.cdcverify.check.smt.CreateForEveryFifthUpdate;
import io.github.cdcverify.check.smt.DropEveryNthChange;
import io.github.cdcverify.check.smt.RepeatEveryNthChange;
import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.LedgerEntry;
import io.github.cdcverify.judge.StreamMismatch;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.scenario.LiveRun;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.suite.OwnStack;
import io.github.cdcverify.suite.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code ordering} check and the {@link LiveRun} judgement it uses, on connectors broken on purpose: a defect
 * FAILS (an {@link AssertionError}, exit 1), named with its count, as soon as it is certain, far within the check's
 * 60 s bound, instead of ending as a timeout ERROR. The transform and the interceptor that break the pipeline are
 * test classes, which only a worker started from this JVM's class path can load (a Connect container or an attached
 * pipeline has none of them), so this class runs on the embedded stack {@link OwnStack} shares with
 * {@code DeployedSmtBreakageIT}, on every CI stage.
 */
@ExtendWith(OwnStack.class)
class OrderingBreakageIT {

    private static final int CHANGES = 1_000;
    private static final int DROP_EVERY = 25;
    /**
     * Why a run was judged as soon as its outcome was certain, in its failure: at the stall or after the quiet period,
     * not at the end of the time allowed. Said by the run itself, so it holds however slow the machine (a bound on
     * the time taken would have to be scaled, and scaled it would stop telling the two apart).
     */
    private static final String JUDGED_AT_STALL = "Judged when nothing new had arrived for "
            + LiveRun.DEFAULT_STALL.toSeconds() + " s: the stream stopped short of the ledger";
    private static final String JUDGED_EARLY = "Judged (when nothing new had arrived for "
            + LiveRun.DEFAULT_STALL.toSeconds() + " s|once nothing more was awaited in order)";

    private static EmbeddedStack embedded;

    @BeforeAll
    static void stackWithTestTransforms(EmbeddedStack stack) {
        embedded = stack;
    }

    @Test
    @DisplayName("every 25th change dropped: the run fails once the stream stalls, the 40 lost counted per op, with keys")
    void droppedChangesFailAsLostPerOpWithTheirKeys() throws Exception {
        try (CapturedTable captured = CapturedTable.on(embedded, "drop_changes")
                .withConnectorConfig(OrderingBreakageIT::droppingEvery25thChange).start();
             LiveRun run = LiveRun.on(captured).withGenerator(settings -> settings.withCount((long) CHANGES)
                     .withRowsPerTransaction(3)).start()) {
            run.writes().awaitDone();

            StreamMismatch mismatch = catchThrowableOfType(StreamMismatch.class,
                    () -> run.assertMatchesLedger(Waits.RUNNING));

            List<LedgerEntry> dropped = everyNth(run.writes().ledger());
            Map<Op, Long> droppedByOp = countByOp(dropped);
            assertThat(mismatch).as("the run must fail").isNotNull();
            assertThat(dropped).hasSize(CHANGES / DROP_EVERY);
            for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
                assertThat(mismatch.problems().lost(op)).as("lost %s", op).isEqualTo(droppedByOp.get(op));
            }
            int firstKey = dropped.stream().mapToInt(LedgerEntry::key).min().orElseThrow();
            assertThat(mismatch.getMessage().lines().toList()).first().isEqualTo("The stream of "
                    + captured.table().qualified() + " does not match the ledger of 1000 committed changes: 40 lost ("
                    + ops(droppedByOp) + ")");
            assertThat(mismatch.getMessage()).contains(JUDGED_AT_STALL)
                    .contains(System.lineSeparator() + "    key " + firstKey + " (")
                    .contains(System.lineSeparator() + "lost                  40  (" + ops(droppedByOp) + ")")
                    .contains(System.lineSeparator() + "duplicated             0");
        }
    }

    @Test
    @DisplayName("every 25th change dropped: the ordering check is FAILED (not ERROR) with the 40 lost, judged at the "
            + "stall")
    void orderingCheckFailsOnLostChanges() {
        CheckResult result = orderingCheck("check_drop", OrderingBreakageIT::droppingEvery25thChange);

        assertThat(result.error()).as(result.failure()).isFalse();
        assertThat(result.line()).startsWith("FAILED  ordering");
        assertThat(result.count()).as("events read").isPositive();
        assertThat(result.failure()).containsPattern("does not match the ledger of 1000 committed changes: 40 lost "
                + "\\(create \\d+(, update \\d+)?(, delete \\d+)?\\)\\R").contains(JUDGED_AT_STALL);
    }

    @Test
    @DisplayName("every 25th change sent twice: the ordering check is FAILED with 40 duplicated, nothing lost, judged "
            + "once nothing more was awaited")
    void orderingCheckFailsOnDuplicates() {
        CheckResult result = orderingCheck("check_repeat", config -> config
                .with("producer.override.interceptor.classes", RepeatEveryNthChange.class.getName()));

        assertThat(result.error()).as(result.failure()).isFalse();
        assertThat(result.line()).startsWith("FAILED  ordering");
        assertThat(result.failure()).containsPattern("does not match the ledger of 1000 committed changes: "
                        + "40 duplicated\\R")
                .contains("Judged once nothing more was awaited in order and nothing new had come for 2000 ms.")
                .contains("lost                   0").contains("no tombstone           0 deletes");
    }

    @Test
    @DisplayName("tombstones filtered out: the run fails once the stream stalls, every delete counted without tombstone")
    void droppedTombstonesFailAsDeletesWithoutTombstone() throws Exception {
        try (CapturedTable captured = CapturedTable.on(embedded, "drop_tombstones")
                .withConnectorConfig(OrderingBreakageIT::droppingTombstones).start();
             LiveRun run = LiveRun.on(captured).withGenerator(settings -> settings.withCount((long) CHANGES)
                     .withRowsPerTransaction(3)).start()) {
            run.writes().awaitDone();

            StreamMismatch mismatch = catchThrowableOfType(StreamMismatch.class,
                    () -> run.assertMatchesLedger(Waits.RUNNING));

            assertThat(mismatch).as("the run must fail").isNotNull();
            assertThat(mismatch.getMessage()).contains(JUDGED_AT_STALL);
            long deletes = run.writes().ledger().count(Op.DELETE);
            assertThat(deletes).isPositive();
            assertThat(mismatch.problems().missingTombstones()).isEqualTo(deletes);
            assertThat(mismatch.problems().lost()).isZero();
            assertThat(mismatch.getMessage().lines().toList()).first().isEqualTo("The stream of "
                    + captured.table().qualified() + " does not match the ledger of 1000 committed changes: "
                    + deletes + " deletes without tombstone");
            assertThat(mismatch.getMessage()).contains(String.format("%-14s%10d deletes", "no tombstone", deletes));
        }
    }

    @Test
    @DisplayName("every 5th update sent as a create: the run fails with those updates lost and the creates unexpected")
    void updatesSentAsCreatesFailAsLostAndUnexpected() throws Exception {
        try (CapturedTable captured = CapturedTable.on(embedded, "update_as_create")
                .withConnectorConfig(config -> config.with("transforms", "mislabel")
                        .with("transforms.mislabel.type", CreateForEveryFifthUpdate.class.getName())).start();
             LiveRun run = LiveRun.on(captured).withGenerator(settings -> settings.withCount((long) CHANGES)
                     .withRowsPerTransaction(3)).start()) {
            run.writes().awaitDone();

            StreamMismatch mismatch = catchThrowableOfType(StreamMismatch.class,
                    () -> run.assertMatchesLedger(Waits.RUNNING));

            assertThat(mismatch).as("the run must fail").isNotNull();
            assertThat(mismatch.getMessage()).containsPattern(JUDGED_EARLY);
            long mislabelled = run.writes().ledger().count(Op.UPDATE) / CreateForEveryFifthUpdate.EVERY;
            assertThat(mislabelled).isPositive();
            assertThat(mismatch.getMessage().lines().toList()).first().isEqualTo("The stream of "
                    + captured.table().qualified() + " does not match the ledger of 1000 committed changes: "
                    + mislabelled + " lost (update " + mislabelled + "), " + mislabelled + " unexpected");
            assertThat(mismatch.getMessage()).containsPattern("\\R    key \\d+: event at \\S+ \\(op c\\) matches no "
                    + "committed change\\R");
        }
    }

    /** The ordering check, run as {@code cdc-verify verify} runs it, on a table whose connector is configured so. */
    private static CheckResult orderingCheck(String label, UnaryOperator<DebeziumPostgresConfig> breakage) {
        Check check = new Check() {
            @Override
            public String name() {
                return "ordering";
            }

            @Override
            public CheckOutcome run(CdcStack stack) throws Exception {
                try (CapturedTable captured = CapturedTable.on(stack, label).withConnectorConfig(breakage).start()) {
                    return BuiltInChecks.ordering(captured, CHANGES);
                }
            }
        };
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<CheckResult> results = new CheckRunner(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(embedded, List.of(check));
        return results.get(0);
    }

    private static DebeziumPostgresConfig droppingEvery25thChange(DebeziumPostgresConfig config) {
        return config.with("transforms", "drop").with("transforms.drop.type", DropEveryNthChange.class.getName())
                .with("transforms.drop." + DropEveryNthChange.EVERY_CONFIG, String.valueOf(DROP_EVERY));
    }

    /** Kafka's own Filter transform with its RecordIsTombstone predicate: every tombstone is left out. */
    private static DebeziumPostgresConfig droppingTombstones(DebeziumPostgresConfig config) {
        return config.with("transforms", "noTombstones")
                .with("transforms.noTombstones.type", "org.apache.kafka.connect.transforms.Filter")
                .with("transforms.noTombstones.predicate", "isTombstone")
                .with("predicates", "isTombstone")
                .with("predicates.isTombstone.type",
                        "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
    }

    /** The changes {@link DropEveryNthChange} drops: the task hands them over in commit order, the ledger's. */
    private static List<LedgerEntry> everyNth(Ledger ledger) {
        return ledger.entries().stream().filter(entry -> entry.sequence() % DROP_EVERY == 0).toList();
    }

    private static Map<Op, Long> countByOp(List<LedgerEntry> entries) {
        Map<Op, Long> counts = new EnumMap<>(Op.class);
        List.of(Op.CREATE, Op.UPDATE, Op.DELETE).forEach(op -> counts.put(op, 0L));
        entries.forEach(entry -> counts.merge(entry.op(), 1L, Long::sum));
        return counts;
    }

    /** As the failure writes them: {@code create 24, update 10, delete 6}, ops without any left out. */
    private static String ops(Map<Op, Long> counts) {
        return String.join(", ", counts.entrySet().stream().filter(count -> count.getValue() > 0)
                .map(count -> count.getKey().name().toLowerCase(Locale.ROOT) + " " + count.getValue())
                .toList());
    }
}
