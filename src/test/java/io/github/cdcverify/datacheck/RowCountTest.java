package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowCountTest {

    @Test
    void oneRowIsSingular() {
        assertThat(RowCount.agree(1, " rows differ (column: table value / topic value)"))
                .isEqualTo(" row differs (column: table value / topic value)");
        assertThat(RowCount.agree(1, " rows missing from the topic")).isEqualTo(" row missing from the topic");
        assertThat(RowCount.agree(1, " rows in the topic not in the table"))
                .isEqualTo(" row in the topic not in the table");
    }

    @Test
    void otherCountsArePlural() {
        assertThat(RowCount.agree(2, " rows differ (x)")).isEqualTo(" rows differ (x)");
        assertThat(RowCount.agree(0, " rows missing")).isEqualTo(" rows missing");
    }
}
