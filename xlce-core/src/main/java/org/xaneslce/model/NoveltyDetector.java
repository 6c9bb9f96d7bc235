package org.xaneslce.model;

import java.util.Arrays;
import org.xaneslce.util.Eigen;

/**
 * Says when a spectrum is unlike anything the model was trained on. Principal components of the
 * standardized training inputs (the first {@code k}) give two scores per spectrum: the Mahalanobis
 * distance of its component scores and the residual (what the components do not explain).
 * Thresholds are the 99th percentiles over the training spectra; a score above its threshold
 * flags the spectrum. Immutable.
 *
 * @param mean mean of the standardized training inputs
 * @param components k x d principal axes (unit rows)
 * @param variances variance of each component's scores
 * @param mahalanobisThreshold 99th percentile of training Mahalanobis distances
 * @param residualThreshold 99th percentile of training residual norms
 */
public record NoveltyDetector(float[] mean, float[][] components, float[] variances, double mahalanobisThreshold,
                              double residualThreshold) {
    /** The two scores of a spectrum and the verdict. */
    public record Verdict(double mahalanobis, double residual, boolean novel) {
        /** The larger of score / threshold over the two scores (above 1 means novel). */
        public double ratio(NoveltyDetector d) {
            return Math.max(mahalanobis / d.mahalanobisThreshold(), residual / d.residualThreshold());
        }
    }

    public NoveltyDetector {
        mean = mean.clone();
        float[][] c = new float[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        components = c;
        variances = variances.clone();
    }

    /** Fits on {@code n} standardized samples of {@code d} features, keeping {@code k} components. */
    public static NoveltyDetector fit(float[] x, int n, int d, int k) {
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - m[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vecs = new double[d][d];
        double[] vals = Eigen.symmetric(cov, vecs);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(vals[q], vals[p]));
        int kk = Math.min(k, d);
        float[][] comp = new float[kk][d];
        float[] var = new float[kk];
        for (int c = 0; c < kk; c++) {
            for (int j = 0; j < d; j++) {
                comp[c][j] = (float) vecs[j][order[c]];
            }
            var[c] = (float) Math.max(vals[order[c]], 1e-12);
        }
        float[] mf = new float[d];
        for (int j = 0; j < d; j++) {
            mf[j] = (float) m[j];
        }
        NoveltyDetector provisional = new NoveltyDetector(mf, comp, var, 1, 1);
        double[] maha = new double[n];
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            Verdict v = provisional.score(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            maha[i] = v.mahalanobis();
            res[i] = v.residual();
        }
        return new NoveltyDetector(mf, comp, var, percentile(maha, 0.99), percentile(res, 0.99));
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return Math.max(1e-9, s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)]);
    }

    /** Scores one standardized spectrum. */
    public Verdict score(float[] standardized) {
        int d = mean.length;
        double[] c = new double[d];
        double total = 0;
        for (int j = 0; j < d; j++) {
            c[j] = standardized[j] - mean[j];
            total += c[j] * c[j];
        }
        double maha = 0;
        double explained = 0;
        for (int k = 0; k < components.length; k++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += components[k][j] * c[j];
            }
            maha += s * s / variances[k];
            explained += s * s;
        }
        double m = Math.sqrt(maha);
        double r = Math.sqrt(Math.max(0, total - explained));
        return new Verdict(m, r, m > mahalanobisThreshold || r > residualThreshold);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] variances() {
        return variances.clone();
    }

    @Override
    public float[][] components() {
        float[][] c = new float[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return c;
    }
}
