package org.xaneslce.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-output regression path of the engine: it learns a known function, deterministically. */
class RegressionTest {
    private static final int D = 20;

    /** n samples of a smooth nonlinear target t = sin(x . w) + 0.5 (x_0)^2 with Gaussian x. */
    private static float[][] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[D];
        SplittableRandom wr = new SplittableRandom(99);
        for (int j = 0; j < D; j++) {
            w[j] = (float) (wr.nextGaussian() / Math.sqrt(D));
        }
        float[] x = new float[n * D];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) r.nextGaussian();
                dot += x[i * D + j] * w[j];
            }
            t[i] = (float) (Math.sin(dot) + 0.5 * x[i * D] * x[i * D]);
        }
        return new float[][] {x, t};
    }

    private static double mse(float[] p, float[] t) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += (p[i] - t[i]) * (p[i] - t[i]);
        }
        return s / t.length;
    }

    private static double variance(float[] t) {
        double m = 0;
        for (float v : t) {
            m += v;
        }
        m /= t.length;
        double s = 0;
        for (float v : t) {
            s += (v - m) * (v - m);
        }
        return s / t.length;
    }

    @Test
    void mlpLearnsANonlinearFunction_onHeldOutData() {
        float[][] train = data(2000, 1);
        float[][] test = data(500, 2);
        Network net = Network.mlp(D, 1, 0.0, 5);
        double before = mse(net.regress(test[0], 500), test[1]);
        Trainer.trainRegression(net, train[0], train[1], 2000, new Trainer.Options(60, 32, 1e-3, 6), null);
        double after = mse(net.regress(test[0], 500), test[1]);
        double var = variance(test[1]);
        assertTrue(after < 0.3 * var && after < 0.1 * before, "held-out MSE " + after + " against variance " + var + " (before training " + before + ")");
    }

    @Test
    void sameSeed_sameWeights() {
        float[][] train = data(300, 3);
        Network a = Network.cnn(D, 1, 0.3, 7);
        Network b = Network.cnn(D, 1, 0.3, 7);
        Trainer.trainRegression(a, train[0], train[1], 300, new Trainer.Options(3, 32, 1e-3, 8), null);
        Trainer.trainRegression(b, train[0], train[1], 300, new Trainer.Options(3, 32, 1e-3, 8), null);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i), b.parameters().get(i));
        }
    }

    @Test
    void regressionNeedsOneOutput() {
        Network net = Network.mlp(D, 3, 0.0, 1);
        assertThrows(IllegalStateException.class, () -> net.regress(new float[D], 1));
        assertThrows(IllegalStateException.class, () -> net.squaredErrorAndGradients(new float[D], new float[1], 1, new SplittableRandom(1)));
    }
}
