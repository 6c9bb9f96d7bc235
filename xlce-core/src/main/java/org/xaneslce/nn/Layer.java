package org.xaneslce.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A network layer working on a batch: inputs are {@code batch x inputSize()} floats, row-major.
 * {@link #forward} keeps what {@link #backward} needs; backward accumulates parameter gradients
 * and returns the gradient with respect to the input. Layers are not thread-safe; train one
 * network per thread.
 */
public interface Layer {
    /** Values per sample going in. */
    int inputSize();

    /** Values per sample coming out. */
    int outputSize();

    /**
     * Forward pass. {@code training} turns dropout on; {@code rng} is its random source.
     * Returns a new or internal array of {@code batch x outputSize()} (valid until the next call).
     */
    float[] forward(float[] input, int batch, boolean training, SplittableRandom rng);

    /** Backward pass for the last forward: gradient of the loss w.r.t. this layer's input. */
    float[] backward(float[] gradOutput, int batch);

    /**
     * Tells the layer that nothing needs the gradient w.r.t. its input (it is the first layer):
     * backward may then skip computing it and return null.
     */
    default void skipInputGradient() {
    }

    /** The trainable parameter arrays (weights, biases); none by default. */
    default List<float[]> parameters() {
        return List.of();
    }

    /** Their gradient arrays, in the same order (accumulated by backward, zeroed by the optimizer). */
    default List<float[]> gradients() {
        return List.of();
    }

    /** A short description ("dense 100->90"). */
    String describe();
}
