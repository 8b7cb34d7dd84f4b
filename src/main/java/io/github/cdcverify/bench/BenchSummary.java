package io.github.cdcverify.bench;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/** The report in a few lines for the terminal. */
public final class BenchSummary {

    private BenchSummary() {
    }

    public static String of(BenchReport report) {
        StringBuilder text = new StringBuilder();
        StartupResult s = report.startup();
        text.append("start-up   ");
        s.componentsMs().forEach((name, ms) -> text.append(name).append(' ').append(ms).append(" ms, "));
        text.append("connector ").append(s.connectorMs()).append(" ms, first event ").append(s.firstEventMs())
                .append(" ms; process start -> first event ").append(s.processStartToFirstEventMs()).append(" ms\n");
        Distribution e = report.latency().endToEnd();
        text.append(String.format(Locale.ROOT, "latency    %d tx at %.0f/s: p50 %.2f ms, p90 %.2f, p99 %.2f, "
                        + "p99.9 %.2f, max %.2f%n", report.latency().count(), report.latency().rate(), e.p50(),
                e.p90(), e.p99(), e.p999(), e.max()));
        report.latency().stages().forEach((name, d) -> text.append(String.format(Locale.ROOT,
                "           %-17s p50 %7.2f ms, p99 %7.2f%n", name, d.p50(), d.p99())));
        report.latency().slowest().stream().findFirst().ifPresent(slowest -> {
            Map.Entry<String, Double> stage = Collections.max(slowest.stagesMs().entrySet(),
                    Map.Entry.comparingByValue());
            text.append(String.format(Locale.ROOT, "           slowest: %.2f ms, sent %.2f s into the phase, %.2f ms "
                            + "of it in %s%n", slowest.endToEndMs(), slowest.sentAtSeconds(), stage.getValue(),
                    stage.getKey()));
        });
        ThroughputResult t = report.throughput();
        if (t != null) {
            text.append(String.format(Locale.ROOT, "throughput %d rows (%d per tx): written in %.2f s, all "
                            + "consumed after %.2f s: %.0f events/s%n", t.rows(), t.rowsPerTransaction(),
                    t.writeSeconds(), t.totalSeconds(), t.eventsPerSecond()));
            if (t.coldEventsPerSecond() != null) {
                text.append(String.format(Locale.ROOT, "           measured warm, after %d rows of warm-up; those "
                        + "ran cold at %.0f events/s%n", t.warmupRows(), t.coldEventsPerSecond()));
            }
        }
        MemoryResult m = report.memory();
        text.append("memory     JVM peak ").append(m.jvmPeakRssMb()).append(" MiB, PostgreSQL peak PSS ")
                .append(m.postgresPeakPssMb()).append(" MiB (RSS ").append(m.postgresPeakRssMb())
                .append("), total ").append(m.totalMb()).append(" MiB\n");
        return text.toString();
    }
}
