package io.github.cdcverify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** {@code report.html}: the figures as tables and the charts as PNG images, embedded so the file stands alone. */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** Writes {@code report.html}, {@code latency.png} and (with a throughput phase) {@code throughput.png}. */
    public static Path write(BenchReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            byte[] latency = Charts.latencyCurve(report.latency());
            Files.write(directory.resolve("latency.png"), latency);
            byte[] throughput = report.throughput() == null ? null : Charts.throughput(report.throughput());
            if (throughput != null) {
                Files.write(directory.resolve("throughput.png"), throughput);
            }
            Path html = directory.resolve("report.html");
            Files.writeString(html, html(report, latency, throughput));
            return html;
        } catch (IOException e) {
            throw new BenchException("Could not write the HTML report to " + directory + ": " + e.getMessage(), e);
        }
    }

    static String html(BenchReport report, byte[] latencyPng, byte[] throughputPng) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>cdc-verify bench</title><style>body{font-family:sans-serif;max-width:900px;margin:auto}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}</style></head><body>");
        h.append("<h1>cdc-verify bench</h1><p>").append(escape(report.startedAt())).append(" &middot; ")
                .append(escape(String.valueOf(report.environment().get("stack")))).append(" stack, ")
                .append(report.environment().get("cores")).append(" cores, ")
                .append(escape(String.valueOf(report.environment().get("java")))).append("</p>");
        StartupResult s = report.startup();
        h.append("<h2>Start-up</h2><table><tr><th>step</th><th>ms</th></tr>");
        s.componentsMs().forEach((name, ms) -> row(h, escape(name), ms));
        if (s.stackMs() != null) {
            row(h, "whole stack", s.stackMs());
        }
        row(h, "connector registered to streaming", s.connectorMs());
        row(h, "streaming to first event consumed", s.firstEventMs());
        row(h, "<b>process start to first event consumed</b>", s.processStartToFirstEventMs());
        h.append("</table>");
        LatencyResult l = report.latency();
        h.append("<h2>Latency, commit to consumed</h2><p>").append(l.count()).append(" single-row transactions at ")
                .append(l.rate()).append("/s, milliseconds</p><table><tr><th></th><th>p50</th><th>p90</th>"
                        + "<th>p99</th><th>p99.9</th><th>max</th></tr>");
        distribution(h, "<b>end to end</b>", l.endToEnd());
        l.stages().forEach((name, d) -> distribution(h, name, d));
        h.append("</table>").append(image(latencyPng, "latency by percentile"));
        if (!l.slowest().isEmpty()) {
            h.append("<p>The slowest transactions (seconds after the first was sent; milliseconds)</p><table><tr>"
                    + "<th>sent at</th><th>end to end</th>");
            l.stages().keySet().forEach(name -> h.append("<th>").append(name).append("</th>"));
            h.append("</tr>");
            for (LatencyResult.SlowTransaction slow : l.slowest()) {
                h.append("<tr><td>").append(slow.sentAtSeconds()).append("</td><td>").append(slow.endToEndMs())
                        .append("</td>");
                slow.stagesMs().values().forEach(ms -> h.append("<td>").append(ms).append("</td>"));
                h.append("</tr>");
            }
            h.append("</table>");
        }
        ThroughputResult t = report.throughput();
        if (t != null) {
            h.append("<h2>Throughput</h2><table><tr><th></th><th></th></tr>");
            row(h, "rows (" + t.rowsPerTransaction() + " per transaction)", t.rows());
            row(h, "events consumed", t.events());
            row(h, "seconds writing", t.writeSeconds());
            row(h, "seconds until the last event", t.totalSeconds());
            row(h, "<b>events per second</b>", t.eventsPerSecond());
            if (t.coldEventsPerSecond() != null) {
                row(h, "warm-up rows written and consumed just before, unmeasured", t.warmupRows());
                row(h, "events per second of those warm-up rows (cold pipeline)", t.coldEventsPerSecond());
            }
            h.append("</table>").append(image(throughputPng, "committed and consumed over time"));
        }
        MemoryResult m = report.memory();
        h.append("<h2>Peak memory (MiB)</h2><table><tr><th></th><th></th></tr>");
        row(h, "JVM (VmHWM)", m.jvmPeakRssMb());
        row(h, "PostgreSQL, summed PSS", m.postgresPeakPssMb());
        row(h, "PostgreSQL, summed RSS (shared memory counted per process)", m.postgresPeakRssMb());
        row(h, "<b>JVM + PostgreSQL (PSS)</b>", m.totalMb());
        h.append("</table><h2>Connector</h2><table>");
        Object connector = report.environment().get("connector");
        if (connector instanceof Map<?, ?> settings) {
            settings.forEach((k, v) -> h.append("<tr><td>").append(escape(String.valueOf(k))).append("</td><td>")
                    .append(escape(String.valueOf(v))).append("</td></tr>"));
        }
        return h.append("</table></body></html>\n").toString();
    }

    private static void distribution(StringBuilder h, String name, Distribution d) {
        h.append("<tr><td>").append(name).append("</td>");
        for (double value : new double[] {d.p50(), d.p90(), d.p99(), d.p999(), d.max()}) {
            h.append("<td>").append(String.format(Locale.ROOT, "%.2f", value)).append("</td>");
        }
        h.append("</tr>");
    }

    private static void row(StringBuilder h, String name, Object value) {
        h.append("<tr><td>").append(name).append("</td><td>").append(value == null ? "n/a" : value)
                .append("</td></tr>");
    }

    private static String image(byte[] png, String alt) {
        return "<p><img alt=\"" + alt + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"></p>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
