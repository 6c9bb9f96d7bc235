package org.xaneslce.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * Temperature scaling (Guo et al., ICML 2017): calibrated probabilities p_k(T) proportional to
 * p_k^(1/T), the same as dividing the logits by T. T is fitted on held-out predictions (never on
 * the spectra it will be judged on) by minimizing the negative log-likelihood or the ECE; T above 1
 * softens an over-confident model. Then, optionally, a top-label map ({@link #fitTopLabel}). Also
 * the expected calibration error (top-label ECE, equal-width bins) and the reliability diagram's
 * bins.
 */
public final class Calibration {
    /** The number of bins of the ECE and the reliability diagram. */
    public static final int BINS = 15;

    /**
     * One reliability bin: predictions whose top probability lies in [lo, hi).
     *
     * @param lo lower edge
     * @param hi upper edge
     * @param count predictions in the bin
     * @param confidence their mean top probability
     * @param accuracy the share of them that are right
     */
    public record Bin(double lo, double hi, int count, double confidence, double accuracy) {
    }

    private Calibration() {
    }

    /** Probabilities at temperature {@code t} (rows of {@code k} classes, row-major). */
    public static double[] scale(double[] probs, int k, double t) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length / k; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, log(probs[i * k + c]) / t);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                out[i * k + c] = Math.exp(log(probs[i * k + c]) / t - max);
                sum += out[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                out[i * k + c] /= sum;
            }
        }
        return out;
    }

    /** Mean negative log-likelihood of the true classes. */
    public static double nll(double[] probs, int k, int[] labels) {
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            s -= log(probs[i * k + labels[i]]);
        }
        return s / labels.length;
    }

    /** The temperature (0.05..20) that minimizes the NLL of {@code labels}: golden-section search on log T. */
    public static double fitTemperature(double[] probs, int k, int[] labels) {
        double a = Math.log(0.05);
        double b = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        double f1 = nll(scale(probs, k, Math.exp(x1)), k, labels);
        double f2 = nll(scale(probs, k, Math.exp(x2)), k, labels);
        for (int it = 0; it < 80; it++) {
            if (f1 < f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = nll(scale(probs, k, Math.exp(x1)), k, labels);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = nll(scale(probs, k, Math.exp(x2)), k, labels);
            }
        }
        return Math.exp((a + b) / 2);
    }

    /**
     * The temperature that minimizes the ECE of {@code labels}: the lowest ECE over 241 temperatures
     * spaced evenly in log T from 0.05 to 20 (the first of equal ones). The ECE is a step function of
     * T, so a grid, not a line search; it targets the quantity the calibration is judged by, where
     * the NLL's optimum is pulled by a few confidently wrong spectra.
     */
    public static double fitTemperatureEce(double[] probs, int k, int[] labels) {
        double best = 1;
        double bestEce = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 240; i++) {
            double t = Math.exp(Math.log(0.05) + i * (Math.log(20) - Math.log(0.05)) / 240);
            double e = ece(scale(probs, k, t), k, labels);
            if (e < bestEce) {
                bestEce = e;
                best = t;
            }
        }
        return best;
    }

    /**
     * Top-label scaling, fitted after the temperature: a logistic map of the top probability c,
     * q = 1 / (1 + exp(-(a logit(c) + b))), fitted by the likelihood of "the top class is right"
     * (damped Newton's method; Platt scaling of the top label, as in Kumar, Liang and Ma, NeurIPS
     * 2019). One temperature can only soften or sharpen all probabilities alike; this also moves
     * the confidence where the model is right more or less often than its top probability says.
     * Returns {a, b}; {1, 0} (the identity) when the fit would not be increasing in c.
     */
    public static double[] fitTopLabel(double[] probs, int k, int[] labels) {
        int n = labels.length;
        double[] x = new double[n];
        double[] right = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = topLogit(probs, k, i);
            right[i] = top(probs, k, i) == labels[i] ? 1 : 0;
        }
        double[] w = {1, 0};
        double f = topLabelLoss(x, right, w);
        for (int it = 0; it < 100; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < n; i++) {
                double q = 1 / (1 + Math.exp(-(w[0] * x[i] + w[1])));
                ga += (q - right[i]) * x[i];
                gb += q - right[i];
                double v = q * (1 - q);
                haa += v * x[i] * x[i];
                hab += v * x[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double[] next = {w[0] - da, w[1] - db};
            double fn = topLabelLoss(x, right, next);
            while (fn > f && step > 1e-6) {
                step /= 2;
                next = new double[] {w[0] - step * da, w[1] - step * db};
                fn = topLabelLoss(x, right, next);
            }
            if (fn > f) {
                break;
            }
            w = next;
            f = fn;
            if (Math.abs(step * da) + Math.abs(step * db) < 1e-10) {
                break;
            }
        }
        return w[0] > 0 ? w : new double[] {1, 0};
    }

    /**
     * The top-label map {@code ab} of {@link #fitTopLabel} applied to rows of {@code k}
     * probabilities: the top probability mapped, the others rescaled to share the rest in their
     * proportions (equally where they were all zero). The top class stays the top class (its new
     * probability is kept above the largest other).
     */
    public static double[] topLabel(double[] probs, int k, double[] ab) {
        double[] out = probs.clone();
        for (int i = 0; i < probs.length / k; i++) {
            int t = top(probs, k, i);
            double rest = 0;
            double second = 0;
            for (int j = 0; j < k; j++) {
                if (j != t) {
                    rest += probs[i * k + j];
                    second = Math.max(second, probs[i * k + j]);
                }
            }
            double q = 1 / (1 + Math.exp(-(ab[0] * topLogit(probs, k, i) + ab[1])));
            if (rest > 0) {
                double r = second / rest;
                q = Math.max(q, r / (1 + r) + 1e-9);
            } else {
                q = Math.max(q, 1.0 / k);
            }
            for (int j = 0; j < k; j++) {
                out[i * k + j] = j == t ? q : rest > 0 ? probs[i * k + j] * (1 - q) / rest : (1 - q) / (k - 1);
            }
        }
        return out;
    }

    /** Mean negative log-likelihood of "top class right" ({@code right} 1 or 0) under the map {@code w} of the top logits {@code x}. */
    private static double topLabelLoss(double[] x, double[] right, double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double q = 1 / (1 + Math.exp(-(w[0] * x[i] + w[1])));
            q = Math.min(Math.max(q, 1e-12), 1 - 1e-12);
            s -= right[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return s / x.length;
    }

    /** The logit of the top probability, clipped to [1e-6, 1 - 1e-6] (saturated ensembles give 1.0). */
    private static double topLogit(double[] probs, int k, int i) {
        double c = Math.min(Math.max(probs[i * k + top(probs, k, i)], 1e-6), 1 - 1e-6);
        return Math.log(c / (1 - c));
    }

    private static int top(double[] probs, int k, int i) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (probs[i * k + c] > probs[i * k + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The reliability diagram: {@link #BINS} equal-width bins of the top probability. */
    public static List<Bin> reliability(double[] probs, int k, int[] labels) {
        int[] count = new int[BINS];
        double[] conf = new double[BINS];
        int[] right = new int[BINS];
        for (int i = 0; i < labels.length; i++) {
            int best = top(probs, k, i);
            double p = probs[i * k + best];
            int bin = Math.min(BINS - 1, (int) (p * BINS));
            count[bin]++;
            conf[bin] += p;
            right[bin] += best == labels[i] ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], count[b] == 0 ? Double.NaN : conf[b] / count[b],
                count[b] == 0 ? Double.NaN : right[b] / (double) count[b]));
        }
        return out;
    }

    /** Expected calibration error: sum over bins of (count / n) x |accuracy - confidence|. */
    public static double ece(double[] probs, int k, int[] labels) {
        double e = 0;
        for (Bin b : reliability(probs, k, labels)) {
            if (b.count() > 0) {
                e += b.count() / (double) labels.length * Math.abs(b.accuracy() - b.confidence());
            }
        }
        return e;
    }

    /**
     * The ECE that perfectly calibrated probabilities {@code probs} would still show on this many
     * spectra: the mean ECE over {@code draws} label sets drawn from {@code probs} themselves
     * (seeded). With a few hundred spectra the binned ECE is biased upwards; an ECE near this floor
     * is within what the sample size can tell.
     */
    public static double eceFloor(double[] probs, int k, int draws, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = probs.length / k;
        int[] y = new int[n];
        double sum = 0;
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                int c = 0;
                while (c < k - 1 && u >= probs[i * k + c]) {
                    u -= probs[i * k + c];
                    c++;
                }
                y[i] = c;
            }
            sum += ece(probs, k, y);
        }
        return sum / draws;
    }

    private static double log(double p) {
        return Math.log(Math.max(p, 1e-12));
    }
}
