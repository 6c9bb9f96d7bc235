package org.xaneslce.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.evaluation.Splits;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;

/**
 * Does a model keep its answers on spectra as broad as measured ones? For one absorber's dataset,
 * folds by material: a CNN trained with the paper's shift augmentation and one trained with the
 * {@code measured} augmentation (the paper's shifted copies, and each again broadened by 0.5-2 eV) are scored on the same
 * test folds, as computed and broadened by a Gaussian of 0.5, 1, 1.5 and 2 eV (standard
 * deviation). Macro F1 (and, on an open-set dataset, the closed three-class F1) per test
 * broadening, mean over the folds. Usage: {@code java -jar xlce-bench.jar broadening DATASET_FILE
 * [FOLDS_SCORED] [THREADS]} (the dataset: data/dataset-open/Cu.csv.gz, say).
 */
final class Broadening {
    static final double[] TEST_BROADENING_EV = {0, 0.5, 1.0, 1.5, 2.0};

    private Broadening() {
    }

    static void run(Path file, int repeats, int threads) throws Exception {
        Dataset d = DatasetFiles.read(file);
        int[][] folds = Evaluation.folds(d, Evaluation.SplitKind.material, 10, 1);
        ModelOptions.Augment[] ways = {ModelOptions.Augment.shift, ModelOptions.Augment.measured};
        List<Callable<double[]>> jobs = new ArrayList<>();
        for (ModelOptions.Augment way : ways) {
            for (int f = 0; f < repeats; f++) {
                int fold = f;
                jobs.add(() -> {
                    Dataset train = d.subset(Splits.complement(folds[fold], d.size()));
                    Dataset test = d.subset(folds[fold]);
                    ModelOptions o = new ModelOptions(Network.Kind.cnn, false, way, 50, 32, 1e-3, 0.3, 1 + fold, false);
                    Classifier c = Classifier.train(train, o, d.grid().count(), "fold " + fold);
                    double[] out = new double[2 * TEST_BROADENING_EV.length];
                    for (int b = 0; b < TEST_BROADENING_EV.length; b++) {
                        Metrics m = Evaluation.score(c, test, 0, 0, 0, TEST_BROADENING_EV[b]);
                        out[2 * b] = m.macroF1();
                        out[2 * b + 1] = m.closed() == null ? Double.NaN : m.closedMacroF1();
                    }
                    return out;
                });
            }
        }
        long t0 = System.nanoTime();
        List<double[]> res = org.xaneslce.util.Parallel.run(jobs, threads);
        System.out.printf(Locale.ROOT, "%s: %d spectra, %d classes, CNN, %d of 10 folds by material, seed 1; %.0f s%n", file, d.size(),
            d.classCount(), repeats, (System.nanoTime() - t0) / 1e9);
        System.out.println("| training augmentation | test broadening sigma (eV) | macro F1 | closed three-class F1 |");
        System.out.println("|---|---|---|---|");
        for (int w = 0; w < ways.length; w++) {
            for (int b = 0; b < TEST_BROADENING_EV.length; b++) {
                double f1 = 0;
                double closed = 0;
                for (int f = 0; f < repeats; f++) {
                    f1 += res.get(w * repeats + f)[2 * b] / repeats;
                    closed += res.get(w * repeats + f)[2 * b + 1] / repeats;
                }
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.3f | %s |%n", ways[w], TEST_BROADENING_EV[b], f1,
                    Double.isNaN(closed) ? "-" : String.format(Locale.ROOT, "%.3f", closed));
            }
        }
    }
}
