package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.evaluation.GeometryEvaluation;
import org.xaneslce.model.GeometryModel;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xlce geometry}: the coordination number and mean distance models (train, evaluate). */
@Command(name = "geometry", mixinStandardHelpOptions = true,
    description = {"Coordination number and mean absorber-O distance from the spectrum (Torrisi et al. 2020):",
        "train a model per absorber (models/<El>-geometry.json, read by predict) or evaluate one on folds split by material."},
    subcommands = {GeometryCommand.Train.class, GeometryCommand.Evaluate.class})
final class GeometryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say train or evaluate");
    }

    /** Shared options. */
    static final class Common {
        @Option(names = "--element", required = true, description = "Absorber.")
        String element;

        @Option(names = "--model", defaultValue = "mlp", description = {"mlp or cnn (default ${DEFAULT-VALUE}: as good as the CNN here at a",
            "quarter of the training time, and what is shipped; docs/CLASSIFIERS.md)."})
        Network.Kind kind;

        @Option(names = "--epochs", defaultValue = "50", description = "Training epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        ModelOptions options() {
            return ModelService.options(kind, false, ModelOptions.Augment.shift, epochs, false, seed);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the coordination number and distance model of one absorber on its dataset's sites with a shell geometry.")
    static final class Train extends XlceCommand {
        @Mixin
        Common common;

        @Mixin
        DataOptions data;

        @Option(names = "--out", description = "Model file (default models/<El>-geometry.json).")
        Path out;

        @Override
        protected Integer run(PrintWriter w, PrintWriter err) throws Exception {
            Dataset d = data.load(common.element);
            Path file = out != null ? out : Path.of("models", common.element + "-geometry.json");
            ModelService.TrainedGeometry t = ModelService.trainGeometry(d, common.options(), data.hash(common.element), file);
            w.printf(Locale.ROOT, "%s geometry %s trained on %s spectra (%s held out for the interval) in %.1f s -> %s;"
                    + " 90%% distance interval +-%.3f A%n", common.element, common.kind, t.model().provenance().get("training_spectra"),
                t.model().provenance().get("calibration_spectra"), t.seconds(), file, t.model().halfWidth(0.9));
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Held-out CN accuracy and confusion, distance MAE, RMSE, R^2 and 90% interval coverage, folds split by material.")
    static final class Evaluate extends XlceCommand {
        @Mixin
        Common common;

        @Mixin
        DataOptions data;

        @Option(names = "--folds", defaultValue = "5", description = "Folds (default ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--threads", defaultValue = "0", description = "Threads (default: all cores).")
        int threads;

        @Override
        protected Integer run(PrintWriter w, PrintWriter err) throws Exception {
            Dataset d = data.load(common.element);
            long t0 = System.nanoTime();
            GeometryEvaluation.Result r = ModelService.evaluateGeometry(d, common.options(), folds, threads, n -> { });
            w.printf(Locale.ROOT, "%s geometry %s, %d folds by material, %d spectra (%.0f s)%n", r.element(), common.kind, r.folds(), r.spectra(),
                (System.nanoTime() - t0) / 1e9);
            w.printf(Locale.ROOT, "CN accuracy %.3f (CN 4-6 only: %.3f)%n", r.cnAccuracy(), r.cnAccuracy456());
            StringBuilder head = new StringBuilder("true\\pred");
            for (int b = 0; b < GeometryModel.bins(); b++) {
                head.append(String.format(Locale.ROOT, "%7s", GeometryModel.binName(b)));
            }
            w.println(head);
            for (int a = 0; a < GeometryModel.bins(); a++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s", GeometryModel.binName(a)));
                for (int b = 0; b < GeometryModel.bins(); b++) {
                    row.append(String.format(Locale.ROOT, "%7d", r.confusion()[a][b]));
                }
                w.println(row);
            }
            w.printf(Locale.ROOT, "distance (%d spectra): MAE %.4f A, RMSE %.4f A, R^2 %.3f (MAE of the training mean %.4f A);"
                + " 90%% interval covers %.3f, mean half-width %.3f A%n", r.distanceCount(), r.mae(), r.rmse(), r.r2(), r.baselineMae(),
                r.coverage90(), r.halfWidth90());
            return 0;
        }
    }
}
