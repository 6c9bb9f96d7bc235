package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.api.TrustService;
import org.xaneslce.trust.TrustModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xlce calibrate}: temperature scaling, the top-label map and conformal sets for the shipped models. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit the temperature, the top-label map and the conformal prediction sets of the shipped models on held-out folds, write them beside",
        "the models (<El>-<kind>.trust.json, used by predict), and report ECE before/after, coverage and set size."})
final class CalibrateCommand extends XlceCommand {
    @Option(names = "--element", description = "Absorbers (repeatable; default all eight).")
    List<String> elements = List.of("Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu");

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--data", description = "Folder of <El>.csv.gz datasets (default: data/dataset of the installation).")
    Path data;

    @Option(names = "--models", description = "Models folder (default: models/ of the installation).")
    Path models;

    @Option(names = "--epochs", defaultValue = "50", description = "Training epochs per fold (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--members", defaultValue = "0", description = {"Calibrate the mean of the first K members of the model's ensemble",
        "(default: all members of <El>-<kind>.ensemble.json, the model alone without one; 1: the model alone)."})
    int members;

    @Option(names = "--fit", split = ",", defaultValue = "cross-fit", description = {"Where each test fold's temperature and conformal",
        "scores come from: cross-fit (the out-of-fold predictions of the other nine folds, as the shipped calibration is fitted)",
        "or next-fold (the fold model's calibration fold). Several (comma-separated) judge the same fold models once each.",
        "Default ${DEFAULT-VALUE}."})
    List<String> fit;

    @Option(names = "--objective", split = ",", defaultValue = "ece+top", description = {"What the calibration minimizes: ece (a temperature",
        "minimizing the expected calibration error, over a grid of temperatures), nll (a temperature minimizing the negative",
        "log-likelihood) or ece+top (the ece temperature, then a logistic map of the top probability fitted on the same",
        "spectra; docs/CLASSIFIERS.md). Several: each is judged; the first --fit with the first objective is written.",
        "Default ${DEFAULT-VALUE}."})
    List<String> objective;

    @Option(names = "--split", defaultValue = "material", description = {"The protocol's 10 folds: material (all sites of a material in",
        "one fold, as a new material comes; how the shipped calibrations are fitted) or stratified. Default ${DEFAULT-VALUE}."})
    org.xaneslce.evaluation.Evaluation.SplitKind split;

    @Option(names = "--predictions", description = {"Also write each absorber's out-of-fold predictions (raw probabilities of the",
        "fold model that did not see the spectrum) to DIR/<El>-<kind>.oof.csv."})
    Path predictions;

    @Option(names = "--threads", defaultValue = "0", description = "Fold models trained at once (default: one per core).")
    int threads;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        out.println("| absorber | model | spectra | T (mean over folds) | ECE before | ECE after | ECE floor | coverage 0.8 | 0.9 | 0.95 | set size 0.8 | 0.9 | 0.95 | S5 coverage at 0.9 |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<TrustModel.Way> ways = new java.util.ArrayList<>();
        for (String f : fit) {
            TrustModel.Fit where = switch (f) {
                case "next-fold" -> TrustModel.Fit.NEXT_FOLD;
                case "cross-fit" -> TrustModel.Fit.CROSS_FIT;
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fit: next-fold or cross-fit, not " + f);
            };
            for (String ob : objective) {
                TrustModel.Objective what;
                try {
                    what = TrustModel.Objective.parse(ob);
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--objective: " + e.getMessage());
                }
                ways.add(new TrustModel.Way(where, what));
            }
        }
        int th = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        for (String el : elements) {
            long t0 = System.nanoTime();
            List<TrustModel.Result> rs = TrustService.calibrate(el, kind, Optional.ofNullable(data), Optional.ofNullable(models), epochs, seed,
                members, ways, th, split);
            for (int i = 0; i < rs.size(); i++) {
                TrustModel.Report p = rs.get(i).report();
                out.printf(Locale.ROOT, "| %s | %s%s | %d | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f | %.3f |%n", el, kind,
                    ", " + ways.get(i) + ", x" + rs.get(i).shipped().members() + (split == org.xaneslce.evaluation.Evaluation.SplitKind.material
                        ? ", by material" : ""),
                    p.spectra(), p.meanTemperature(), p.eceBefore(), p.eceAfter(), p.eceFloor(), p.coverage()[0], p.coverage()[1], p.coverage()[2],
                    p.setSize()[0], p.setSize()[1], p.setSize()[2], p.classCoverage()[1][1]);
            }
            TrustModel.Result r = rs.get(0);
            if (predictions != null) {
                java.nio.file.Files.createDirectories(predictions);
                r.writeOutOfFold(predictions.resolve(el + "-" + kind + ".oof.csv"),
                    org.xaneslce.dataset.DatasetFiles.read(org.xaneslce.api.Installation.datasets(Optional.ofNullable(data)).resolve(el + ".csv.gz")));
            }
            out.flush();
            err.printf(Locale.ROOT, "%s: %.0f s; shipped temperature %.3f%n", el, (System.nanoTime() - t0) / 1e9,
                r.shipped().temperature());
        }
        return 0;
    }
}
