package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFailuresTest {

    private static final String TABLE = "\"public\".\"users\"";

    @Test
    void missingTableSaysRunSetupFirst() {
        GeneratorException e = SqlFailures.describe("load the existing ids", TABLE,
                new SQLException("ERROR: relation \"public.users\" does not exist", "42P01"));
        assertThat(e.getMessage())
                .startsWith("Could not load the existing ids (table \"public\".\"users\")")
                .contains("does not exist", "42P01", "run setup first");
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void hintsForCommonCauses() {
        assertThat(SqlFailures.describe("insert a row", TABLE, new SQLException("x", "42703")).getMessage())
                .contains("name and email");
        assertThat(SqlFailures.describe("connect", TABLE, new SQLException("refused", "08001")).getMessage())
                .contains("PostgreSQL is running");
        assertThat(SqlFailures.describe("connect", TABLE, new SQLException("auth", "28P01")).getMessage())
                .contains("user name and password");
        assertThat(SqlFailures.describe("insert a row", TABLE, new SQLException("denied", "42501")).getMessage())
                .contains("Grant");
    }

    @Test
    void unknownStatesAndMissingStatesStillDescribeTheFailure() {
        assertThat(SqlFailures.describe("commit transaction 3", TABLE, new SQLException("boom", "XX000"))
                .getMessage()).isEqualTo("Could not commit transaction 3 (table \"public\".\"users\"): boom "
                + "[SQLState XX000]");
        assertThat(SqlFailures.describe("connect", TABLE, new SQLException((String) null)).getMessage())
                .contains("null");
    }

    @Test
    void neverRepeatsPasswords() {
        String message = SqlFailures.describe("connect", TABLE, new SQLException(
                "bad url jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true; password: 'an other'", "08001"))
                .getMessage();
        assertThat(message).doesNotContain("s3cret", "an other").contains("password=********", "ssl=true");
    }
}
