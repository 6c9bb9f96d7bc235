package org.xaneslce.app;

import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import picocli.CommandLine.Option;

/** Training options shared by train and evaluate (the paper's settings by default). */
final class TrainingOptions {
    @Option(names = "--pre-edge", description = "Read the pre-edge part of the grid only.")
    boolean preEdge;

    @Option(names = "--augment", defaultValue = "shift", description = "none, shift, noise or measured (the shifted copies, and each again broadened by 0.5-2 eV; default ${DEFAULT-VALUE}).")
    ModelOptions.Augment augment;

    @Option(names = "--epochs", defaultValue = "50", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--balanced", description = "Weight the loss by class (N / 3 N_c); not in the paper.")
    boolean balanced;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    /** Refuses a pre-edge model of spectra that have no pre-edge region (feff8l). */
    void checkPreEdge(Dataset d) {
        ModelService.checkPreEdge(d, preEdge);
    }

    /** Model options for {@code kind}: batch 32, Adam 1e-3, dropout 0.3 as the paper. */
    ModelOptions of(Network.Kind kind) {
        return ModelService.options(kind, preEdge, augment, epochs, balanced, seed);
    }
}
