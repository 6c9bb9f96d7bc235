package org.xaneslce.evaluation;

import java.util.Arrays;
import org.xaneslce.util.Covariance;

/**
 * Principal component analysis of spectra (the paper's Fig. 2 insets): the first two component
 * scores of each spectrum, each coordinate scaled into [-1, 1] by its largest magnitude.
 *
 * @param scores n x 2 scaled scores
 * @param explained fraction of the variance explained by each of the two components
 */
public record Pca(double[][] scores, double[] explained) {
    /** PCA of {@code rows} (n x d), keeping the first {@code d} columns of each row. */
    public static Pca of(float[][] rows, int d) {
        int n = rows.length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        Covariance cov = Covariance.of(flat, n, d);
        double[] mean = cov.mean();
        double[] val = new double[d];
        double[][] axes = cov.principalAxes(val);
        double total = Arrays.stream(val).map(v -> Math.max(v, 0)).sum();
        double[][] s = new double[n][2];
        double[] maxAbs = new double[2];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += (rows[i][j] - mean[j]) * axes[c][j];
                }
                s[i][c] = v;
                maxAbs[c] = Math.max(maxAbs[c], Math.abs(v));
            }
        }
        for (double[] r : s) {
            for (int c = 0; c < 2; c++) {
                r[c] = maxAbs[c] > 0 ? r[c] / maxAbs[c] : 0;
            }
        }
        double[] explained = {Math.max(val[0], 0) / total, Math.max(val[1], 0) / total};
        return new Pca(s, explained);
    }
}
