package org.xaneslce.evaluation;

import java.util.Arrays;
import org.xaneslce.util.Eigen;

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
        double[] mean = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (float[] r : rows) {
            for (int a = 0; a < d; a++) {
                double ra = r[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += ra * (r[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vec = new double[d][d];
        double[] val = Eigen.symmetric(cov, vec);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(val[q], val[p]));
        double total = Arrays.stream(val).map(v -> Math.max(v, 0)).sum();
        double[][] s = new double[n][2];
        double[] maxAbs = new double[2];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += (rows[i][j] - mean[j]) * vec[j][order[c]];
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
        double[] explained = {Math.max(val[order[0]], 0) / total, Math.max(val[order[1]], 0) / total};
        return new Pca(s, explained);
    }
}
