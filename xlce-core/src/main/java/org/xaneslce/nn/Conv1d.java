package org.xaneslce.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * 1-D convolution of a single-channel input of length L with F filters of width K, stride 1, no
 * padding ("valid"): output F x (L - K + 1), filter-major.
 */
public final class Conv1d implements Layer {
    private final int length;
    private final int filters;
    private final int kernel;
    private final int outLen;
    private final float[] w;
    private final float[] b;
    private final float[] gw;
    private final float[] gb;
    private float[] x;
    private float[] y = new float[0];
    private float[] gx = new float[0];
    private float[][] cols = new float[0][];
    private float[] row = new float[0];
    private boolean inputGradient = true;

    /** A convolution with He-uniform initial weights from {@code rng}. */
    public Conv1d(int length, int filters, int kernel, SplittableRandom rng) {
        if (kernel > length) {
            throw new IllegalArgumentException("kernel " + kernel + " longer than the input " + length);
        }
        this.length = length;
        this.filters = filters;
        this.kernel = kernel;
        this.outLen = length - kernel + 1;
        this.w = new float[filters * kernel];
        this.b = new float[filters];
        this.gw = new float[w.length];
        this.gb = new float[filters];
        double limit = Math.sqrt(6.0 / kernel);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
    }

    @Override
    public int inputSize() {
        return length;
    }

    /** Number of filters. */
    public int filters() {
        return filters;
    }

    /** Kernel width. */
    public int kernel() {
        return kernel;
    }

    @Override
    public int outputSize() {
        return filters * outLen;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training, SplittableRandom rng) {
        x = input;
        int os = filters * outLen;
        if (y.length < batch * os) {
            y = new float[batch * os];
        }
        // Shifted copies of the input (cols[k][t] = x[t + k]) make every inner loop an axpy over
        // separate arrays with one index, which the JIT vectorizes; summation order per output is
        // unchanged (bias, then k ascending).
        if (cols.length < kernel) {
            cols = new float[kernel][outLen];
            row = new float[outLen];
        }
        for (int s = 0; s < batch; s++) {
            int xo = s * length;
            for (int k = 0; k < kernel; k++) {
                System.arraycopy(input, xo + k, cols[k], 0, outLen);
            }
            for (int f = 0; f < filters; f++) {
                java.util.Arrays.fill(row, b[f]);
                for (int k = 0; k < kernel; k++) {
                    float wk = w[f * kernel + k];
                    float[] c = cols[k];
                    for (int t = 0; t < outLen; t++) {
                        row[t] += wk * c[t];
                    }
                }
                System.arraycopy(row, 0, y, s * os + f * outLen, outLen);
            }
        }
        return y;
    }

    @Override
    public void skipInputGradient() {
        inputGradient = false;
    }

    @Override
    public float[] backward(float[] g, int batch) {
        if (inputGradient) {
            if (gx.length < batch * length) {
                gx = new float[batch * length];
            }
            java.util.Arrays.fill(gx, 0, batch * length, 0f);
        }
        int os = filters * outLen;
        for (int s = 0; s < batch; s++) {
            int xo = s * length;
            for (int f = 0; f < filters; f++) {
                int go = s * os + f * outLen;
                float sum = 0f;
                for (int t = 0; t < outLen; t++) {
                    sum += g[go + t];
                }
                gb[f] += sum;
                for (int k = 0; k < kernel; k++) {
                    int base = xo + k;
                    // Four independent partial sums break the dependency chain of the reduction.
                    float a0 = 0f;
                    float a1 = 0f;
                    float a2 = 0f;
                    float a3 = 0f;
                    int t = 0;
                    for (; t + 3 < outLen; t += 4) {
                        a0 += g[go + t] * x[base + t];
                        a1 += g[go + t + 1] * x[base + t + 1];
                        a2 += g[go + t + 2] * x[base + t + 2];
                        a3 += g[go + t + 3] * x[base + t + 3];
                    }
                    for (; t < outLen; t++) {
                        a0 += g[go + t] * x[base + t];
                    }
                    gw[f * kernel + k] += (a0 + a1) + (a2 + a3);
                    if (inputGradient) {
                        float wk = w[f * kernel + k];
                        for (int u = 0; u < outLen; u++) {
                            gx[base + u] += wk * g[go + u];
                        }
                    }
                }
            }
        }
        return inputGradient ? gx : null;
    }

    @Override
    public List<float[]> parameters() {
        return List.of(w, b);
    }

    @Override
    public List<float[]> gradients() {
        return List.of(gw, gb);
    }

    @Override
    public String describe() {
        return "conv1d " + filters + "x" + kernel + " on " + length;
    }
}
