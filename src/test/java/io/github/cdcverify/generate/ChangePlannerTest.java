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
        ChangePlanner planner = new ChangePlanner(Mix.DEFAULT, seed);
        LiveRows live = new LiveRows();
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
        ChangePlanner planner = new ChangePlanner(new Mix(0, 1, 1), 3);
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
        ChangePlanner planner = new ChangePlanner(new Mix(0, 1, 1), 5);
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
}
