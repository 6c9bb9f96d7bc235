package org.xaneslce.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xlce evaluate}: the paper's protocol with class-wise and macro F1 beside Table II. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Train and test on disjoint folds (the paper's 10 stratified 90/10 splits, and the split by material);",
        "print class-wise and macro F1 (mean and std over the repeats) and confusion matrices beside the paper's Table II."})
final class EvaluateCommand extends XlceCommand {
    @Option(names = "--element", required = true, description = "Absorber.")
    String element;

    @Option(names = "--model", split = ",", defaultValue = "mlp,cnn", description = "mlp, cnn or both (default ${DEFAULT-VALUE}).")
    List<Network.Kind> kinds;

    @Option(names = "--split", split = ",", defaultValue = "stratified,material", description = "stratified, material or both.")
    List<Evaluation.SplitKind> splits;

    @Option(names = "--repeats", defaultValue = "10", description = "Test folds (of a 10-fold partition; default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "0", description = "Models trained at once (default: one per core).")
    int threads;

    @Option(names = "--ensemble", split = ",", description = {"Score ensembles of these sizes instead (e.g. 1,3,5,10): members with seeds",
        "seed + 1000 i on bootstrap samples of the training materials; macro F1, NLL, ECE of the mean probabilities and the",
        "ROC AUC of the spread for wrong against right answers."})
    List<Integer> ensemble = new java.util.ArrayList<>();

    @Option(names = "--hybrid", description = {"On an open-set dataset, score the hybrid instead: a three-class model for T4/S5/O6",
        "scaled by 1 - P(OTHER) of the four-class model (closed F1 is the three-class model's by construction)."})
    boolean hybrid;

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions data;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        if (repeats < 1 || repeats > 10) {
            err.println("xlce evaluate: --repeats must be 1..10 (folds of a 10-fold partition), was " + repeats);
            return 2;
        }
        Dataset d = data.load(element);
        if (!ensemble.isEmpty()) {
            return ensembles(d, out, err);
        }
        training.checkPreEdge(d);
        int[] c = d.classCounts();
        boolean other = d.classCount() > 3;
        out.printf(Locale.ROOT, "%s: %d spectra (T4 %d, S5 %d, O6 %d%s), %s, level of theory %s%n", element, d.size(), c[0], c[1], c[2],
            other ? ", OTHER " + c[3] : "", d.grid(), d.levelOfTheory());
        if (other) {
            out.println("macro F1 is over the four classes T4, S5, O6, OTHER;");
            out.println("closed F1: T4/S5/O6 sites only, each called the likeliest of T4, S5, O6 (the paper's three-class score)");
        }
        PaperTables.Row paper = PaperTables.rows().get(element);
        out.printf(Locale.ROOT, "%-22s %-10s %-13s %-13s %-13s %-13s %-13s%s %s%n", "model", "split", "macro F1", "F1 T4", "F1 S5",
            "F1 O6", other ? "F1 OTHER" : "paper", other ? " recall OTHER  closed F1    " : "", "time");
        List<Evaluation.Result> results = new ArrayList<>();
        for (Network.Kind kind : kinds) {
            ModelOptions o = training.of(kind);
            for (Evaluation.SplitKind split : splits) {
                Progress p = new Progress(err, kind + " " + split + " folds", repeats, true);
                Evaluation.Result r = hybrid ? ModelService.evaluateHybrid(d, o, split, repeats, threads)
                    : ModelService.evaluate(d, o, split, repeats, threads, f -> {
                        synchronized (p) {
                            p.step();
                        }
                    });
                results.add(r);
                int col = (kind == Network.Kind.mlp ? 0 : 1) + (training.preEdge ? 2 : 0);
                String paperF1 = paper == null ? "-" : String.format(Locale.ROOT, "%.2f(%d)", paper.f1()[col],
                    Math.round(paper.f1Std()[col] * 100));
                out.printf(Locale.ROOT, "%-22s %-10s %-13s %-13s %-13s %-13s %-13s%s %.0f s%n",
                    (hybrid ? "hybrid " : "") + (training.preEdge ? "pre-edge " : "") + kind + " (" + training.augment
                        + (training.balanced ? ", bal" : "") + ")", split,
                    pm(r, Metrics::macroF1), pm(r, m -> m.f1(0)), pm(r, m -> m.f1(1)), pm(r, m -> m.f1(2)),
                    other ? pm(r, m -> m.f1(3)) : split == Evaluation.SplitKind.stratified ? paperF1 : "",
                    other ? " " + pm(r, m -> m.recall(3)) + "   " + pm(r, Metrics::closedMacroF1) : "", r.seconds());
            }
        }
        out.println();
        out.println("Confusion matrices summed over the folds (rows true " + (other ? "T4/S5/O6/OTHER" : "T4/S5/O6")
            + ", columns predicted):");
        for (Evaluation.Result r : results) {
            StringBuilder rows = new StringBuilder();
            for (int[] row : r.confusion()) {
                rows.append(' ').append(java.util.Arrays.toString(row));
            }
            out.printf(Locale.ROOT, "  %-22s %-10s%s%n", r.options().describe(), r.split(), rows);
        }
        if (training.preEdge && !results.isEmpty()) {
            out.printf(Locale.ROOT, "pre-edge models read the first %d grid points (%.1f eV)%n", results.get(0).preEdgePoints(),
                results.get(0).preEdgePoints() * d.grid().stepEv());
        }
        return 0;
    }

    private static String pm(Evaluation.Result r, java.util.function.ToDoubleFunction<Metrics> f) {
        return String.format(Locale.ROOT, "%.3f±%.3f", r.mean(f), r.std(f));
    }

    private int ensembles(Dataset d, PrintWriter out, PrintWriter err) {
        if (ensemble.stream().anyMatch(k -> k < 1 || k > 50)) {
            err.println("xlce evaluate: --ensemble sizes must be 1..50, were " + ensemble);
            return 2;
        }
        int[] sizes = ensemble.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        out.printf(Locale.ROOT, "%s: %d spectra, %d classes; ensembles of %s members, %d test folds%n", element, d.size(), d.classCount(),
            java.util.Arrays.toString(sizes), repeats);
        out.printf(Locale.ROOT, "%-6s %-10s %-8s %-16s %-7s %-7s %s%n", "model", "split", "members", "macro F1", "NLL", "ECE", "spread AUC");
        for (Network.Kind kind : kinds) {
            for (Evaluation.SplitKind split : splits) {
                long t0 = System.nanoTime();
                java.util.List<org.xaneslce.trust.EnsembleEvaluation.Size> r = ModelService.evaluateEnsembles(d, training.of(kind), split,
                    repeats, sizes, threads);
                for (org.xaneslce.trust.EnsembleEvaluation.Size s : r) {
                    out.printf(Locale.ROOT, "%-6s %-10s %-8d %.3f +- %.3f   %.4f  %.4f  %s%n", kind, split, s.members(), s.macroF1(), s.macroF1Std(),
                        s.nll(), s.ece(), Double.isNaN(s.spreadAuc()) ? "-" : String.format(Locale.ROOT, "%.3f", s.spreadAuc()));
                }
                out.printf(Locale.ROOT, "(%.0f s)%n", (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
        }
        return 0;
    }
}
