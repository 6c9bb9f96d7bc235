package org.xaneslce.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks: the analytic gradient of every layer (through a small network ending in softmax
 * cross-entropy) against central finite differences of the loss, step 1e-3. The engine computes in
 * float, so the loss carries about 1e-6 of rounding and the finite difference about 5e-4 of noise:
 * the check holds |numeric - analytic| below 1 % of the gradients' size or 1e-3, whichever is
 * larger. A wrong gradient misses by its own size. Steps that cross a ReLU or max-pool kink (large
 * second difference) are skipped and counted.
 */
class NetworkTest {
    private static final int BATCH = 4;

    private static float[] input(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static double loss(Network net, float[] x, int[] y) {
        float[] z = net.logits(x, BATCH, false, null);
        double l = 0;
        for (int s = 0; s < BATCH; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < net.classes(); c++) {
                max = Math.max(max, z[s * net.classes() + c]);
            }
            double sum = 0;
            for (int c = 0; c < net.classes(); c++) {
                sum += Math.exp(z[s * net.classes() + c] - max);
            }
            l += Math.log(sum) + max - z[s * net.classes() + y[s]];
        }
        return l / BATCH;
    }

    /** Checks every parameter gradient of {@code net} (dropout off: rate 0). */
    private static void check(Network net, long seed) {
        float[] x = input(BATCH * net.inputSize(), seed);
        int[] y = {0, 1, 2, 1};
        net.lossAndGradients(x, y, BATCH, new SplittableRandom(1));
        double mid = loss(net, x, y);
        int checked = 0;
        int kinks = 0;
        for (Layer layer : net.layers()) {
            List<float[]> ps = layer.parameters();
            List<float[]> gs = layer.gradients();
            for (int k = 0; k < ps.size(); k++) {
                float[] p = ps.get(k);
                float[] g = gs.get(k);
                for (int i = 0; i < p.length; i += Math.max(1, p.length / 25)) {
                    float orig = p[i];
                    float h = 1e-3f;
                    p[i] = orig + h;
                    double up = loss(net, x, y);
                    p[i] = orig - h;
                    double down = loss(net, x, y);
                    p[i] = orig;
                    double numeric = (up - down) / (2 * h);
                    // A step across a ReLU or max-pool kink shows as a large second difference:
                    // the loss is not differentiable there, so the sample says nothing.
                    if (Math.abs(up - 2 * mid + down) > 1e-3 * Math.abs(up - down) + 2e-6) {
                        kinks++;
                        continue;
                    }
                    double err = Math.abs(numeric - g[i]) / Math.max(0.1, Math.abs(numeric) + Math.abs(g[i]));
                    assertTrue(err < 1e-2, layer.describe() + " param " + k + "[" + i + "]: analytic " + g[i] + " numeric " + numeric);
                    checked++;
                }
            }
        }
        assertTrue(checked > 50 && kinks < checked / 5, "checked " + checked + ", kinks skipped " + kinks);
    }

    @Test
    void mlpGradients_matchFiniteDifferences_inEveryDenseLayer() {
        check(Network.mlp(12, 3, 0.0, 5), 11);
    }

    @Test
    void cnnGradients_matchFiniteDifferences_inConvolutionPoolingAndDense() {
        check(Network.cnn(30, 3, 0.0, 6), 12);
    }

    @Test
    void dropout_zeroesAboutTheRate_andScalesTheRest_onlyInTraining() {
        Dropout d = new Dropout(1000, 0.3);
        float[] ones = new float[1000];
        java.util.Arrays.fill(ones, 1f);
        float[] y = d.forward(ones, 1, true, new SplittableRandom(3));
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
        }
        assertTrue(zeros > 250 && zeros < 350, "zeros " + zeros);
        float[] g = d.backward(ones, 1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(y[i], g[i]);
        }
        assertArrayEquals(ones, d.forward(ones, 1, false, null));
    }

    private static float[] trainedWeights(Network.Kind kind, long seed) {
        Network net = Network.of(kind, 40, 3, 0.3, seed);
        float[] x = input(200 * 40, 9);
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 3;
        }
        Trainer.train(net, x, y, 200, new Trainer.Options(3, 32, 1e-3, seed), null);
        List<float[]> ps = net.parameters();
        int n = ps.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int o = 0;
        for (float[] p : ps) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }

    @Test
    void sameSeed_givesBitIdenticalWeights_otherSeedDiffers() {
        for (Network.Kind k : Network.Kind.values()) {
            assertArrayEquals(trainedWeights(k, 21), trainedWeights(k, 21), k.name());
            assertTrue(!java.util.Arrays.equals(trainedWeights(k, 21), trainedWeights(k, 22)), k.name());
        }
    }

    @Test
    void paperArchitectures_haveTheDocumentedShapes() {
        Network mlp = Network.mlp(100, 3, 0.3, 1);
        assertEquals(100 * 90 + 90 + 90 * 60 + 60 + 60 * 20 + 20 + 20 * 3 + 3, mlp.parameterCount());
        Network cnn = Network.cnn(100, 3, 0.3, 1);
        int conv = 8 * 10 + 8;
        int dense = 8 * 45 * 90 + 90 + 90 * 60 + 60 + 60 * 20 + 20 + 20 * 3 + 3;
        assertEquals(conv + dense, cnn.parameterCount());
        Supplier<String> d = () -> cnn.layers().get(0).describe();
        assertEquals("conv1d 8x10 on 100", d.get());
    }

    @Test
    void training_learnsASeparableProblem() {
        int n = 600;
        int dim = 50;
        float[] x = new float[n * dim];
        int[] y = new int[n];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) (0.5 * r.nextGaussian() + (j / 17 == y[i] ? 1.0 : 0.0));
            }
        }
        for (Network.Kind k : Network.Kind.values()) {
            Network net = Network.of(k, dim, 3, 0.3, 2);
            Trainer.train(net, x, y, n, new Trainer.Options(15, 32, 1e-3, 3), null);
            float[] p = net.predict(x, n);
            int right = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    if (p[i * 3 + c] > p[i * 3 + best]) {
                        best = c;
                    }
                }
                right += best == y[i] ? 1 : 0;
            }
            assertTrue(right > 0.95 * n, k + " accuracy " + right + "/" + n);
        }
    }
}
