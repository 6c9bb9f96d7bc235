package org.xaneslce.nn;

import java.util.SplittableRandom;

/** Max-pooling of size and stride {@code pool} along each of C channels of length L (the tail that does not fill a window is dropped). */
public final class MaxPool1d implements Layer {
    private final int channels;
    private final int length;
    private final int pool;
    private final int outLen;
    private int[] argmax = new int[0];
    private float[] y = new float[0];
    private float[] gx = new float[0];

    /** Pooling over {@code channels} x {@code length} inputs. */
    public MaxPool1d(int channels, int length, int pool) {
        this.channels = channels;
        this.length = length;
        this.pool = pool;
        this.outLen = length / pool;
    }

    @Override
    public int inputSize() {
        return channels * length;
    }

    /** Channels. */
    public int channels() {
        return channels;
    }

    /** Window size and stride. */
    public int pool() {
        return pool;
    }

    @Override
    public int outputSize() {
        return channels * outLen;
    }

    @Override
    public float[] forward(float[] input, int batch, boolean training, SplittableRandom rng) {
        int n = batch * channels * outLen;
        if (y.length < n) {
            y = new float[n];
            argmax = new int[n];
        }
        int o = 0;
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < channels; c++) {
                int base = (s * channels + c) * length;
                for (int t = 0; t < outLen; t++) {
                    int best = base + t * pool;
                    for (int k = 1; k < pool; k++) {
                        if (input[base + t * pool + k] > input[best]) {
                            best = base + t * pool + k;
                        }
                    }
                    y[o] = input[best];
                    argmax[o] = best;
                    o++;
                }
            }
        }
        return y;
    }

    @Override
    public float[] backward(float[] g, int batch) {
        int n = batch * channels * length;
        if (gx.length < n) {
            gx = new float[n];
        }
        java.util.Arrays.fill(gx, 0, n, 0f);
        int m = batch * channels * outLen;
        for (int i = 0; i < m; i++) {
            gx[argmax[i]] += g[i];
        }
        return gx;
    }

    @Override
    public String describe() {
        return "maxpool " + pool;
    }
}
