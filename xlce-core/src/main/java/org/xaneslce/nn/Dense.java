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
    private final float[][] wRows;
    private final float[][] gwRows;
    private final float[][] wtRows;
    private float[][] yRows = new float[0][];
    private float[][] gRows = new float[0][];
    private float[][] gxRows = new float[0][];
    private int[] idx = new int[0];
    private float[] val = new float[0];
    private boolean inputGradient = true;

    /** A dense layer with He-uniform initial weights (for ReLU) drawn from {@code rng}, zero biases. */
    public Dense(int in, int out, SplittableRandom rng) {
        this.in = in;
        this.out = out;
        this.w = new float[in * out];
        this.b = new float[out];
        this.gw = new float[in * out];
        this.gb = new float[out];
        this.wRows = new float[in][out];
        this.gwRows = new float[in][out];
        this.wtRows = new float[out][in];
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

    /** Row buffers: {@code rows} when it has at least {@code n} rows, else {@code n} new rows of {@code cols}. */
    private static float[][] rows(float[][] rows, int n, int cols) {
        if (rows.length < n) {
            rows = new float[n][cols];
        }
        return rows;
    }

    /**
     * acc[j] += sum over k < n, in k order, of val[k] * rows[idx[k]][j], for j < len. Four terms
     * per pass, written left to right so the sum per element is rounded exactly as one term at a
     * time would be (Java does not fuse or reorder float arithmetic): bit-identical results with a
     * quarter of the loads and stores of acc. Every loop runs over separate row arrays with one
     * index, which the JIT vectorizes (it does not for two offsets into flat arrays that might
     * overlap).
     */
    static void accumulate(float[] acc, float[][] rows, int[] idx, float[] val, int n, int len) {
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float a0 = val[k];
            float a1 = val[k + 1];
            float a2 = val[k + 2];
            float a3 = val[k + 3];
            float[] r0 = rows[idx[k]];
            float[] r1 = rows[idx[k + 1]];
            float[] r2 = rows[idx[k + 2]];
            float[] r3 = rows[idx[k + 3]];
            for (int j = 0; j < len; j++) {
                acc[j] = acc[j] + a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
        for (; k < n; k++) {
            float a = val[k];
            float[] r = rows[idx[k]];
            for (int j = 0; j < len; j++) {
                acc[j] += a * r[j];
            }
        }
    }

    /** The non-zero entries v[off + k * stride], k < count, into idx and val; returns how many. */
    private int nonZero(float[] v, int off, int stride, int count) {
        if (idx.length < count) {
            idx = new int[count];
            val = new float[count];
        }
        // Branch-free: about half the inputs after ReLU are zero, at random, and a mispredicted
        // branch per entry cost more than the copy. Each entry is written at n, and n moves on
        // when it is not +-0 (magnitude bits non-zero: (m | -m) has its sign bit set).
        int n = 0;
        for (int k = 0; k < count; k++) {
            float a = v[off + k * stride];
            idx[n] = k;
            val[n] = a;
            int m = Float.floatToRawIntBits(a) & 0x7fffffff;
            n += (m | -m) >>> 31;
        }
        return n;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training, SplittableRandom rng) {
        x = input;
        if (y.length < batch * out) {
            y = new float[batch * out];
        }
        for (int i = 0; i < in; i++) {
            System.arraycopy(w, i * out, wRows[i], 0, out);
        }
        yRows = rows(yRows, batch, out);
        // y_s = b + sum over inputs i (ascending, zero inputs after ReLU skipped) of x_si W_i.
        for (int s = 0; s < batch; s++) {
            float[] yr = yRows[s];
            System.arraycopy(b, 0, yr, 0, out);
            int n = nonZero(input, s * in, 1, in);
            accumulate(yr, wRows, idx, val, n, out);
            System.arraycopy(yr, 0, y, s * out, out);
        }
        return y;
    }

    @Override
    public void skipInputGradient() {
        inputGradient = false;
    }

    @Override
    public float[] backward(float[] g, int batch) {
        for (int s = 0; s < batch; s++) {
            int go = s * out;
            for (int j = 0; j < out; j++) {
                gb[j] += g[go + j];
            }
        }
        gRows = rows(gRows, batch, out);
        for (int s = 0; s < batch; s++) {
            System.arraycopy(g, s * out, gRows[s], 0, out);
        }
        // gW_i += sum over samples s (ascending, zero inputs skipped) of x_si g_s.
        for (int i = 0; i < in; i++) {
            float[] gwr = gwRows[i];
            System.arraycopy(gw, i * out, gwr, 0, out);
            int n = nonZero(x, i, in, batch);
            accumulate(gwr, gRows, idx, val, n, out);
            System.arraycopy(gwr, 0, gw, i * out, out);
        }
        if (!inputGradient) {
            return null;
        }
        // gx_s = sum over outputs j (ascending, zero gradients skipped) of g_sj W^T_j, against a
        // transposed copy of W (a dot product per input would be a float reduction, which the
        // JIT does not vectorize).
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                wtRows[j][i] = w[i * out + j];
            }
        }
        if (gx.length < batch * in) {
            gx = new float[batch * in];
        }
        gxRows = rows(gxRows, batch, in);
        for (int s = 0; s < batch; s++) {
            float[] gxr = gxRows[s];
            java.util.Arrays.fill(gxr, 0f);
            int n = nonZero(g, s * out, 1, out);
            accumulate(gxr, wtRows, idx, val, n, in);
            System.arraycopy(gxr, 0, gx, s * in, in);
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
