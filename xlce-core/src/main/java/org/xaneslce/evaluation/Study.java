package org.xaneslce.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.CubicSpline;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Spectrum;

/**
 * The paper's whole study over the base datasets: class counts (Table I), macro and class-wise F1
 * of MLP, CNN and their pre-edge variants (Table II, Table III, Fig. 3), spectra and PCA (Fig. 2),
 * robustness to energy shifts and noise (Figs. 5 and 6) and theory versus experiment (Fig. 4).
 * Results are plain data for a report to render.
 */
public final class Study {
    /**
     * How much of it to run.
     *
     * @param name "quick" or "full"
     * @param repeats test folds per model (of a 10-fold partition)
     * @param epochs training epochs
     * @param materialSplit also evaluate the full-grid models with the split by material
     * @param robustnessElements absorbers for the shift and noise curves
     * @param robustnessFolds folds averaged in those curves
     * @param seed the seed
     * @param threads models trained at once
     */
    public record Options(String name, int repeats, int epochs, boolean materialSplit, List<String> robustnessElements,
                          int robustnessFolds, long seed, int threads) {
        public Options {
            robustnessElements = List.copyOf(robustnessElements);
        }

        /** Minutes on a 2-core laptop: 3 folds, 15 epochs, robustness on Cu and V. */
        public static Options quick(int threads) {
            return new Options("quick", 3, 15, true, List.of("Cu", "V"), 1, 1, threads);
        }

        /** The paper's protocol: 10 folds, 50 epochs, both splits, robustness on every absorber. */
        public static Options full(int threads, List<String> elements) {
            return new Options("full", 10, 50, true, elements, 3, 1, threads);
        }
    }

    /** A computed and a measured spectrum of the same compound. */
    public record TheoryPair(String name, Spectrum computed, Spectrum measured) {
    }

    /**
     * Theory versus experiment for one pair.
     *
     * @param name the compound
     * @param alignment shift and Pearson r
     * @param measuredEnergy measured energies shown (eV)
     * @param measured normalized (flattened) measured mu
     * @param computedScaled computed mu after the shift, scaled and offset by least squares onto the measured (display only)
     */
    public record TheoryResult(String name, Alignment alignment, double[] measuredEnergy, double[] measured, double[] computedScaled) {
    }

    /**
     * A robustness curve: macro F1 against a test-set perturbation, trained with and without the
     * matching augmentation.
     */
    public record Curve(String element, String kind, double[] x, double[] withAugmentation, double[] without) {
    }

    /**
     * Everything one absorber gives.
     *
     * @param dataset the base dataset
     * @param results evaluation results by label ("mlp", "cnn", "pre-edge mlp", "pre-edge cnn", "mlp by material", ...)
     * @param preEdgePoints grid points of the pre-edge models (0 where there is no pre-edge study)
     * @param pcaFull PCA of the full spectra
     * @param pcaPreEdge PCA of the pre-edge part (null where there is no pre-edge study)
     */
    public record ElementResult(Dataset dataset, Map<String, Evaluation.Result> results, int preEdgePoints, Pca pcaFull, Pca pcaPreEdge) {
    }

    /** The whole study. */
    public record Result(Options options, Map<String, ElementResult> elements, List<Curve> curves, List<TheoryResult> theory,
                         Map<String, Double> stageSeconds) {
    }

    /** Progress: a stage, its units done and total. */
    @FunctionalInterface
    public interface Listener {
        /** A unit of a stage finished. */
        void progress(String stage, int done, int total);
    }

    private Study() {
    }

    /** The four model kinds of Table II, in its order. */
    public static final String[] KINDS = {"mlp", "cnn", "pre-edge mlp", "pre-edge cnn"};

    /**
     * Whether a dataset's spectra hold a pre-edge region. FEFF 9 spectra start about 12 eV below
     * the edge; feff8l spectra start at the Fermi level, above it, so a "pre-edge" model of them
     * would read the edge top instead and is not run.
     */
    public static boolean hasPreEdge(Dataset d) {
        return "FEFF9".equals(d.levelOfTheory());
    }

    /** Runs the study. */
    public static Result run(Map<String, Dataset> datasets, Options o, List<TheoryPair> pairs, Listener listener) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, ElementResult> elements = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int units = datasets.values().stream().mapToInt(d -> (hasPreEdge(d) ? 4 : 2) + (o.materialSplit() ? 2 : 0)).sum();
        int done = 0;
        for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
            Dataset d = e.getValue();
            Map<String, Evaluation.Result> res = new LinkedHashMap<>();
            for (String kind : KINDS) {
                boolean pre = kind.startsWith("pre-edge");
                if (pre && !hasPreEdge(d)) {
                    continue;
                }
                Network.Kind k = kind.endsWith("cnn") ? Network.Kind.cnn : Network.Kind.mlp;
                ModelOptions mo = new ModelOptions(k, pre, ModelOptions.Augment.shift, o.epochs(), 32, 1e-3, 0.3, o.seed(), false);
                res.put(kind, Evaluation.run(d, mo, Evaluation.SplitKind.stratified, 10, o.repeats(), o.threads(), f -> { }));
                listener.progress("F1 tables (" + e.getKey() + " " + kind + ")", ++done, units);
                if (o.materialSplit() && !pre) {
                    res.put(kind + " by material", Evaluation.run(d, mo, Evaluation.SplitKind.material, 10, o.repeats(), o.threads(), f -> { }));
                    listener.progress("F1 tables (" + e.getKey() + " " + kind + " by material)", ++done, units);
                }
            }
            int pre = hasPreEdge(d) ? Classifier.preEdgePoints(d) : 0;
            float[][] rows = d.entries().stream().map(Dataset.Entry::mu).toArray(float[][]::new);
            elements.put(e.getKey(), new ElementResult(d, res, pre, Pca.of(rows, d.grid().count()), pre > 0 ? Pca.of(rows, pre) : null));
        }
        seconds.put("F1 tables and PCA", (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        List<Curve> curves = new ArrayList<>();
        int cu = 0;
        int ctotal = o.robustnessElements().size() * 2;
        for (String el : o.robustnessElements()) {
            Dataset d = datasets.get(el);
            if (d == null) {
                continue;
            }
            curves.add(curve(d, o, true));
            listener.progress("robustness (" + el + " shift)", ++cu, ctotal);
            curves.add(curve(d, o, false));
            listener.progress("robustness (" + el + " noise)", ++cu, ctotal);
        }
        seconds.put("robustness curves", (System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        List<TheoryResult> theory = new ArrayList<>();
        for (TheoryPair p : pairs) {
            theory.add(compare(p.name(), p.computed(), p.measured()));
        }
        listener.progress("theory vs experiment", 1, 1);
        seconds.put("theory vs experiment", (System.nanoTime() - t2) / 1e9);
        return new Result(o, elements, curves, theory, seconds);
    }

    /** Shift (or noise) robustness: CNN trained with and without the augmentation, scored on perturbed test folds. */
    static Curve curve(Dataset d, Options o, boolean shift) {
        double[] xs = new double[shift ? 13 : 11];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = shift ? -3 + 0.5 * i : 0.01 * i;
        }
        double[] with = new double[xs.length];
        double[] without = new double[xs.length];
        int[][] folds = Evaluation.folds(d, Evaluation.SplitKind.stratified, 10, o.seed());
        int nf = Math.min(o.robustnessFolds(), 10);
        List<java.util.concurrent.Callable<double[][]>> jobs = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            int fold = f;
            jobs.add(() -> {
                Dataset train = d.subset(Splits.complement(folds[fold], d.size()));
                Dataset test = d.subset(folds[fold]);
                ModelOptions aug = new ModelOptions(Network.Kind.cnn, false, shift ? ModelOptions.Augment.shift : ModelOptions.Augment.noise,
                    o.epochs(), 32, 1e-3, 0.3, o.seed() + fold, false);
                ModelOptions none = new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.none, o.epochs(), 32, 1e-3, 0.3,
                    o.seed() + fold, false);
                Classifier a = Classifier.train(train, aug, d.grid().count(), "robustness");
                Classifier b = Classifier.train(train, none, d.grid().count(), "robustness");
                double[][] out = new double[2][xs.length];
                for (int i = 0; i < xs.length; i++) {
                    double s = shift ? xs[i] : 0;
                    double sigma = shift ? 0 : xs[i];
                    out[0][i] = Evaluation.score(a, test, s, sigma, o.seed() + 100 + i).macroF1();
                    out[1][i] = Evaluation.score(b, test, s, sigma, o.seed() + 100 + i).macroF1();
                }
                return out;
            });
        }
        for (double[][] r : org.xaneslce.util.Parallel.run(jobs, o.threads())) {
            for (int i = 0; i < xs.length; i++) {
                with[i] += r[0][i] / nf;
                without[i] += r[1][i] / nf;
            }
        }
        return new Curve(d.element(), shift ? "shift" : "noise", xs, with, without);
    }

    /**
     * Aligns a computed spectrum to a measured one (the paper's Fig. 4): the measured spectrum is
     * normalized (Larch-style, flattened); the window is E0 - 10 to E0 + 50 eV of the measured
     * spectrum; shifts within +-30 eV.
     */
    public static TheoryResult compare(String name, Spectrum computed, Spectrum measured) {
        checkComparable(computed, measured);
        Normalization n = Normalization.auto(measured);
        double e0 = n.e0Ev();
        Spectrum flat = measured.withMu(n.flat());
        Alignment a = Alignment.align(computed, flat, e0 - 10, e0 + 50, 30);
        CubicSpline s = new CubicSpline(computed.energyEv(), computed.mu());
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            double e = flat.energyAt(i);
            double ec = e - a.shiftEv();
            if (e >= e0 - 20 && e <= e0 + 70 && ec >= computed.minEnergyEv() && ec <= computed.maxEnergyEv()) {
                pts.add(new double[] {e, flat.muAt(i), s.value(ec)});
            }
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = pts.size();
        for (double[] p : pts) {
            sx += p[2];
            sy += p[1];
            sxx += p[2] * p[2];
            sxy += p[2] * p[1];
        }
        if (m < 10) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "after alignment only %d measured points near the edge lie within"
                + " the computed spectrum (%.1f..%.1f eV): the spectra barely overlap", m, computed.minEnergyEv(), computed.maxEnergyEv()));
        }
        double scale = m > 1 ? (sxy - sx * sy / m) / Math.max(sxx - sx * sx / m, 1e-300) : 1;
        double offset = m > 0 ? (sy - scale * sx) / m : 0;
        double[] e = new double[m];
        double[] y = new double[m];
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            e[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            c[i] = scale * pts.get(i)[2] + offset;
        }
        return new TheoryResult(name, a, e, y, c);
    }

    /**
     * Refuses pairs that cannot be compared: different absorbers, edges more than 60 eV apart, or
     * energy ranges that do not overlap (within the 30 eV alignment search).
     */
    static void checkComparable(Spectrum computed, Spectrum measured) {
        if (computed.absorber().isPresent() && measured.absorber().isPresent() && !computed.absorber().equals(measured.absorber())) {
            throw new IllegalArgumentException("the computed spectrum is of " + computed.absorber().get() + ", the measured one of "
                + measured.absorber().get() + ": compare spectra of one absorber");
        }
        double ec = Normalization.findE0(computed);
        double em = Normalization.findE0(measured);
        if (Math.abs(ec - em) > 60) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the edges are %.0f eV apart (computed %.0f eV, measured %.0f eV):"
                + " not the same edge", Math.abs(ec - em), ec, em));
        }
        if (computed.maxEnergyEv() + 30 < measured.minEnergyEv() || measured.maxEnergyEv() + 30 < computed.minEnergyEv()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the spectra do not overlap in energy (computed %.1f..%.1f eV,"
                + " measured %.1f..%.1f eV)", computed.minEnergyEv(), computed.maxEnergyEv(), measured.minEnergyEv(), measured.maxEnergyEv()));
        }
    }

    /** Spectra of one class of a dataset, at most {@code max}, spread evenly (deterministic). */
    public static List<float[]> sample(Dataset d, CoordinationClass c, int max) {
        List<float[]> all = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            if (e.coordinationClass() == c) {
                all.add(e.mu());
            }
        }
        if (all.size() <= max) {
            return all;
        }
        List<float[]> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        double step = (double) all.size() / max;
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) (i * step + r.nextDouble() * 0.999 * step) % all.size()));
        }
        return out;
    }
}
