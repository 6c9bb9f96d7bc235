package org.xaneslce.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sequential network ending in logits, trained with softmax cross-entropy. The paper's two
 * architectures are {@link #mlp} and {@link #cnn}. Not thread-safe: one network per thread; a
 * seed fixes the initial weights, and the trainer's seed fixes shuffling and dropout, so training
 * is bit-for-bit reproducible.
 */
public final class Network {
    /** The architecture kinds. */
    public enum Kind { mlp, cnn }

    private final Kind kind;
    private final int inputSize;
    private final int classes;
    private final double dropout;
    private final List<Layer> layers;
    private float[] probs = new float[0];

    private Network(Kind kind, int inputSize, int classes, double dropout, List<Layer> layers) {
        this.kind = kind;
        this.inputSize = inputSize;
        this.classes = classes;
        this.dropout = dropout;
        this.layers = List.copyOf(layers);
        this.layers.get(0).skipInputGradient();
    }

    /** Builds a network of {@code kind} with initial weights from {@code seed}. */
    public static Network of(Kind kind, int inputSize, int classes, double dropout, long seed) {
        return kind == Kind.mlp ? mlp(inputSize, classes, dropout, seed) : cnn(inputSize, classes, dropout, seed);
    }

    /** The paper's MLP: in -> 90 -> 60 -> 20 -> classes, ReLU and dropout on the hidden layers. */
    public static Network mlp(int inputSize, int classes, double dropout, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> l = new ArrayList<>();
        hidden(l, inputSize, dropout, rng);
        l.add(new Dense(20, classes, rng));
        return new Network(Kind.mlp, inputSize, classes, dropout, l);
    }

    /** The paper's CNN: conv1d 8 filters, kernel 10, stride 1, ReLU, max-pool 2, then the MLP's dense layers. */
    public static Network cnn(int inputSize, int classes, double dropout, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Layer> l = new ArrayList<>();
        Conv1d conv = new Conv1d(inputSize, 8, 10, rng);
        l.add(conv);
        l.add(new Relu(conv.outputSize()));
        MaxPool1d pool = new MaxPool1d(8, inputSize - 9, 2);
        l.add(pool);
        hidden(l, pool.outputSize(), dropout, rng);
        l.add(new Dense(20, classes, rng));
        return new Network(Kind.cnn, inputSize, classes, dropout, l);
    }

    private static void hidden(List<Layer> l, int in, double dropout, SplittableRandom rng) {
        int prev = in;
        for (int width : new int[] {90, 60, 20}) {
            l.add(new Dense(prev, width, rng));
            l.add(new Relu(width));
            l.add(new Dropout(width, dropout));
            prev = width;
        }
    }

    /** The architecture kind. */
    public Kind kind() {
        return kind;
    }

    /** Values per input sample. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Dropout rate of the hidden layers. */
    public double dropout() {
        return dropout;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Total number of trainable parameters. */
    public int parameterCount() {
        int n = 0;
        for (Layer l : layers) {
            for (float[] p : l.parameters()) {
                n += p.length;
            }
        }
        return n;
    }

    /** Logits for a batch (internal array, valid until the next call). */
    public float[] logits(float[] x, int batch, boolean training, SplittableRandom rng) {
        float[] a = x;
        for (Layer l : layers) {
            a = l.forward(a, batch, training, rng);
        }
        return a;
    }

    /**
     * One training step on a batch: forward, mean softmax cross-entropy, backward (gradients
     * accumulate in the layers for the optimizer). Returns the mean loss.
     */
    public double lossAndGradients(float[] x, int[] labels, int batch, SplittableRandom rng) {
        return lossAndGradients(x, labels, batch, rng, null);
    }

    /**
     * As {@link #lossAndGradients(float[], int[], int, SplittableRandom)}, with per-class loss
     * weights ({@code null} for none): a sample of class c counts {@code classWeights[c]} times.
     */
    public double lossAndGradients(float[] x, int[] labels, int batch, SplittableRandom rng, float[] classWeights) {
        float[] z = logits(x, batch, true, rng);
        if (probs.length < batch * classes) {
            probs = new float[batch * classes];
        }
        double loss = 0;
        for (int s = 0; s < batch; s++) {
            int o = s * classes;
            double logSum = logSumExp(z, o, classes);
            double weight = classWeights == null ? 1.0 : classWeights[labels[s]];
            loss += weight * (logSum - z[o + labels[s]]);
            for (int c = 0; c < classes; c++) {
                probs[o + c] = (float) (weight * (Math.exp(z[o + c] - logSum) - (c == labels[s] ? 1 : 0)) / batch);
            }
        }
        float[] g = probs;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, batch);
        }
        // The first layer returns null: nothing needs the gradient w.r.t. the input.
        return loss / batch;
    }

    /**
     * One regression training step on a batch for a network with one output: forward, mean squared
     * error against {@code targets}, backward (gradients accumulate for the optimizer). Returns the
     * mean squared error.
     */
    public double squaredErrorAndGradients(float[] x, float[] targets, int batch, SplittableRandom rng) {
        if (classes != 1) {
            throw new IllegalStateException("regression needs a network with one output, this one has " + classes);
        }
        float[] z = logits(x, batch, true, rng);
        if (probs.length < batch) {
            probs = new float[batch];
        }
        double loss = 0;
        for (int s = 0; s < batch; s++) {
            double r = z[s] - targets[s];
            loss += r * r;
            probs[s] = (float) (2 * r / batch);
        }
        float[] g = probs;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, batch);
        }
        return loss / batch;
    }

    /** The outputs of a one-output (regression) network for {@code n} samples, inference mode (a new array). */
    public float[] regress(float[] x, int n) {
        if (classes != 1) {
            throw new IllegalStateException("regression needs a network with one output, this one has " + classes);
        }
        float[] out = new float[n];
        inChunks(x, n, (start, b, z) -> System.arraycopy(z, 0, out, start, b));
        return out;
    }

    /** The mean softmax cross-entropy of a batch in inference mode (dropout off); no gradients. */
    public double loss(float[] x, int[] labels, int batch) {
        float[] z = logits(x, batch, false, null);
        double loss = 0;
        for (int s = 0; s < batch; s++) {
            loss += logSumExp(z, s * classes, classes) - z[s * classes + labels[s]];
        }
        return loss / batch;
    }

    /** Class probabilities for {@code n} samples (row-major {@code n x classes}, a new array). */
    public float[] predict(float[] x, int n) {
        float[] out = new float[n * classes];
        inChunks(x, n, (start, b, z) -> {
            for (int s = 0; s < b; s++) {
                int o = s * classes;
                double logSum = logSumExp(z, o, classes);
                for (int c = 0; c < classes; c++) {
                    out[(start + s) * classes + c] = (float) Math.exp(z[o + c] - logSum);
                }
            }
        });
        return out;
    }

    /** Receives the logits of samples {@code start..start+b) in inference mode. */
    private interface ChunkSink {
        void accept(int start, int b, float[] logits);
    }

    /** Inference over {@code n} samples in chunks of 256 (bounded work buffers). */
    private void inChunks(float[] x, int n, ChunkSink sink) {
        int chunk = 256;
        for (int start = 0; start < n; start += chunk) {
            int b = Math.min(chunk, n - start);
            float[] xb = new float[b * inputSize];
            System.arraycopy(x, start * inputSize, xb, 0, b * inputSize);
            sink.accept(start, b, logits(xb, b, false, null));
        }
    }

    /** log(sum_c exp(z[o + c])) over {@code n} logits, computed stably. */
    private static double logSumExp(float[] z, int o, int n) {
        float max = z[o];
        for (int c = 1; c < n; c++) {
            max = Math.max(max, z[o + c]);
        }
        double sum = 0;
        for (int c = 0; c < n; c++) {
            sum += Math.exp(z[o + c] - max);
        }
        return Math.log(sum) + max;
    }

    /** Every parameter array, in layer order (live arrays: the model file reads and writes them). */
    public List<float[]> parameters() {
        List<float[]> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.parameters());
        }
        return out;
    }
}
