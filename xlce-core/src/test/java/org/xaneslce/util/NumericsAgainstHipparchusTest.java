package org.xaneslce.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.analysis.interpolation.SplineInterpolator;
import org.hipparchus.analysis.polynomials.PolynomialSplineFunction;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.xaneslce.evaluation.Pca;
import org.xaneslce.spectrum.CubicSpline;

/**
 * The hand-written numerics against Hipparchus 4 (a test dependency only): the eigen
 * decomposition, the covariance, the natural cubic spline and the PCA give the same numbers, so
 * they stay (no runtime dependency for a few hundred lines; the Jacobi eigen solver is exact to
 * machine precision at the sizes used, 100 x 100).
 */
class NumericsAgainstHipparchusTest {
    private static double[][] randomSymmetric(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = r.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    @Test
    void eigen_symmetric_equalsHipparchus() {
        for (int n : new int[] {3, 17, 100}) {
            double[][] a = randomSymmetric(n, n);
            double[][] v = new double[n][n];
            double[] ours = Eigen.symmetric(a, v).clone();
            double[] theirs = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a)).getEigenvalues().clone();
            Arrays.sort(ours);
            Arrays.sort(theirs);
            for (int i = 0; i < n; i++) {
                assertEquals(theirs[i], ours[i], 1e-9 * Math.max(1, Math.abs(theirs[i])), "n " + n + " eigenvalue " + i);
            }
            // A v = lambda v for every returned pair.
            double[] val = Eigen.symmetric(a, v);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    double av = 0;
                    for (int j = 0; j < n; j++) {
                        av += a[i][j] * v[j][k];
                    }
                    assertEquals(val[k] * v[i][k], av, 1e-9);
                }
            }
        }
    }

    @Test
    void covariance_equalsHipparchus() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        int d = 7;
        float[] x = new float[n * d];
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (r.nextGaussian() * (j + 1) + (j == 3 ? x[i * d] : 0));
                rows[i][j] = x[i * d + j];
            }
        }
        RealMatrix theirs = new org.hipparchus.stat.correlation.Covariance(rows).getCovarianceMatrix();
        double[][] ours = Covariance.of(x, n, d).matrix();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                assertEquals(theirs.getEntry(a, b), ours[a][b], 1e-9 * Math.max(1, Math.abs(theirs.getEntry(a, b))));
            }
        }
    }

    @Test
    void naturalCubicSpline_equalsHipparchus() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i == 0 ? 0 : x[i - 1]) + 0.1 + r.nextDouble();
            y[i] = Math.sin(x[i]) + 0.1 * r.nextGaussian();
        }
        PolynomialSplineFunction theirs = new SplineInterpolator().interpolate(x, y);
        CubicSpline ours = new CubicSpline(x, y);
        for (int k = 0; k <= 1000; k++) {
            double t = x[0] + (x[n - 1] - x[0]) * k / 1000.0;
            assertEquals(theirs.value(t), ours.value(t), 1e-10, "at " + t);
        }
    }

    @Test
    void pca_explainedVariance_equalsHipparchusEigenvalues() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 200;
        int d = 12;
        float[][] rows = new float[n][d];
        double[][] drows = new double[n][d];
        for (int i = 0; i < n; i++) {
            double s = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (s * Math.sin(j / 3.0) + 0.2 * r.nextGaussian());
                drows[i][j] = rows[i][j];
            }
        }
        Pca ours = Pca.of(rows, d);
        double[] ev = new EigenDecompositionSymmetric(new org.hipparchus.stat.correlation.Covariance(drows).getCovarianceMatrix())
            .getEigenvalues().clone();
        Arrays.sort(ev);
        double total = Arrays.stream(ev).map(v -> Math.max(v, 0)).sum();
        assertEquals(ev[d - 1] / total, ours.explained()[0], 1e-6);
        assertEquals(ev[d - 2] / total, ours.explained()[1], 1e-6);
    }
}
