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
        for (int i = 0; i < n; i++) {
            gx[i] = y[i] > 0f ? g[i] : 0f;
        }
        return gx;
    }

    @Override
    public String describe() {
        return "relu";
    }
}
