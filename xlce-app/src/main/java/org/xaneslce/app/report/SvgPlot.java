package org.xaneslce.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG plotter for the report: line and scatter series on linear axes with ticks, axis
 * labels and a legend; and grouped bar charts. Output is a self-contained {@code <svg>} element.
 */
public final class SvgPlot {
    /** Class colours used everywhere: T4 blue, S5 orange, O6 green. */
    public static final String[] CLASS_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c"};

    private record Series(double[] x, double[] y, String colour, String label, boolean points, boolean dashed, double opacity, double width) {
    }

    private final int width;
    private final int height;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private Double yMin;
    private Double yMax;
    private Double xMin;
    private Double xMax;
    private String legendCorner = "tr";

    /** A plot of the given size with its title and axis labels (give units in the labels). */
    public SvgPlot(int width, int height, String title, String xLabel, String yLabel) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Fixes the y range. */
    public SvgPlot yRange(double lo, double hi) {
        yMin = lo;
        yMax = hi;
        return this;
    }

    /** Puts the legend in a corner: "tr", "tl", "br" or "bl" (default top right), or "out": right of the plot, never over the data. */
    public SvgPlot legendAt(String corner) {
        legendCorner = corner;
        return this;
    }

    /** Fixes the x range. */
    public SvgPlot xRange(double lo, double hi) {
        xMin = lo;
        xMax = hi;
        return this;
    }

    /** A line; {@code label} null keeps it out of the legend. */
    public SvgPlot line(double[] x, double[] y, String colour, String label, boolean dashed, double opacity, double lineWidth) {
        series.add(new Series(x.clone(), y.clone(), colour, label, false, dashed, opacity, lineWidth));
        return this;
    }

    /** Scatter points. */
    public SvgPlot points(double[] x, double[] y, String colour, String label, double opacity) {
        series.add(new Series(x.clone(), y.clone(), colour, label, true, false, opacity, 2.2));
        return this;
    }

    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;

    /** The SVG text. */
    public String render() {
        double x0 = xMin != null ? xMin : series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x)).min().orElse(0);
        double x1 = xMax != null ? xMax : series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x)).max().orElse(1);
        double y0 = yMin != null ? yMin : series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y)).min().orElse(0);
        double y1 = yMax != null ? yMax : series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y)).max().orElse(1);
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        if (y1 <= y0) {
            y1 = y0 + 1;
        }
        if (yMin == null) {
            double pad = 0.04 * (y1 - y0);
            y0 -= pad;
            y1 += pad;
        }
        StringBuilder b = header();
        double pw = width - LEFT - right();
        double ph = height - TOP - BOTTOM;
        double fx0 = x0;
        double fx1 = x1;
        double fy0 = y0;
        double fy1 = y1;
        java.util.function.DoubleUnaryOperator sx = v -> LEFT + (v - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> TOP + ph - (v - fy0) / (fy1 - fy0) * ph;
        axes(b, x0, x1, y0, y1, sx, sy);
        for (Series s : series) {
            if (s.points) {
                for (int i = 0; i < s.x.length; i++) {
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"/>",
                        sx.applyAsDouble(s.x[i]), sy.applyAsDouble(s.y[i]), s.width, s.colour, s.opacity));
                }
            } else {
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < s.x.length; i++) {
                    d.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", sx.applyAsDouble(s.x[i]), sy.applyAsDouble(s.y[i])));
                }
                b.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-opacity=\"%.2f\"%s/>",
                    d, s.colour, s.width, s.opacity, s.dashed ? " stroke-dasharray=\"6,4\"" : ""));
            }
        }
        legend(b);
        return b.append("</svg>").toString();
    }

    /** The right margin: room for the legend when it stands outside the plot. */
    private int right() {
        return legendCorner.equals("out") ? RIGHT + 156 : RIGHT;
    }

    private StringBuilder header() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">", width, height, width, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"17\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT, esc(title)));
        return b;
    }

    private void axes(StringBuilder b, double x0, double x1, double y0, double y1, java.util.function.DoubleUnaryOperator sx,
                      java.util.function.DoubleUnaryOperator sy) {
        double pw = width - LEFT - right();
        double ph = height - TOP - BOTTOM;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#444\"/>", LEFT, TOP, pw, ph));
        for (double t : xLabel.isEmpty() ? List.<Double>of() : ticks(x0, x1)) {
            double px = sx.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", px, (double) TOP, px, TOP + ph));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", px, TOP + ph + 14, fmt(t)));
        }
        for (double t : ticks(y0, y1)) {
            double py = sy.applyAsDouble(t);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, py, LEFT + pw, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, py + 4, fmt(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + pw / 2, height - 8, esc(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>", TOP + ph / 2, esc(yLabel)));
    }

    private void legend(StringBuilder b) {
        long entries = series.stream().filter(s -> s.label != null).count();
        int y = legendCorner.startsWith("b") ? height - BOTTOM - 6 - (int) (15 * (entries - 1)) : TOP + 12;
        if (legendCorner.equals("out")) {
            y = TOP + 12;
        }
        for (Series s : series) {
            if (s.label == null) {
                continue;
            }
            int x = legendCorner.equals("out") ? width - 152 : legendCorner.endsWith("l") ? LEFT + 8 : width - RIGHT - 150;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"146\" height=\"15\" fill=\"white\" fill-opacity=\"0.8\"/>", x - 4, y - 11));
            if (s.points) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>", x + 8, y - 4, s.colour));
            } else {
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                    x, y - 4, x + 18, y - 4, s.colour, s.dashed ? " stroke-dasharray=\"6,4\"" : ""));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x + 24, y, esc(s.label)));
            y += 15;
        }
    }

    /** A grouped bar chart: groups along x, one bar per series in each group, values in [0, yMax]. */
    public static String bars(int width, int height, String title, String yLabel, String[] groups, String[] seriesLabels,
                              String[] colours, double[][] values, double[][] errors, double yMax) {
        SvgPlot p = new SvgPlot(width, height, title, "", yLabel);
        StringBuilder b = p.header();
        double pw = width - LEFT - RIGHT;
        double ph = height - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator sy = v -> TOP + ph - v / yMax * ph;
        p.axes(b, 0, 1, 0, yMax, v -> LEFT + v * pw, sy);
        double gw = pw / groups.length;
        double bw = gw * 0.8 / seriesLabels.length;
        for (int g = 0; g < groups.length; g++) {
            for (int s = 0; s < seriesLabels.length; s++) {
                double v = values[s][g];
                if (Double.isNaN(v)) {
                    continue;
                }
                double x = LEFT + g * gw + gw * 0.1 + s * bw;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x,
                    sy.applyAsDouble(v), bw - 1, TOP + ph - sy.applyAsDouble(v), colours[s]));
                if (errors != null && !Double.isNaN(errors[s][g])) {
                    double cx = x + bw / 2;
                    b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>", cx,
                        sy.applyAsDouble(Math.max(0, v - errors[s][g])), cx, sy.applyAsDouble(Math.min(yMax, v + errors[s][g]))));
                }
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>",
                LEFT + g * gw + gw / 2, TOP + ph + 14, esc(groups[g])));
        }
        int lx = LEFT;
        for (int s = 0; s < seriesLabels.length; s++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>", lx, height - 17, colours[s]));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", lx + 16, height - 8, esc(seriesLabels[s])));
            lx += 22 + 7 * seriesLabels[s].length();
        }
        return b.append("</svg>").toString();
    }

    /** About six round tick values covering [lo, hi]. */
    static List<Double> ticks(double lo, double hi) {
        double span = hi - lo;
        double raw = span / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        for (long k = first; k * step <= hi + 1e-9 * span; k++) {
            // One division by an exact power of ten gives the correctly rounded tick (0.6, not 0.6000000000000001).
            long m = Math.round(k * step / mag * 1000.0);
            double t = mag < 1 ? m / (1000.0 * Math.round(1 / mag)) : m * mag / 1000.0;
            out.add(Math.abs(t) < 1e-12 * span ? 0.0 : t);
        }
        return out;
    }

    private static String fmt(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
