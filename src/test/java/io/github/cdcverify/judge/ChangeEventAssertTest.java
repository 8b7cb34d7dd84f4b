package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventAssertTest {

    private final TestEvents events = new TestEvents();

    @Test
    void passingChainOnAnInsert() {
        ChangeEvent create = events.c(4, "eve", 77);

        assertThat(create).isCreate().hasKey(Map.of("id", 4L)).hasKey("id", 4).hasNoBefore()
                .hasAfter("name", "eve").hasAfter("id", 4L)
                .hasAfterExactly(Map.of("id", 4L, "name", "eve", "email", "eve@example.com"))
                .hasSource("users").hasSource("public", "users").inTransaction(77).isStreamed();
    }

    @Test
    void wrongOpPrintsTheWholeEventAndWhatDiffered() {
        ChangeEvent create = events.c(4, "eve", 77);

        assertThatThrownBy(() -> assertThat(create).isUpdate())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(String.format("Expecting change event%n  event app.public.users-0@0%n"
                        + "    op: c (create)%n    key: {\"id\":4}"))
                .hasMessageContaining("after: {\"id\":4,\"name\":\"eve\",\"email\":\"eve@example.com\"}")
                .hasMessageContaining("source.txId: 77")
                .hasMessageEndingWith(String.format("%nto be an update (op=u) but op was c"));
    }

    @Test
    void eachOpCheckNamesItsOp() {
        ChangeEvent update = events.u(4, "eve", 77);

        assertThat(update).isUpdate();
        assertThatThrownBy(() -> assertThat(update).isCreate()).hasMessageEndingWith("to be a create (op=c) but op was u");
        assertThatThrownBy(() -> assertThat(update).isDelete()).hasMessageEndingWith("to be a delete (op=d) but op was u");
        assertThatThrownBy(() -> assertThat(update).isRead())
                .hasMessageEndingWith("to be a snapshot read (op=r) but op was u");
        assertThatThrownBy(() -> assertThat(update).isTruncate())
                .hasMessageEndingWith("to be a truncate (op=t) but op was u");
        assertThatThrownBy(() -> assertThat(update).isMessage())
                .hasMessageEndingWith("to be a logical decoding message (op=m) but op was u");
        assertThatThrownBy(() -> assertThat(update).isTombstone()).hasMessageEndingWith("to be a tombstone but op was u");
    }

    @Test
    void tombstoneIsTombstoneAndNoOp() {
        ChangeEvent tombstone = events.tombstone(4);

        assertThat(tombstone).isTombstone().hasKey("id", 4L).hasNoBefore().hasNoAfter();
        assertThatThrownBy(() -> assertThat(tombstone).isDelete())
                .hasMessageContaining("(tombstone)")
                .hasMessageEndingWith("to be a delete (op=d) but it was a tombstone");
        assertThatThrownBy(() -> assertThat(tombstone).hasSource("users"))
                .hasMessageEndingWith("to have source.table users but it has no source block (a tombstone)");
    }

    @Test
    void deleteUnderDefaultIdentity() {
        ChangeEvent delete = events.d(4, 80);

        assertThat(delete).isDelete().hasBefore("id", 4).hasBefore("name", null).hasNoAfter();
        assertThatThrownBy(() -> assertThat(delete).hasBefore("name", "eve"))
                .hasMessageEndingWith("to have before.name = \"eve\" but it was null");
        assertThatThrownBy(() -> assertThat(delete).hasBefore("age", 3))
                .hasMessageEndingWith("to have before.age = 3 but before has no field 'age' (fields: [id, name, email])");
        assertThatThrownBy(() -> assertThat(delete).hasAfter("id", 4))
                .hasMessageEndingWith("to have after.id = 4 but after was null");
        assertThatThrownBy(() -> assertThat(delete).hasNoBefore())
                .hasMessageEndingWith("to have no before but before was {\"id\":4,\"name\":null,\"email\":null}");
    }

    @Test
    void keyMismatch() {
        ChangeEvent create = events.c(4, "eve", 77);

        assertThatThrownBy(() -> assertThat(create).hasKey(Map.of("id", 5)))
                .hasMessageEndingWith("to have key {\"id\":5} but key was {\"id\":4}");
        assertThatThrownBy(() -> assertThat(create).hasNoKey())
                .hasMessageEndingWith("to have no key but key was {\"id\":4}");
        assertThatThrownBy(() -> assertThat(create).hasKey("id", "4"))
                .hasMessageEndingWith("to have key.id = \"4\" but it was 4");
    }

    @Test
    void afterExactlyNamesTheDifferingColumns() {
        ChangeEvent create = events.c(4, "eve", 77);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 4);
        expected.put("name", "Eve");
        expected.put("age", 30);

        assertThatThrownBy(() -> assertThat(create).hasAfterExactly(expected))
                .hasMessageContaining(String.format("to have after exactly%n  {\"id\":4,\"name\":\"Eve\",\"age\":30}"
                        + "%nbut after was%n  {\"id\":4,\"name\":\"eve\",\"email\":\"eve@example.com\"}"))
                .hasMessageEndingWith("differences: name expected \"Eve\" but was \"eve\"; missing: [age]; "
                        + "unexpected: [email]");
    }

    @Test
    void sourceChecks() {
        ChangeEvent create = events.c(4, "eve", 77);
        ChangeEvent later = events.u(4, "eva", 78);

        assertThat(later).hasLsnAfter(create);
        assertThatThrownBy(() -> assertThat(create).hasLsnAfter(later))
                .hasMessageContaining("to have a source.lsn after 1001 (of app.public.users-0@1) but it was 1000")
                .hasMessageContaining("    op: u (update)");
        assertThatThrownBy(() -> assertThat(create).hasSource("orders"))
                .hasMessageEndingWith("to come from table orders but source.table was users");
        assertThatThrownBy(() -> assertThat(create).hasSource("sales", "users"))
                .hasMessageEndingWith("to come from table sales.users but source was public.users");
        assertThatThrownBy(() -> assertThat(create).inTransaction(78))
                .hasMessageEndingWith("to be in transaction 78 but source.txId was 77");
        assertThatThrownBy(() -> assertThat(create).isSnapshot())
                .hasMessageEndingWith("to come from the snapshot but source.snapshot was null");
    }

    @Test
    void snapshotRead() {
        ChangeEvent read = events.read(1, "alice", "first");

        assertThat(read).isRead().isSnapshot().hasNoBefore();
        assertThatThrownBy(() -> assertThat(read).isStreamed())
                .hasMessageEndingWith("to be streamed but source.snapshot was first");
    }

    @Test
    void nullEventFailsPlainly() {
        assertThatThrownBy(() -> assertThat((ChangeEvent) null).isCreate())
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void descriptionIsKept() {
        ChangeEvent create = events.c(4, "eve", 77);

        assertThatThrownBy(() -> assertThat(create).as("the insert").isDelete())
                .hasMessageStartingWith("[the insert] ")
                .hasMessageContaining(ChangeEventPrinter.describe(create).lines().findFirst().orElseThrow());
    }
}
