package io.github.cdcverify.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void readsTheShortFormsAndIso() {
        assertThat(Durations.parse("500ms", "--x")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse(" 20S ", "--x")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("5m", "--x")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h", "--x")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("pt1m30s", "--x")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anUnreadableValueNamesTheOptionAndTheForms() {
        assertThatThrownBy(() -> Durations.parse("soon", "--settle"))
                .hasMessage("Invalid value 'soon' for --settle: use a number with ms, s, m or h (e.g. 20s) or an "
                        + "ISO-8601 duration (e.g. PT20S).");
    }

    @Test
    void printsDurationsAsPeopleReadThem() {
        assertThat(Durations.readable(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.readable(Duration.ofMillis(1_500))).isEqualTo("1.5 s");
        assertThat(Durations.readable(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Durations.readable(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(Durations.readable(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Durations.readable(Duration.ofSeconds(365))).isEqualTo("6 min 5 s");
        assertThat(Durations.readable(Duration.ofMinutes(65).plusSeconds(7))).isEqualTo("1 h 5 min");
        assertThat(Durations.readable(Duration.ofHours(2))).isEqualTo("2 h");
    }
}
