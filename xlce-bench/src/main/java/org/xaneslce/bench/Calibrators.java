package org.xaneslce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.xaneslce.trust.Calibration;

/**
 * Calibration maps beyond one temperature, judged as the shipped one is: on the out-of-fold
 * predictions that {@code xlce calibrate --predictions DIR} writes (DIR/&lt;El&gt;-cnn.oof.csv), each
 * fold's map fitted on the other nine folds (cross-fit), pooled, then the 15-bin ECE, the NLL and
 * the macro F1 of the calibrated classes. Maps: none; temperature minimizing the ECE;
 * temperature minimizing the NLL; vector scaling (temperature and a bias per class, NLL; Guo et
 * al. 2017), which can change the class; the temperature followed by the top-label map
 * ({@code Calibration.fitTopLabel}: a logistic map of the top probability, the rest rescaled; keeps
 * the class).
 */
final class Calibrators {
    private Calibrators() {
    }

    private record Oof(int k, double[] probs, int[] labels, int[] folds) {
    }

    static void run(Path dir) throws IOException {
        System.out.println("| absorber | spectra | map | ECE | NLL | macro F1 | class changed |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-cnn.oof.csv")).sorted().toList()) {
                String el = f.getFileName().toString().replace("-cnn.oof.csv", "");
                Oof o = read(f);
                Map<String, double[]> out = crossFit(o);
                double[] none = out.get("none");
                for (Map.Entry<String, double[]> e : out.entrySet()) {
                    double[] q = e.getValue();
                    int changed = 0;
                    for (int i = 0; i < o.labels().length; i++) {
                        changed += argmax(q, o.k(), i) != argmax(none, o.k(), i) ? 1 : 0;
                    }
                    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f | %d |%n", el, o.labels().length, e.getKey(),
                        Calibration.ece(q, o.k(), o.labels()), Calibration.nll(q, o.k(), o.labels()), macroF1(q, o.k(), o.labels()), changed);
                }
            }
        }
    }

    private static Map<String, double[]> crossFit(Oof o) {
        int k = o.k();
        int n = o.labels().length;
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String m : List.of("none", "temperature, ECE", "temperature, NLL", "vector scaling, NLL", "temperature, ECE + top-label map (ece+top)")) {
            out.put(m, new double[n * k]);
        }
        for (int fold : new TreeSet<>(java.util.Arrays.stream(o.folds()).boxed().toList())) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (o.folds()[i] == fold ? te : tr).add(i);
            }
            double[] pTr = rows(o.probs(), k, tr);
            int[] yTr = tr.stream().mapToInt(i -> o.labels()[i]).toArray();
            double[] pTe = rows(o.probs(), k, te);
            double tEce = Calibration.fitTemperatureEce(pTr, k, yTr);
            double tNll = Calibration.fitTemperature(pTr, k, yTr);
            double[] vec = fitVector(pTr, k, yTr);
            double[] top = Calibration.fitTopLabel(Calibration.scale(pTr, k, tEce), k, yTr);
            put(out.get("none"), pTe, k, te);
            put(out.get("temperature, ECE"), Calibration.scale(pTe, k, tEce), k, te);
            put(out.get("temperature, NLL"), Calibration.scale(pTe, k, tNll), k, te);
            put(out.get("vector scaling, NLL"), vector(pTe, k, vec), k, te);
            put(out.get("temperature, ECE + top-label map (ece+top)"), Calibration.topLabel(Calibration.scale(pTe, k, tEce), k, top), k, te);
        }
        return out;
    }

    /** Vector scaling: q = softmax(s log p + b), b_0 = 0; s and b by gradient descent on the NLL with step halving. */
    static double[] fitVector(double[] p, int k, int[] y) {
        double[] w = new double[k];
        w[0] = 1;
        double step = 1;
        double f = Calibration.nll(vector(p, k, w), k, y);
        for (int it = 0; it < 3000 && step > 1e-10; it++) {
            double[] q = vector(p, k, w);
            double[] g = new double[k];
            for (int i = 0; i < y.length; i++) {
                for (int c = 0; c < k; c++) {
                    double d = q[i * k + c] - (y[i] == c ? 1 : 0);
                    g[0] += d * Math.log(Math.max(p[i * k + c], 1e-12));
                    if (c > 0) {
                        g[c] += d;
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                g[c] /= y.length;
            }
            double[] next = new double[k];
            for (int c = 0; c < k; c++) {
                next[c] = w[c] - step * g[c];
            }
            double fn = Calibration.nll(vector(p, k, next), k, y);
            if (fn < f) {
                w = next;
                f = fn;
                step *= 1.2;
            } else {
                step /= 2;
            }
        }
        return w;
    }

    static double[] vector(double[] p, int k, double[] w) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length / k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                out[i * k + c] = w[0] * Math.log(Math.max(p[i * k + c], 1e-12)) + (c > 0 ? w[c] : 0);
                max = Math.max(max, out[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                out[i * k + c] = Math.exp(out[i * k + c] - max);
                sum += out[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                out[i * k + c] /= sum;
            }
        }
        return out;
    }

    private static int argmax(double[] p, int k, int i) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (p[i * k + c] > p[i * k + best]) {
                best = c;
            }
        }
        return best;
    }

    private static double macroF1(double[] p, int k, int[] y) {
        int[] predicted = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            predicted[i] = argmax(p, k, i);
        }
        return org.xaneslce.evaluation.Metrics.of(y, predicted, k).macroF1();
    }

    private static double[] rows(double[] p, int k, List<Integer> idx) {
        double[] out = new double[idx.size() * k];
        for (int j = 0; j < idx.size(); j++) {
            System.arraycopy(p, idx.get(j) * k, out, j * k, k);
        }
        return out;
    }

    private static void put(double[] into, double[] rows, int k, List<Integer> idx) {
        for (int j = 0; j < idx.size(); j++) {
            System.arraycopy(rows, j * k, into, idx.get(j) * k, k);
        }
    }

    private static Oof read(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        if (lines.isEmpty()) {
            throw new IOException(f + ": empty; expected the out-of-fold CSV of xlce calibrate --predictions");
        }
        List<String> head = java.util.Arrays.asList(lines.get(0).split(","));
        int first = head.indexOf("p_T4");
        int classCol = head.indexOf("class");
        int foldCol = head.indexOf("fold");
        if (first < 0 || classCol < 0 || foldCol < 0) {
            throw new IOException(f + ", line 1: columns class, fold and p_T4.. expected, found " + lines.get(0));
        }
        int k = head.size() - first;
        int n = lines.size() - 1;
        double[] p = new double[n * k];
        int[] y = new int[n];
        int[] folds = new int[n];
        for (int i = 0; i < n; i++) {
            String[] v = lines.get(i + 1).split(",");
            try {
                if (v.length != head.size()) {
                    throw new IllegalArgumentException(v.length + " fields, the header has " + head.size());
                }
                y[i] = Integer.parseInt(v[classCol]);
                folds[i] = Integer.parseInt(v[foldCol]);
                if (y[i] < 0 || y[i] >= k) {
                    throw new IllegalArgumentException("class " + y[i] + " outside 0.." + (k - 1));
                }
                for (int c = 0; c < k; c++) {
                    p[i * k + c] = Double.parseDouble(v[first + c]);
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(f + ", line " + (i + 2) + ": " + e.getMessage(), e);
            }
        }
        return new Oof(k, p, y, folds);
    }
}
