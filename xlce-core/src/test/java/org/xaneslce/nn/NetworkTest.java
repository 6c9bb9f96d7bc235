package org.xaneslce.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks in double precision: the analytic gradients of the engine's float backward pass
 * are compared with central finite differences of the loss computed by an independent double
 * forward pass over double copies of the weights (step 1e-6, so finite-difference error is about
 * 1e-9). Steps across a ReLU or max-pool kink (large second difference) are skipped and counted.
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

    /** The network's loss in double precision, with its parameters given as double arrays. */
    private static double doubleLoss(Network net, List<double[]> params, float[] xf, int[] y) {
        double[] a = new double[xf.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = xf[i];
        }
        int k = 0;
        for (Layer layer : net.layers()) {
            int in = layer.inputSize();
            int out = layer.outputSize();
            double[] z = new double[BATCH * out];
            if (layer instanceof Dense) {
                double[] w = params.get(k++);
                double[] b = params.get(k++);
                for (int s = 0; s < BATCH; s++) {
                    for (int j = 0; j < out; j++) {
                        double v = b[j];
                        for (int i = 0; i < in; i++) {
                            v += a[s * in + i] * w[i * out + j];
                        }
                        z[s * out + j] = v;
                    }
                }
            } else if (layer instanceof Conv1d) {
                Conv1d c = (Conv1d) layer;
                double[] w = params.get(k++);
                double[] b = params.get(k++);
                int len = in - c.kernel() + 1;
                for (int s = 0; s < BATCH; s++) {
                    for (int f = 0; f < c.filters(); f++) {
                        for (int t = 0; t < len; t++) {
                            double v = b[f];
                            for (int q = 0; q < c.kernel(); q++) {
                                v += w[f * c.kernel() + q] * a[s * in + t + q];
                            }
                            z[s * out + f * len + t] = v;
                        }
                    }
                }
            } else if (layer instanceof MaxPool1d) {
                MaxPool1d m = (MaxPool1d) layer;
                int len = in / m.channels();
                int olen = out / m.channels();
                for (int s = 0; s < BATCH; s++) {
                    for (int c = 0; c < m.channels(); c++) {
                        for (int t = 0; t < olen; t++) {
                            double v = Double.NEGATIVE_INFINITY;
                            for (int q = 0; q < m.pool(); q++) {
                                v = Math.max(v, a[s * in + c * len + t * m.pool() + q]);
                            }
                            z[s * out + c * olen + t] = v;
                        }
                    }
                }
            } else if (layer instanceof Relu) {
                for (int i = 0; i < z.length; i++) {
                    z[i] = Math.max(0, a[i]);
                }
            } else {
                z = a; // dropout with rate 0 (the check runs without dropout)
            }
            a = z;
        }
        int classes = net.classes();
        double l = 0;
        for (int s = 0; s < BATCH; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, a[s * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(a[s * classes + c] - max);
            }
            l += Math.log(sum) + max - a[s * classes + y[s]];
        }
        return l / BATCH;
    }

    /** Checks every layer's parameter gradients of {@code net} (dropout rate 0). */
    private static void check(Network net, long seed) {
        float[] x = input(BATCH * net.inputSize(), seed);
        int[] y = {0, 1, 2, 1};
        net.lossAndGradients(x, y, BATCH, new SplittableRandom(1));
        List<double[]> params = new java.util.ArrayList<>();
        for (float[] p : net.parameters()) {
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = p[i];
            }
            params.add(d);
        }
        double mid = doubleLoss(net, params, x, y);
        assertEquals(mid, net.loss(x, y, BATCH), 1e-5, "float and double forward passes agree");
        int checked = 0;
        int kinks = 0;
        int k = 0;
        for (Layer layer : net.layers()) {
            for (float[] g : layer.gradients()) {
                double[] p = params.get(k++);
                for (int i = 0; i < p.length; i += Math.max(1, p.length / 25)) {
                    double orig = p[i];
                    double h = 1e-6;
                    p[i] = orig + h;
                    double up = doubleLoss(net, params, x, y);
                    p[i] = orig - h;
                    double down = doubleLoss(net, params, x, y);
                    p[i] = orig;
                    if (Math.abs(up - 2 * mid + down) > 1e-6 * Math.abs(up - down) + 1e-12) {
                        kinks++;
                        continue;
                    }
                    double numeric = (up - down) / (2 * h);
                    double err = Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i]));
                    assertTrue(err < 1e-3, layer.describe() + " gradient[" + i + "]: analytic " + g[i] + " numeric " + numeric);
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
