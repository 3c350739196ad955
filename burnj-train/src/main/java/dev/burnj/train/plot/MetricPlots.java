package dev.burnj.train.plot;

import dev.burnj.record.AtomicFile;
import dev.burnj.train.Split;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes PNG plots of a run's metrics with JFreeChart: {@code step_<metric>.png}, the training value over optimizer
 * steps, and {@code epoch_<metric>.png}, train against validation over epochs, one of each per metric.
 *
 * <p>Rendering needs no display, but on a machine without one, run with {@code -Djava.awt.headless=true} (the JDK
 * assumes it on Linux when {@code DISPLAY} is unset) and with fonts installed (Debian: {@code fonts-dejavu-core},
 * {@code fontconfig}), which AWT needs for any text.
 */
public final class MetricPlots {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** Enough points for an 800-pixel-wide plot; longer curves are averaged down (see {@link Curve#downsample}). */
    static final int MAX_POINTS = 2000;
    static final Color TRAIN = new Color(31, 119, 180);
    static final Color VALID = new Color(255, 127, 14);

    private MetricPlots() {}

    /** Reads {@code metricsCsv} and writes its plots into {@code dir} (created if needed); returns the files written. */
    public static List<Path> write(Path metricsCsv, Path dir) throws IOException {
        return write(MetricCurves.read(metricsCsv), dir);
    }

    /** Writes the plots of {@code curves} into {@code dir} (created if needed); returns the files written. */
    public static List<Path> write(MetricCurves curves, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Curve> e : curves.steps().entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(series(Split.TRAIN.label(), e.getValue()));
            written.add(save(chart(e.getKey() + " per step (train)", "step", e.getKey(), data, List.of(TRAIN), false),
                    dir.resolve("step_" + fileName(e.getKey()) + ".png")));
        }
        for (Map.Entry<String, Map<Split, Curve>> e : curves.epochs().entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            List<Color> colors = new ArrayList<>();
            for (Map.Entry<Split, Curve> split : e.getValue().entrySet()) {
                data.addSeries(series(split.getKey().label(), split.getValue()));
                colors.add(split.getKey() == Split.TRAIN ? TRAIN : split.getKey() == Split.VALID ? VALID : Color.DARK_GRAY);
            }
            written.add(save(chart(e.getKey() + " per epoch", "epoch", e.getKey(), data, colors, true),
                    dir.resolve("epoch_" + fileName(e.getKey()) + ".png")));
        }
        return written;
    }

    private static XYSeries series(String name, Curve curve) {
        // logged order, duplicates allowed: accumulation and mid-epoch validation repeat an x
        XYSeries s = new XYSeries(name, false, true);
        Curve points = curve.downsample(MAX_POINTS);
        for (int i = 0; i < points.size(); i++) {
            s.add(points.x()[i], points.y()[i], false);
        }
        return s;
    }

    private static JFreeChart chart(String title, String xLabel, String yLabel, XYSeriesCollection data, List<Color> colors,
            boolean epochs) {
        // a legend only where there are splits to tell apart
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, epochs, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // epoch curves are short: markers make a single epoch visible too
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, epochs);
        for (int i = 0; i < colors.size(); i++) {
            renderer.setSeriesPaint(i, colors.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        if (epochs) {
            plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return chart;
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        AtomicFile.write(file, png.toByteArray());
        return file;
    }

    /** A metric name as a file name: anything but letters, digits, '.', '-' and '_' becomes '_'. */
    static String fileName(String metric) {
        return metric.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
