package org.xaneslce.nn;

import java.util.SplittableRandom;

/** max(0, x), element-wise. */
public final class Relu implements Layer {
    private final int size;
    private float[] y = new float[0];
    private float[] gx = new float[0];

    /** A ReLU over {@code size} values per sample. */
    public Relu(int size) {
        this.size = size;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training, SplittableRandom rng) {
        int n = batch * size;
        if (y.length < n) {
            y = new float[n];
        }
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(0f, input[i]);
        }
        return y;
    }

    @Override
    public float[] backward(float[] g, int batch) {
        int n = batch * size;
        if (gx.length < n) {
            gx = new float[n];
        }
        // gx = y > 0 ? g : +0, without a branch (about half the signs flip at random, and a
        // mispredicted branch per element cost more than the rest of the pass): y >= +0 here,
        // so its bits plus 0x7fffffff overflow to negative exactly when y > 0, and the
        // arithmetic shift turns that into an all-ones mask.
        for (int i = 0; i < n; i++) {
            int keep = (Float.floatToRawIntBits(y[i]) + 0x7fffffff) >> 31;
            gx[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
        }
        return gx;
    }

    @Override
    public String describe() {
        return "relu";
    }
}
