package io.github.cdcverify.bench;

import io.github.cdcverify.bench.ThroughputResult.LagPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

/** The report's charts as PNG images, rendered headless with JFreeChart. */
final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * End-to-end latency by percentile. The x axis is logarithmic in 1/(1 - p), so that 90, 99, 99.9 and 99.99
     * stand equally apart, the usual way to show a latency tail.
     */
    static byte[] latencyCurve(LatencyResult latency) {
        XYSeries series = new XYSeries("commit -> consumed");
        for (double[] point : latency.curve()) {
            if (point[0] < 100) {
                series.add(1 / (1 - point[0] / 100), point[1]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Latency by percentile (" + latency.count()
                        + " transactions at " + latency.rate() + "/s)", "percentile", "milliseconds",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
        LogAxis percentile = new LogAxis("percentile");
        percentile.setNumberFormatOverride(new PercentileFormat());
        percentile.setBase(10);
        percentile.setSmallestValue(1);
        // One tick per decade of 1/(1 - p): 0, 90, 99, 99.9, ...
        percentile.setTickUnit(new NumberTickUnit(1));
        ((XYPlot) chart.getPlot()).setDomainAxis(percentile);
        return png(chart);
    }

    /** Rows committed and events consumed over time, and the lag between them. */
    static byte[] throughput(ThroughputResult throughput) {
        XYSeries committed = new XYSeries("committed");
        XYSeries consumed = new XYSeries("consumed");
        XYSeries lag = new XYSeries("lag (committed - consumed)");
        for (LagPoint point : throughput.lag()) {
            double seconds = point.elapsedMs() / 1000.0;
            committed.add(seconds, point.committed());
            consumed.add(seconds, point.consumed());
            lag.add(seconds, point.lag());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries series : List.of(committed, consumed, lag)) {
            data.addSeries(series);
        }
        String warm = throughput.warmupRows() > 0 ? " (warm, after " + throughput.warmupRows() + " rows)" : "";
        String title = "Throughput: " + throughput.rows() + " rows, " + Math.round(throughput.eventsPerSecond())
                + " events/s" + warm;
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds", "rows / events", data,
                PlotOrientation.VERTICAL, true, false, false);
        ((NumberAxis) ((XYPlot) chart.getPlot()).getRangeAxis()).setNumberFormatOverride(new DecimalFormat("#,##0"));
        return png(chart);
    }

    private static byte[] png(JFreeChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labels an axis value 1/(1 - p) with p in percent: 10 is "90", 1000 is "99.9". */
    private static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double value, StringBuffer target, FieldPosition position) {
            double percentile = 100 * (1 - 1 / value);
            return target.append(new DecimalFormat("0.####").format(percentile));
        }

        @Override
        public StringBuffer format(long value, StringBuffer target, FieldPosition position) {
            return format((double) value, target, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            return null;
        }
    }
}
