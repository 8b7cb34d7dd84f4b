package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowMultisetTest {

    private final RowMultiset rows = new RowMultiset();
    private int offset;

    @Test
    void createsAddUpdatesMoveOneCopyDeletesRemoveOneAndDuplicatesAreCounted() {
        add("c", null, "{\"name\":\"Ann\",\"n\":1}");
        add("c", null, "{\"name\":\"Ann\",\"n\":1}");
        add("r", null, "{\"name\":\"Ben\",\"n\":2}");
        add("u", "{\"name\":\"Ann\",\"n\":1}", "{\"name\":\"Ann\",\"n\":5}");
        add("d", "{\"name\":\"Ben\",\"n\":2}", null);
        rows.add("t-0@" + offset++, null);

        assertThat(rows.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("{\"name\":\"Ann\",\"n\":1}", 1,
                "{\"name\":\"Ann\",\"n\":5}", 1));
        assertThat(rows.removalsUnmatched()).isZero();
        assertThat(rows.events()).as("a tombstone is no event of a row").isEqualTo(5);
    }

    @Test
    void aRemovalOfARowNeverAddedIsCountedAndATruncateEmptiesTheMultiset() {
        add("c", null, "{\"name\":\"Ann\"}");
        add("u", "{\"name\":\"Zoe\"}", "{\"name\":\"Zed\"}");
        add("u", null, "{\"name\":\"Ann\"}");

        assertThat(rows.removalsUnmatched()).as("a before that was never added, and an update without before")
                .isEqualTo(2);
        add("t", null, null);
        assertThat(rows.counts()).isEmpty();
    }

    @Test
    void aRemovalReadBeforeTheEventThatAddedItIsNoDifference() {
        // Three partitions interleave in no order: the delete of one of two equal rows may come before their creates.
        add("d", "{\"name\":\"Ann\"}", null);
        add("u", "{\"name\":\"Ann\"}", "{\"name\":\"Ann\",\"n\":5}");
        assertThat(rows.counts()).as("rows removed more often than added so far are not held")
                .containsExactlyEntriesOf(Map.of("{\"name\":\"Ann\",\"n\":5}", 1));
        assertThat(rows.removalsUnmatched()).isEqualTo(2);

        add("c", null, "{\"name\":\"Ann\"}");
        add("c", null, "{\"name\":\"Ann\"}");
        add("c", null, "{\"name\":\"Ann\"}");

        assertThat(rows.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("{\"name\":\"Ann\"}", 1,
                "{\"name\":\"Ann\",\"n\":5}", 1));
        assertThat(rows.removalsUnmatched()).isZero();
    }

    @Test
    void flattenedRecordsAreUnreadableForAKeylessTable() {
        rows.add("t-0@9", "{\"name\":\"Ann\",\"__deleted\":\"false\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(rows.unreadable()).singleElement().asString().startsWith("t-0@9: not a Debezium envelope");
    }

    private void add(String op, String before, String after) {
        rows.add("t-0@" + offset++, ("{\"before\":" + before + ",\"after\":" + after + ",\"source\":{},\"op\":\"" + op
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
