package org.xaneslce.util;

/**
 * Mean and covariance of {@code n} samples of {@code d} features (row-major floats), accumulated in
 * double. Immutable result.
 *
 * @param mean feature means
 * @param matrix the d x d sample covariance (divided by n - 1)
 */
public record Covariance(double[] mean, double[][] matrix) {
    /** The covariance of {@code n} rows of {@code d} values. */
    public static Covariance of(float[] x, int n, int d) {
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
        return new Covariance(m, cov);
    }

    /** Eigenvalues (descending) and the matching eigenvectors as rows. */
    public double[][] principalAxes(double[] eigenvaluesOut) {
        int d = mean.length;
        double[][] vecs = new double[d][d];
        double[] vals = Eigen.symmetric(matrix, vecs);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(vals[q], vals[p]));
        double[][] axes = new double[d][d];
        for (int c = 0; c < d; c++) {
            eigenvaluesOut[c] = vals[order[c]];
            for (int j = 0; j < d; j++) {
                axes[c][j] = vecs[j][order[c]];
            }
        }
        return axes;
    }
}
