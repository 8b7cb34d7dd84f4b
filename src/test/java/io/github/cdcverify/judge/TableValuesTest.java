package io.github.cdcverify.judge;

import io.github.cdcverify.setup.CaptureCatalog.Column;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the table side is read: the casts that keep a value comparable, and PostgreSQL's text parsed by type. */
class TableValuesTest {

    @Test
    void castsWherePgjdbcWouldFailOrLoseSomething() {
        assertThat(TableValues.select(column("amount", "money", "money"))).as("locale-formatted money")
                .isEqualTo("\"amount\"::numeric AS \"amount\"");
        assertThat(TableValues.select(column("at", "time without time zone", "time")))
                .isEqualTo("\"at\"::text AS \"at\"");
        assertThat(TableValues.select(column("tags", "USER-DEFINED", "hstore")))
                .isEqualTo("\"tags\"::jsonb::text AS \"tags\"");
        assertThat(TableValues.select(column("ds", "ARRAY", "_date"))).isEqualTo("\"ds\"::text[] AS \"ds\"");
        assertThat(TableValues.select(column("ms", "ARRAY", "_money")))
                .isEqualTo("\"ms\"::numeric[]::text[] AS \"ms\"");
        assertThat(TableValues.select(column("ips", "ARRAY", "_inet"))).as("inet's text cast adds the netmask")
                .isEqualTo("\"ips\"");
        assertThat(TableValues.select(column("ip", "inet", "inet"))).isEqualTo("\"ip\"");
        assertThat(TableValues.select(column("codes", "ARRAY", "_bpchar"))).as("char(n)'s text cast drops padding")
                .isEqualTo("\"codes\"");
        assertThat(TableValues.select(column("id", "integer", "int4"))).isEqualTo("\"id\"");
    }

    @Test
    void textOfEachTypeIsParsedIntoAComparableForm() {
        assertThat(TableValues.fromText("1.50", "numeric")).isEqualTo(new BigDecimal("1.50"));
        assertThat(TableValues.fromText("NaN", "float8")).isEqualTo(Double.NaN);
        assertThat(TableValues.fromText("24:00:00", "time")).isEqualTo(new TableValues.TimeOfDay(86_400_000_000L));
        assertThat(TableValues.fromText("23:59:59.999999-15:59", "timetz"))
                .isEqualTo(new TableValues.UtcTime(57_539_999_999L));
        assertThat(TableValues.fromText("infinity", "date")).isEqualTo(new TableValues.Infinite("infinity"));
        assertThat((byte[]) TableValues.fromText("\\xdead", "bytea")).containsExactly(0xde, 0xad);
        assertThat(TableValues.fromText("a fat cat", "tsvector")).isEqualTo("a fat cat");
    }

    @Test
    void reportsShowValuesAsPostgresqlPrintsThem() {
        assertThat(TableValues.text(Arrays.asList(new BigDecimal("1.50"), null))).isEqualTo("{1.50,NULL}");
        assertThat(TableValues.text(new TableValues.TimeOfDay(86_400_000_000L))).isEqualTo("24:00:00");
        assertThat(TableValues.text(new TableValues.UtcTime(3_600_000_000L))).isEqualTo("01:00Z");
        assertThat(TableValues.text(List.of(new TableValues.Bits("101")))).isEqualTo("{101}");
    }

    private static Column column(String name, String type, String udt) {
        return new Column(name, type, null, null, null, udt);
    }
}
