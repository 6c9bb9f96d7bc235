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
 * <p>Two input spaces: {@link Space#standardized} (each energy point scaled to unit variance over
 * the training set, the first models' detector) and {@link Space#spectrum} (the max-normalized
 * spectrum as it is). Standardizing blows up the points where computed spectra hardly vary (the
 * flat pre-edge), which is exactly where a measured spectrum differs from a computed one (noise,
 * background, extra broadening): there measured oxides looked novel and sulfides did not (ROC AUC
 * 0.30). {@link #fitMeasuredAware} works on the spectrum itself, with few components, on the
 * training spectra and broadened copies of them (docs/CLASSIFIERS.md, novelty).
 *
 * @param mean mean of the standardized training inputs
 * @param components k x d principal axes (unit rows)
 * @param variances variance of each component's scores
 * @param mahalanobisThreshold 99th percentile of training Mahalanobis distances
 * @param residualThreshold 99th percentile of training residual norms
 */
public record NoveltyDetector(float[] mean, float[][] components, float[] variances, double mahalanobisThreshold,
                              double residualThreshold, Space space) {
    /** What the detector reads. */
    public enum Space {
        /** The standardized model input. */
        standardized,
        /** The max-normalized spectrum on the model's grid. */
        spectrum
    }

    /** Components of the measured-aware detector. */
    public static final int MEASURED_AWARE_COMPONENTS = 5;
    /** Gaussian broadenings (standard deviation, eV) added to the training spectra by the measured-aware detector. */
    public static final double[] MEASURED_AWARE_BROADENING_EV = {0.5, 1.0, 1.5, 2.0};

    /** A detector on the standardized input (the first models' kind). */
    public NoveltyDetector(float[] mean, float[][] components, float[] variances, double mahalanobisThreshold, double residualThreshold) {
        this(mean, components, variances, mahalanobisThreshold, residualThreshold, Space.standardized);
    }

    /**
     * The measured-aware detector: components ({@link #MEASURED_AWARE_COMPONENTS}) of the
     * max-normalized spectra ({@code n} rows of {@code grid}) together with copies broadened by
     * {@link #MEASURED_AWARE_BROADENING_EV}, so that broadening is a direction the detector knows;
     * thresholds at the 99th percentile of the spectra themselves, so that a score of 1 keeps its
     * meaning (1 % of the training spectra lie above it).
     */
    public static NoveltyDetector fitMeasuredAware(float[] spectra, int n, org.xaneslce.spectrum.EnergyGrid grid) {
        int d = grid.count();
        int per = 1 + MEASURED_AWARE_BROADENING_EV.length;
        float[] x = new float[n * per * d];
        for (int i = 0; i < n; i++) {
            float[] mu = Arrays.copyOfRange(spectra, i * d, (i + 1) * d);
            System.arraycopy(mu, 0, x, i * per * d, d);
            for (int b = 0; b < MEASURED_AWARE_BROADENING_EV.length; b++) {
                System.arraycopy(Augmentation.broaden(mu, grid, MEASURED_AWARE_BROADENING_EV[b]), 0, x, (i * per + b + 1) * d, d);
            }
        }
        NoveltyDetector f = fit(x, n * per, d, MEASURED_AWARE_COMPONENTS, 0.99);
        double[] maha = new double[n];
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            Verdict v = f.score(Arrays.copyOfRange(spectra, i * d, (i + 1) * d));
            maha[i] = v.mahalanobis();
            res[i] = v.residual();
        }
        return new NoveltyDetector(f.mean, f.components, f.variances, percentile(maha, 0.99), percentile(res, 0.99), Space.spectrum);
    }
    /** The two scores of a spectrum and the verdict. */
    public record Verdict(double mahalanobis, double residual, boolean novel) {
        /** The larger of score / threshold over the two scores (above 1 means novel). */
        public double ratio(NoveltyDetector d) {
            return Math.max(mahalanobis / d.mahalanobisThreshold(), residual / d.residualThreshold());
        }
    }

    public NoveltyDetector {
        java.util.Objects.requireNonNull(space, "space");
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
        return fit(x, n, d, k, 0.99);
    }

    /**
     * Fits on {@code n} samples of {@code d} features, keeping {@code k} components, with both
     * thresholds at the {@code quantile} of the samples' scores.
     */
    public static NoveltyDetector fit(float[] x, int n, int d, int k, double quantile) {
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
        NoveltyDetector provisional = new NoveltyDetector(mf, comp, var, 1, 1, Space.standardized);
        double[] maha = new double[n];
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            Verdict v = provisional.score(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            maha[i] = v.mahalanobis();
            res[i] = v.residual();
        }
        return new NoveltyDetector(mf, comp, var, percentile(maha, quantile), percentile(res, quantile), Space.standardized);
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return Math.max(1e-9, s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)]);
    }

    /** Scores one input in the detector's {@link #space()} (standardized input or spectrum). */
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
