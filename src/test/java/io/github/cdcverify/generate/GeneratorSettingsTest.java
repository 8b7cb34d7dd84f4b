package io.github.cdcverify.generate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorSettingsTest {

    @Test
    void hasSensibleDefaults() {
        GeneratorSettings settings = GeneratorSettings.defaults();
        assertThat(settings.mix()).isEqualTo(new Mix(60, 30, 10));
        assertThat(settings.rate()).isZero();
        assertThat(settings.count()).hasValue(1000);
        assertThat(settings.duration()).isEmpty();
        assertThat(settings.rowsPerTransaction()).isEqualTo(1);
        assertThat(settings.schema()).isEqualTo("public");
        assertThat(settings.table()).isEqualTo("users");
        assertThat(settings.qualifiedTable()).isEqualTo("\"public\".\"users\"");
        assertThat(settings.validate()).isSameAs(settings);
    }

    @Test
    void withMethodsReturnCopiesAndLeaveTheOriginalAlone() {
        GeneratorSettings original = GeneratorSettings.defaults();
        GeneratorSettings changed = original.withMix(Mix.parse("1:1:1")).withRate(50).withCount(10L)
                .withDuration(Duration.ofSeconds(5)).withRowsPerTransaction(3).withSeed(7L)
                .withSchema("app").withTable("Customers");

        assertThat(changed.mix()).isEqualTo(new Mix(1, 1, 1));
        assertThat(changed.rate()).isEqualTo(50);
        assertThat(changed.count()).hasValue(10);
        assertThat(changed.duration()).contains(Duration.ofSeconds(5));
        assertThat(changed.rowsPerTransaction()).isEqualTo(3);
        assertThat(changed.seed()).isEqualTo(7L);
        assertThat(changed.qualifiedTable()).isEqualTo("\"app\".\"Customers\"");

        assertThat(original.count()).hasValue(1000);
        assertThat(original.table()).isEqualTo("users");
    }

    @Test
    void drawsARandomSeedUnlessGiven() {
        assertThat(GeneratorSettings.defaults().seed()).isNotEqualTo(GeneratorSettings.defaults().seed());
        assertThat(GeneratorSettings.defaults().withSeed(5L).withSeed(null).seed()).isNotEqualTo(5L);
    }

    @Test
    void reportsEverySettingIncludingTheSeed() {
        String text = GeneratorSettings.defaults().withSeed(123L).withRate(20).toString();
        assertThat(text).contains("public.users", "60:30:10", "20.0 ops/s", "count 1000", "seed 123");
    }

    @Test
    void rejectsBadRates() {
        GeneratorSettings settings = GeneratorSettings.defaults();
        assertThatThrownBy(() -> settings.withRate(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> settings.withRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withRate(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonPositiveCountDurationAndRowsPerTransaction() {
        GeneratorSettings settings = GeneratorSettings.defaults();
        assertThatThrownBy(() -> settings.withCount(0L)).hasMessageContaining("Count must be a positive");
        assertThatThrownBy(() -> settings.withDuration(Duration.ZERO)).hasMessageContaining("Duration");
        assertThatThrownBy(() -> settings.withDuration(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> settings.withRowsPerTransaction(0)).hasMessageContaining("at least 1");
    }

    @Test
    void needsACountOrADuration() {
        GeneratorSettings unbounded = GeneratorSettings.defaults().withCount(null);
        assertThatThrownBy(unbounded::validate)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count, a duration or both");
        assertThat(unbounded.withDuration(Duration.ofMinutes(1)).validate().count()).isEmpty();
    }

    @Test
    void validatesSchemaAndTableNames() {
        GeneratorSettings settings = GeneratorSettings.defaults();
        assertThatThrownBy(() -> settings.withTable("users; DROP TABLE users"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid table name 'users; DROP TABLE users'")
                .hasMessageContaining("use 1-63 letters, digits or underscores");
        assertThatThrownBy(() -> settings.withSchema("my-schema"))
                .hasMessageContaining("Invalid schema name 'my-schema'");
        assertThatThrownBy(() -> settings.withTable(null)).hasMessageContaining("Invalid table name 'null'");
    }

    @Test
    void generatorRejectsUnboundedSettingsUpFront() {
        GeneratorSettings unbounded = GeneratorSettings.defaults().withCount(null);
        assertThatThrownBy(() -> new Generator(() -> null, unbounded, new Ledger()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
