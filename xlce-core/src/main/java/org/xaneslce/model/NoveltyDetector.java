package org.xaneslce.model;

import java.util.Arrays;
import org.xaneslce.util.Covariance;

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
        Covariance cov = Covariance.of(x, n, d);
        double[] m = cov.mean();
        double[] vals = new double[d];
        double[][] axes = cov.principalAxes(vals);
        int kk = Math.min(k, d);
        float[][] comp = new float[kk][d];
        float[] var = new float[kk];
        for (int c = 0; c < kk; c++) {
            for (int j = 0; j < d; j++) {
                comp[c][j] = (float) axes[c][j];
            }
            var[c] = (float) Math.max(vals[c], 1e-12);
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
