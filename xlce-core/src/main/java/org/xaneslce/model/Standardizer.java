package org.xaneslce.model;

/**
 * Per-feature standardization to zero mean and unit variance with training-set statistics (kept
 * with the model). Immutable.
 *
 * @param mean feature means
 * @param std feature standard deviations (a constant feature gets 1)
 */
public record Standardizer(float[] mean, float[] std) {
    public Standardizer {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Statistics of {@code n} samples of {@code d} features (row-major). */
    public static Standardizer fit(float[] x, int n, int d) {
        double[] m = new double[d];
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] - m[j];
                s[j] += v * v;
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) m[j];
            double sd = Math.sqrt(s[j] / n);
            std[j] = sd > 1e-12 ? (float) sd : 1f;
        }
        return new Standardizer(mean, std);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Standardized copy of {@code n} samples. */
    public float[] apply(float[] x, int n) {
        int d = mean.length;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (x[i * d + j] - mean[j]) / std[j];
            }
        }
        return out;
    }
}
