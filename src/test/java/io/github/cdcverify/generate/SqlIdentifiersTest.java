package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlIdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"users", "_t", "Users2", "a_b_c",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"}) // 63 characters
    void acceptsPlainIdentifiers(String name) {
        assertThat(SqlIdentifiers.requireValid(name, "table")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1users", "us-ers", "us ers", "us\"ers", "sch.users", "usérs",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"}) // 64 characters
    void rejectsEverythingElseNamingValueAndRule(String name) {
        assertThatThrownBy(() -> SqlIdentifiers.requireValid(name, "table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("[A-Za-z_][A-Za-z0-9_]{0,62}");
    }

    @Test
    void quotesBothParts() {
        assertThat(SqlIdentifiers.qualified("Sales", "Orders")).isEqualTo("\"Sales\".\"Orders\"");
    }
}
