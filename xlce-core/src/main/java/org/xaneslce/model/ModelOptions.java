package org.xaneslce.model;

import java.util.Locale;
import org.xaneslce.nn.Network;

/**
 * How a classifier is trained.
 *
 * @param kind mlp or cnn
 * @param preEdge train on the pre-edge part of the grid only
 * @param augment none, shift (+-1, +-2 eV, 5x), noise (Gaussian sigma 0.03, 5x) or measured (the shifted copies, and
 *     each of them again broadened by a Gaussian of 0.5 to 2 eV, a measured spectrum's resolution; 9x)
 * @param epochs training epochs (the paper: 50)
 * @param batchSize mini-batch (32)
 * @param learningRate Adam (1e-3)
 * @param dropout hidden-layer dropout (0.3)
 * @param seed fixes initial weights, shuffling, dropout and noise
 * @param balanced weight the loss by class, N / (3 N_c), so minority classes (often T4, S5) count
 *     as much as O6 (not in the paper; off by default)
 */
public record ModelOptions(Network.Kind kind, boolean preEdge, Augment augment, int epochs, int batchSize, double learningRate,
                           double dropout, long seed, boolean balanced) {
    /** Training-set augmentations. */
    public enum Augment { none, shift, noise, measured }

    public ModelOptions {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("bad training options: epochs " + epochs + ", batch " + batchSize
                + ", learning rate " + learningRate + ", dropout " + dropout);
        }
    }

    /** The paper's settings: shift augmentation, 50 epochs, batch 32, Adam 1e-3, dropout 0.3. */
    public static ModelOptions paper(Network.Kind kind, boolean preEdge, long seed) {
        return new ModelOptions(kind, preEdge, Augment.shift, 50, 32, 1e-3, 0.3, seed, false);
    }

    /** The same options with another seed. */
    public ModelOptions withSeed(long s) {
        return new ModelOptions(kind, preEdge, augment, epochs, batchSize, learningRate, dropout, s, balanced);
    }

    /** A short name: "cnn", "pre-edge mlp", with augmentation when not the default. */
    public String describe() {
        return String.format(Locale.ROOT, "%s%s (augment %s, %d epochs%s)", preEdge ? "pre-edge " : "", kind, augment, epochs,
            balanced ? ", balanced" : "");
    }
}
