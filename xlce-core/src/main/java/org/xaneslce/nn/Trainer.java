package org.xaneslce.nn;

import java.util.SplittableRandom;

/**
 * Mini-batch training with Adam: each epoch shuffles the samples (seeded) and steps through them
 * in batches; the last, partial batch is used too.
 */
public final class Trainer {
    /**
     * Training options.
     *
     * @param epochs passes over the data (the paper: 50)
     * @param batchSize mini-batch size (the paper: 32)
     * @param learningRate Adam's learning rate (1e-3)
     * @param seed fixes shuffling and dropout
     */
    public record Options(int epochs, int batchSize, double learningRate, long seed) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
            }
        }

        /** The paper's settings with the given seed. */
        public static Options paper(long seed) {
            return new Options(50, 32, 1e-3, seed);
        }
    }

    /** Called after each epoch with its mean training loss. */
    @FunctionalInterface
    public interface EpochListener {
        /** An epoch finished. */
        void epochDone(int epoch, double meanLoss);
    }

    private Trainer() {
    }

    /** Trains {@code net} on {@code n} samples ({@code x}: n x inputSize, {@code y}: class indices). */
    public static void train(Network net, float[] x, int[] y, int n, Options o, EpochListener listener) {
        train(net, x, y, n, o, null, listener);
    }

    /** As above, with per-class loss weights ({@code null} for none). */
    public static void train(Network net, float[] x, int[] y, int n, Options o, float[] classWeights, EpochListener listener) {
        int d = net.inputSize();
        float[] xb = new float[o.batchSize() * d];
        int[] yb = new int[o.batchSize()];
        loop(net, n, o, listener, (order, start, b, rng) -> {
            for (int s = 0; s < b; s++) {
                System.arraycopy(x, order[start + s] * d, xb, s * d, d);
                yb[s] = y[order[start + s]];
            }
            return net.lossAndGradients(xb, yb, b, rng, classWeights);
        });
    }

    /**
     * Trains a one-output network by mean squared error on {@code n} samples ({@code x}: n x
     * inputSize, {@code t}: targets); same shuffling, batching and optimizer as classification.
     */
    public static void trainRegression(Network net, float[] x, float[] t, int n, Options o, EpochListener listener) {
        int d = net.inputSize();
        float[] xb = new float[o.batchSize() * d];
        float[] tb = new float[o.batchSize()];
        loop(net, n, o, listener, (order, start, b, rng) -> {
            for (int s = 0; s < b; s++) {
                System.arraycopy(x, order[start + s] * d, xb, s * d, d);
                tb[s] = t[order[start + s]];
            }
            return net.squaredErrorAndGradients(xb, tb, b, rng);
        });
    }

    /** One mini-batch: copy samples {@code order[start..start+b)} in, step forward and backward, return the loss. */
    private interface BatchStep {
        double run(int[] order, int start, int b, SplittableRandom rng);
    }

    private static void loop(Network net, int n, Options o, EpochListener listener, BatchStep step) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        Adam adam = new Adam(net, o.learningRate());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double loss = 0;
            int batches = 0;
            for (int start = 0; start < n; start += o.batchSize()) {
                int b = Math.min(o.batchSize(), n - start);
                loss += step.run(order, start, b, rng);
                adam.step();
                batches++;
            }
            if (listener != null) {
                listener.epochDone(epoch, loss / batches);
            }
        }
    }
}
