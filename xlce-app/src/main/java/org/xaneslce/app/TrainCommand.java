package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xlce train}: train the paper's classifier on all data of an absorber and write a model file. */
@Command(name = "train", mixinStandardHelpOptions = true, description = {"Train a T4/S5/O6 classifier for one absorber and write a model file;",
    "on an open-set dataset (xlce db export --with-other) the model also learns OTHER."})
final class TrainCommand extends XlceCommand {
    @Option(names = "--element", required = true, description = "Absorber.")
    String element;

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    Network.Kind kind;

    @Option(names = "--out", description = "Model file (default models/<El>-<model>.json).")
    Path out;

    @Option(names = "--members", defaultValue = "1", description = {"Ensemble size (default ${DEFAULT-VALUE}): above 1, members 2.. are",
        "trained on bootstrap samples of the materials and written beside the model (<model>.ensemble.json)."})
    int members;

    @Option(names = "--members-only", description = "Keep the existing model file (trained with these options) and only add the ensemble.")
    boolean membersOnly;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions data;

    @Override
    protected Integer run(PrintWriter w, PrintWriter err) throws Exception {
        Dataset d = data.load(element);
        training.checkPreEdge(d);
        ModelOptions o = training.of(kind);
        Path file = out != null ? out : Path.of("models", element + "-" + (training.preEdge ? "pre-edge-" : "") + kind + ".json");
        if (members < 1 || membersOnly && members < 2) {
            err.println("xlce train: --members must be at least 1 (at least 2 with --members-only), was " + members);
            return 2;
        }
        if (!membersOnly) {
            ModelService.Trained t = ModelService.train(d, o, data.hash(element), file);
            w.printf(Locale.ROOT, "%s %s trained on %d spectra in %.1f s -> %s%n", element, o.describe(), d.size(), t.seconds(), file);
        }
        if (members > 1) {
            long t0 = System.nanoTime();
            ModelService.trainEnsemble(d, o, members, data.hash(element), file);
            w.printf(Locale.ROOT, "%s ensemble of %d members (bootstrap samples of the materials) in %.1f s -> %s%n", element, members,
                (System.nanoTime() - t0) / 1e9, file.resolveSibling(file.getFileName().toString().replace(".json", ".ensemble.json")));
        }
        return 0;
    }
}
