package org.xaneslce.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vectorized kernels give bit for bit what the plain loops give, one term at a time in the
 * documented order (so a model trained before the kernels changed is retrained identically), on
 * inputs where about half the entries are +0 or -0, with batches that grow the layer's buffers.
 */
class KernelTest {
    private static float[] sparse(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            v[i] = u < 0.4 ? 0f : u < 0.5 ? -0f : (float) r.nextGaussian();
        }
        return v;
    }

    private static void assertBits(float[] want, float[] got, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                what + " differs at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }

    @Test
    void dense_forwardAndBackward_matchThePlainLoopsBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        int in = 37;
        int out = 23;
        Dense d = new Dense(in, out, new SplittableRandom(3));
        float[] w = d.parameters().get(0);
        float[] b = d.parameters().get(1);
        for (int j = 0; j < out; j++) {
            b[j] = (float) r.nextGaussian();
        }
        float[] gw = new float[in * out];
        for (int batch : new int[] {3, 9, 1, 32}) {
            float[] x = sparse(batch * in, r);
            float[] g = sparse(batch * out, r);
            float[] y = new float[batch * out];
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < out; j++) {
                    float acc = b[j];
                    for (int i = 0; i < in; i++) {
                        float xi = x[s * in + i];
                        if (xi != 0f) {
                            acc += xi * w[i * out + j];
                        }
                    }
                    y[s * out + j] = acc;
                }
            }
            for (int i = 0; i < in; i++) {
                for (int s = 0; s < batch; s++) {
                    float xi = x[s * in + i];
                    if (xi != 0f) {
                        for (int j = 0; j < out; j++) {
                            gw[i * out + j] += xi * g[s * out + j];
                        }
                    }
                }
            }
            float[] gx = new float[batch * in];
            for (int s = 0; s < batch; s++) {
                for (int j = 0; j < out; j++) {
                    float gj = g[s * out + j];
                    if (gj != 0f) {
                        for (int i = 0; i < in; i++) {
                            gx[s * in + i] += w[i * out + j] * gj;
                        }
                    }
                }
            }
            assertBits(y, d.forward(x, batch, true, null), batch * out, "forward, batch " + batch);
            assertBits(gx, d.backward(g, batch), batch * in, "input gradient, batch " + batch);
            assertBits(gw, d.gradients().get(0), in * out, "weight gradient (accumulated), batch " + batch);
        }
    }

    @Test
    void accumulate_keepsTheOrderOfTerms() {
        SplittableRandom r = new SplittableRandom(9);
        int len = 13;
        float[][] rows = new float[11][len];
        for (float[] row : rows) {
            for (int j = 0; j < len; j++) {
                row[j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
            }
        }
        for (int n = 0; n <= 11; n++) {
            int[] idx = new int[n];
            float[] val = new float[n];
            for (int k = 0; k < n; k++) {
                idx[k] = r.nextInt(rows.length);
                val[k] = (float) r.nextGaussian();
            }
            float[] want = new float[len];
            float[] got = new float[len];
            for (int j = 0; j < len; j++) {
                want[j] = got[j] = (float) r.nextGaussian();
                for (int k = 0; k < n; k++) {
                    want[j] += val[k] * rows[idx[k]][j];
                }
            }
            Dense.accumulate(got, rows, idx, val, n, len);
            assertBits(want, got, len, n + " terms");
        }
    }

    @Test
    void reluAndConvolution_matchThePlainLoopsBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        Relu relu = new Relu(50);
        float[] x = sparse(4 * 50, r);
        float[] g = sparse(4 * 50, r);
        float[] y = relu.forward(x, 4, true, null).clone();
        float[] gx = relu.backward(g, 4);
        for (int i = 0; i < 200; i++) {
            assertEquals(Float.floatToRawIntBits(y[i] > 0f ? g[i] : 0f), Float.floatToRawIntBits(gx[i]), "relu gradient at " + i);
        }
        int length = 30;
        int filters = 3;
        int kernel = 5;
        Conv1d c = new Conv1d(length, filters, kernel, new SplittableRandom(2));
        float[] w = c.parameters().get(0);
        float[] b = c.parameters().get(1);
        int outLen = length - kernel + 1;
        for (int batch : new int[] {2, 6}) {
            float[] in = sparse(batch * length, r);
            float[] want = new float[batch * filters * outLen];
            for (int s = 0; s < batch; s++) {
                for (int f = 0; f < filters; f++) {
                    for (int t = 0; t < outLen; t++) {
                        float acc = b[f];
                        for (int k = 0; k < kernel; k++) {
                            acc += w[f * kernel + k] * in[s * length + t + k];
                        }
                        want[(s * filters + f) * outLen + t] = acc;
                    }
                }
            }
            assertBits(want, c.forward(in, batch, true, null), want.length, "convolution, batch " + batch);
        }
    }
}
