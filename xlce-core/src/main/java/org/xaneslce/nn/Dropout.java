package org.xaneslce.nn;

import java.util.SplittableRandom;

/** Inverted dropout: in training, zeroes each value with probability p and scales the rest by 1/(1-p); identity otherwise. */
public final class Dropout implements Layer {
    private final int size;
    private final float p;
    private float[] mask = new float[0];
    private float[] y = new float[0];
    private float[] gx = new float[0];
    private boolean active;

    /** Dropout with rate {@code p} over {@code size} values per sample. */
    public Dropout(int size, double p) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + p);
        }
        this.size = size;
        this.p = (float) p;
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
        active = training && p > 0f;
        if (!active) {
            return input;
        }
        int n = batch * size;
        if (y.length < n) {
            y = new float[n];
            mask = new float[n];
        }
        float keep = 1f / (1f - p);
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : keep;
            y[i] = input[i] * mask[i];
        }
        return y;
    }

    @Override
    public float[] backward(float[] g, int batch) {
        if (!active) {
            return g;
        }
        int n = batch * size;
        if (gx.length < n) {
            gx = new float[n];
        }
        for (int i = 0; i < n; i++) {
            gx[i] = g[i] * mask[i];
        }
        return gx;
    }

    @Override
    public String describe() {
        return "dropout " + p;
    }
}
