package org.xaneslce.model;

import java.util.Locale;
import org.xaneslce.nn.Network;

/**
 * How a classifier is trained.
 *
 * @param kind mlp or cnn
 * @param preEdge train on the pre-edge part of the grid only
 * @param augment none, shift (+-1, +-2 eV, 5x) or noise (Gaussian sigma 0.03, 5x)
 * @param epochs training epochs (the paper: 50)
 * @param batchSize mini-batch (32)
 * @param learningRate Adam (1e-3)
 * @param dropout hidden-layer dropout (0.3)
 * @param seed fixes initial weights, shuffling, dropout and noise
 */
public record ModelOptions(Network.Kind kind, boolean preEdge, Augment augment, int epochs, int batchSize, double learningRate,
                           double dropout, long seed) {
    /** Training-set augmentations. */
    public enum Augment { none, shift, noise }

    public ModelOptions {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("bad training options: epochs " + epochs + ", batch " + batchSize
                + ", learning rate " + learningRate + ", dropout " + dropout);
        }
    }

    /** The paper's settings: shift augmentation, 50 epochs, batch 32, Adam 1e-3, dropout 0.3. */
    public static ModelOptions paper(Network.Kind kind, boolean preEdge, long seed) {
        return new ModelOptions(kind, preEdge, Augment.shift, 50, 32, 1e-3, 0.3, seed);
    }

    /** The same options with another seed. */
    public ModelOptions withSeed(long s) {
        return new ModelOptions(kind, preEdge, augment, epochs, batchSize, learningRate, dropout, s);
    }

    /** A short name: "cnn", "pre-edge mlp", with augmentation when not the default. */
    public String describe() {
        return String.format(Locale.ROOT, "%s%s (augment %s, %d epochs)", preEdge ? "pre-edge " : "", kind, augment, epochs);
    }
}
