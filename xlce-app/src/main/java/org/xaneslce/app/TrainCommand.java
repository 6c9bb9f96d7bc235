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
        ModelService.Trained t = ModelService.train(d, o, data.hash(element), file);
        w.printf(Locale.ROOT, "%s %s trained on %d spectra in %.1f s -> %s%n", element, o.describe(), d.size(), t.seconds(), file);
        return 0;
    }
}
