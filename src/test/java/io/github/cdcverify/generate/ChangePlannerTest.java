package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangePlannerTest {

    /** Plans and "executes" changes against LiveRows only, assigning keys like a sequence would. */
    private static List<PlannedChange> plan(long seed, int changes) {
        return plan(new ChangePlanner(Mix.DEFAULT, null, seed), new LiveRows(), changes);
    }

    private static List<PlannedChange> plan(ChangePlanner planner, LiveRows live, int changes) {
        List<PlannedChange> planned = new ArrayList<>();
        int nextId = 1;
        for (int i = 0; i < changes; i++) {
            PlannedChange change = planner.next(live);
            planned.add(change);
            switch (change.op()) {
                case CREATE -> live.put(nextId++, Map.of());
                case DELETE -> live.remove(change.key());
                default -> { }
            }
        }
        return planned;
    }

    @Test
    void sameSeedSamePlan() {
        assertThat(plan(99, 500)).isEqualTo(plan(99, 500));
        assertThat(plan(99, 50)).isNotEqualTo(plan(100, 50));
    }

    @Test
    void insertsWhileNoRowIsLive() {
        ChangePlanner planner = new ChangePlanner(new Mix(0, 1, 1), null, 3);
        PlannedChange change = planner.next(new LiveRows());
        assertThat(change.op()).isEqualTo(Op.CREATE);
        assertThat(change.key()).isNull();
        assertThat(change.name()).isNotBlank();
        assertThat(change.email()).contains("@");
    }

    @Test
    void targetsOnlyLiveRowsAndFillsValuesWithinColumnWidth() {
        LiveRows live = new LiveRows();
        live.put(10, Map.of());
        live.put(20, Map.of());
        ChangePlanner planner = new ChangePlanner(new Mix(0, 1, 1), null, 5);
        for (int i = 0; i < 200; i++) {
            PlannedChange change = planner.next(live);
            assertThat(change.key()).isIn(10, 20);
            if (change.op() == Op.UPDATE) {
                assertThat(change.name()).isNotBlank().hasSizeLessThanOrEqualTo(ChangePlanner.MAX_TEXT_LENGTH);
                assertThat(change.email()).hasSizeLessThanOrEqualTo(ChangePlanner.MAX_TEXT_LENGTH);
            } else {
                assertThat(change.op()).isEqualTo(Op.DELETE);
                assertThat(change.name()).isNull();
            }
        }
    }

    @Test
    void keepsTheTableAtItsMostRowsByDeletingInsteadOfInserting() {
        LiveRows live = new LiveRows();
        List<PlannedChange> planned = plan(new ChangePlanner(Mix.DEFAULT, 100, 7), live, 20_000);

        assertThat(live.size()).as("rows after 20,000 changes of the 60:30:10 mix, at most 100").isEqualTo(100);
        long inserts = planned.stream().filter(change -> change.op() == Op.CREATE).count();
        long deletes = planned.stream().filter(change -> change.op() == Op.DELETE).count();
        assertThat(inserts - deletes).as("inserts minus deletes").isEqualTo(100);
        assertThat(planned.subList(10_000, 20_000)).as("changes once the table is full")
                .extracting(PlannedChange::op).contains(Op.CREATE, Op.UPDATE, Op.DELETE);
    }
}
