package io.github.cdcverify.datacheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapWatchTest {

    @Test
    void warnsOnceWhenTheRowsPassTheirShareOfTheHeapNamingTheFix() {
        HeapWatch watch = new HeapWatch("public.users", 384_000_000L);
        String warning = null;
        int looks = 0;
        for (int event = 0; event < 1_000_000 && warning == null; event++) {
            looks++;
            warning = watch.afterEvent(event * 300L, event);
        }

        assertThat(warning).isEqualTo("public.users: the topic's latest rows take about 137 MB so far "
                + "(458,751 rows, ~300 bytes each) of this JVM's 384 MB heap: the check slows down as the heap fills "
                + "and may fail with OutOfMemoryError. Give it more heap, e.g. CDC_JAVA_OPTS=-Xmx2g for the command "
                + "line (-Xmx for your test JVM), three times what the rows take.");
        assertThat(looks).as("it looks every 65,536 events").isEqualTo(458_752);
        assertThat(watch.afterEvent(Long.MAX_VALUE / 2, 1)).as("told once").isNull();
    }

    @Test
    void staysQuietWhileTheRowsFit() {
        HeapWatch watch = new HeapWatch("public.users", 2_000_000_000L);
        for (int event = 0; event < 1_000_000; event++) {
            assertThat(watch.afterEvent(600_000_000L, event)).isNull();
        }
    }
}
