package io.github.cdcverify.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a run with a saved one, metric by metric: every number of the report's start-up, latency (end to end
 * and stages), throughput and memory sections, by its dotted path. Curves and settings are not metrics.
 */
public final class BaselineComparison {

    private static final List<String> SECTIONS = List.of("startup", "latency", "throughput", "memory");
    /** What the run was asked to do rather than what it measured. */
    private static final List<String> SETTINGS = List.of("count", "rate", "rows", "rowsPerTransaction", "warmupRows");

    /**
     * One metric in both runs.
     *
     * @param ratio current / baseline ({@code NaN} when the baseline is 0)
     */
    public record MetricRatio(String metric, double baseline, double current, double ratio) {

        /** Throughput counts are better higher; every time and size better lower. */
        public boolean higherIsBetter() {
            return metric.endsWith("PerSecond");
        }

        /** Whether the current run did better (by more than 5%) or worse, or about the same. */
        public String verdict() {
            if (Double.isNaN(ratio) || Math.abs(ratio - 1) <= 0.05) {
                return "same";
            }
            return (ratio > 1) == higherIsBetter() ? "better" : "worse";
        }
    }

    private BaselineComparison() {
    }

    /** The metrics present in both reports, in the current report's order. */
    public static List<MetricRatio> compare(JsonNode baseline, JsonNode current) {
        Map<String, Double> before = metrics(baseline);
        List<MetricRatio> ratios = new ArrayList<>();
        metrics(current).forEach((metric, value) -> {
            Double old = before.get(metric);
            if (old != null) {
                ratios.add(new MetricRatio(metric, old, value, old == 0 ? Double.NaN : value / old));
            }
        });
        return ratios;
    }

    /** Every numeric leaf of the metric sections, by dotted path (arrays skipped). */
    static Map<String, Double> metrics(JsonNode report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            collect(section, report.path(section), metrics);
        }
        return metrics;
    }

    private static void collect(String path, JsonNode node, Map<String, Double> metrics) {
        if (node.isNumber()) {
            metrics.put(path, node.asDouble());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SETTINGS.contains(field.getKey())) {
                    continue;
                }
                collect(path + "." + field.getKey(), field.getValue(), metrics);
            }
        }
    }

    /** One line per metric: name, baseline, current, ratio, verdict. */
    public static String format(List<MetricRatio> ratios) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-48s %12s %12s %7s%n", "metric",
                "baseline", "current", "ratio"));
        for (MetricRatio r : ratios) {
            text.append(String.format(Locale.ROOT, "%-48s %12.3f %12.3f %7s %s%n", r.metric(), r.baseline(),
                    r.current(), Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                    r.verdict()));
        }
        return text.toString();
    }
}
