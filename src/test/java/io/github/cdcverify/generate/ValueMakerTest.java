package io.github.cdcverify.generate;

import io.github.cdcverify.generate.TableShape.CheckConstraint;
import io.github.cdcverify.generate.TableShape.ColumnShape;
import io.github.cdcverify.setup.TableName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ValueMakerTest {

    private final ValueMaker values = new ValueMaker(new Random(7));

    private static ColumnShape column(String type, String base, char category, String element, List<String> labels,
                                      Integer length, Integer precision, Integer scale) {
        return new ColumnShape("c", type, base, category, element, labels, true, false, length, precision, scale,
                false, false);
    }

    @Test
    void numericsUseTheDeclaredScaleAndStayWithinThePrecision() {
        ColumnShape wide = column("numeric(30,10)", "numeric", 'N', null, List.of(), null, 30, 10);
        for (int i = 0; i < 200; i++) {
            BigDecimal value = new BigDecimal(values.literal(wide, List.of()));
            assertThat(value.scale()).isEqualTo(10);
            assertThat(value.precision()).isLessThanOrEqualTo(30);
        }
    }

    @Test
    void textFitsItsLengthAndEnumsArraysAndUuidsAreValidLiterals() {
        ColumnShape varchar = column("character varying(5)", "varchar", 'S', null, List.of(), 5, null, null);
        ColumnShape tier = column("customer_tier", "customer_tier", 'E', null, List.of("bronze", "gold"), null, null,
                null);
        ColumnShape tags = column("text[]", "_text", 'A', "text", List.of(), null, null, null);
        for (int i = 0; i < 100; i++) {
            assertThat(values.literal(varchar, List.of())).hasSizeBetween(1, 5);
            assertThat(values.literal(tier, List.of())).isIn("bronze", "gold");
            assertThat(values.literal(tags, List.of())).matches("\\{(\"[A-Za-z0-9]+\"(,\"[A-Za-z0-9]+\")*)?}");
        }
        assertThat(ValueMaker.unsupported(column("interval", "interval", 'T', null, List.of(), null, null, null)))
                .isEqualTo("no generator for type interval");
    }

    @Test
    void theQuotedValuesOfACheckConstraintAreOffered() {
        TableShape shape = new TableShape(new TableName("public", "orders"), List.of(), List.of("id"), List.of(),
                List.of(), List.of(new CheckConstraint("orders_status_check",
                "CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[])))")),
                'd');
        List<String> literals = ValueMaker.checkLiterals(shape, "status");
        ColumnShape status = column("character varying(20)", "varchar", 'S', null, List.of(), 20, null, null);

        assertThat(literals).containsExactly("new", "paid");
        long met = java.util.stream.IntStream.range(0, 100).mapToObj(i -> values.literal(status, literals))
                .filter(literals::contains).count();
        assertThat(met).isGreaterThan(50);
    }
}
