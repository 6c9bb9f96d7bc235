package org.xaneslce.nn;

import java.util.List;
import java.util.SplittableRandom;

/** Fully connected layer y = x W + b, W stored input-major ({@code in x out}) so inner loops run over outputs. */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final float[] w;
    private final float[] b;
    private final float[] gw;
    private final float[] gb;
    private float[] x;
    private float[] y = new float[0];
    private float[] gx = new float[0];
    private final float[] wt;
    private boolean inputGradient = true;

    /** A dense layer with He-uniform initial weights (for ReLU) drawn from {@code rng}, zero biases. */
    public Dense(int in, int out, SplittableRandom rng) {
        this.in = in;
        this.out = out;
        this.w = new float[in * out];
        this.b = new float[out];
        this.gw = new float[in * out];
        this.gb = new float[out];
        this.wt = new float[in * out];
        double limit = Math.sqrt(6.0 / in);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training, SplittableRandom rng) {
        x = input;
        if (y.length < batch * out) {
            y = new float[batch * out];
        }
        for (int s = 0; s < batch; s++) {
            System.arraycopy(b, 0, y, s * out, out);
        }
        // Weight row outer, batch inner: each row of W stays in L1 while the batch uses it.
        for (int i = 0; i < in; i++) {
            int wo = i * out;
            for (int s = 0; s < batch; s++) {
                float xi = input[s * in + i];
                if (xi == 0f) {
                    continue;
                }
                int yo = s * out;
                for (int j = 0; j < out; j++) {
                    y[yo + j] += xi * w[wo + j];
                }
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
        // Parameter gradients: axpy over outputs (vectorizes), weight row outer and batch inner;
        // zero inputs (after ReLU) are skipped.
        for (int s = 0; s < batch; s++) {
            int go = s * out;
            for (int j = 0; j < out; j++) {
                gb[j] += g[go + j];
            }
        }
        for (int i = 0; i < in; i++) {
            int wo = i * out;
            for (int s = 0; s < batch; s++) {
                float xi = x[s * in + i];
                if (xi == 0f) {
                    continue;
                }
                int go = s * out;
                for (int j = 0; j < out; j++) {
                    gw[wo + j] += xi * g[go + j];
                }
            }
        }
        if (!inputGradient) {
            return null;
        }
        // Input gradient g W^T as axpy over inputs against a transposed copy of W (a dot product
        // per input would be a float reduction, which the JIT does not vectorize).
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                wt[j * in + i] = w[i * out + j];
            }
        }
        if (gx.length < batch * in) {
            gx = new float[batch * in];
        }
        java.util.Arrays.fill(gx, 0, batch * in, 0f);
        for (int j = 0; j < out; j++) {
            int to = j * in;
            for (int s = 0; s < batch; s++) {
                float gj = g[s * out + j];
                if (gj == 0f) {
                    continue;
                }
                int xo = s * in;
                for (int i = 0; i < in; i++) {
                    gx[xo + i] += wt[to + i] * gj;
                }
            }
        }
        return gx;
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
        return "dense " + in + "->" + out;
    }
}
