package org.xaneslce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.evaluation.Splits;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.dataset.DatasetBuilder;
import org.xaneslce.store.SpectralDatabase;

/**
 * Level-of-theory check (FEFF campaigns issue). For every site with both a FEFF 9 and a feff8l
 * spectrum in the database: the Pearson correlation after alignment and the shift; then a
 * cross-fit over those sites (5 stratified folds, seed 1), so that no model is tested on a site it
 * was trained on, with three training sets per fold:
 *
 * <ul>
 * <li>the whole FEFF 9 base dataset less the fold's sites (what a shipped model sees);</li>
 * <li>the FEFF 9 spectra of the paired sites less the fold (same size as the next, to separate
 * size from level of theory);</li>
 * <li>the feff8l spectra of the paired sites less the fold.</li>
 * </ul>
 *
 * Each is tested on the fold's FEFF 9 and feff8l spectra. feff8l spectra start at the Fermi
 * level, above the FEFF 9 edge, so the paper's grid does not fit them: both levels go onto a
 * common 100-point, 0.5 eV grid that starts where 99 % of the feff8l spectra have begun (feff8l
 * energies), and the FEFF 9 spectra onto the same grid moved by the median alignment shift S (one
 * calibration constant over all pairs, as one would calibrate a level of theory; no per-spectrum
 * alignment, as a measured spectrum has no twin either).
 */
final class Levels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FOLDS = 5;
    /** Largest alignment shift tried, eV (wider finds false optima between EXAFS wiggles). */
    private static final double MAX_SHIFT_EV = 15;

    private Levels() {
    }

    private record Pair(String material, int site, CoordinationClass cls, Spectrum feff9, Spectrum feff8l, double shift, double r) {
    }

    static void run(Path dbFile, String el, Network.Kind kind) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        Dataset base;
        EnergyGrid g8;
        EnergyGrid g9;
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            for (SpectralDatabase.SpectrumPair r : db.spectrumPairs(el, "FEFF9", "feff-campaign", "feff8l")) {
                Spectrum s9 = Spectrum.computed("feff9", el, arr(r.a().energyJson()), arr(r.a().muJson()));
                Spectrum s8 = Spectrum.computed("feff8l", el, arr(r.b().energyJson()), arr(r.b().muJson()));
                Alignment a = Alignment.align(s8, s9, s9.minEnergyEv() + 2, s9.minEnergyEv() + 60, MAX_SHIFT_EV);
                pairs.add(new Pair(r.material(), r.site(), CoordinationClass.valueOf(r.coordinationClass()), s9, s8, a.shiftEv(), a.pearson()));
            }
            if (pairs.isEmpty()) {
                System.out.println("no site has both levels of theory");
                return;
            }
            double[] starts = pairs.stream().mapToDouble(p -> p.feff8l().minEnergyEv()).sorted().toArray();
            double shift = pairs.stream().mapToDouble(Pair::shift).sorted().toArray()[pairs.size() / 2];
            g8 = new EnergyGrid(Math.ceil(starts[(int) Math.floor(0.99 * (starts.length - 1))] * 2) / 2, 0.5, 100);
            g9 = new EnergyGrid(g8.startEv() + shift, 0.5, 100);
            base = DatasetBuilder.build(db, el, g9).dataset();
        }
        double[] r = pairs.stream().mapToDouble(Pair::r).sorted().toArray();
        double[] sh = pairs.stream().mapToDouble(Pair::shift).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d sites with FEFF 9 and feff8l spectra. Pearson r after alignment: mean %.3f, median %.3f,"
            + " 10th percentile %.3f, min %.3f. Shift (add to feff8l energies): median %+.2f eV, 10th..90th %+.2f..%+.2f eV%n",
            el, r.length, Arrays.stream(r).average().orElse(0), r[r.length / 2], r[r.length / 10], r[0], sh[sh.length / 2],
            sh[sh.length / 10], sh[sh.length * 9 / 10]);
        System.out.printf(Locale.ROOT, "common grid: feff8l %s, FEFF 9 %s (S = %+.2f eV); FEFF 9 base dataset on it: %d spectra%n", g8, g9,
            g9.startEv() - g8.startEv(), base.size());

        List<Pair> cls = pairs.stream().filter(p -> p.cls() != CoordinationClass.OTHER).toList();
        int[] labels = cls.stream().mapToInt(p -> p.cls().ordinal()).toArray();
        int[][] folds = Splits.stratified(labels, FOLDS, 1);
        // Each pair on the common grid, once (null where a spectrum does not cover it).
        float[][][] onGrid = new float[cls.size()][][];
        for (int i = 0; i < cls.size(); i++) {
            onGrid[i] = new float[][] {onGrid(cls.get(i).feff9(), g9), onGrid(cls.get(i).feff8l(), g8)};
        }
        String[] trainNames = {"FEFF 9, whole base dataset less the fold", "FEFF 9, paired sites less the fold", "feff8l, paired sites less the fold"};
        String[] testNames = {"FEFF 9", "feff8l"};
        List<List<Integer>> truth = new ArrayList<>();
        List<List<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < trainNames.length * testNames.length; i++) {
            truth.add(new ArrayList<>());
            pred.add(new ArrayList<>());
        }
        int[] offGrid = new int[2];
        int[] trainSizes = new int[3];
        ModelOptions o = ModelOptions.paper(kind, false, 1);
        for (int[] fold : folds) {
            Set<String> held = new HashSet<>();
            for (int i : fold) {
                held.add(cls.get(i).material() + "_" + cls.get(i).site());
            }
            List<Dataset.Entry> whole = base.entries().stream().filter(e -> !held.contains(e.material() + "_" + e.site())).toList();
            List<Dataset.Entry> paired9 = new ArrayList<>();
            List<Dataset.Entry> paired8 = new ArrayList<>();
            for (int i : Splits.complement(fold, cls.size())) {
                float[] v9 = onGrid[i][0];
                float[] v8 = onGrid[i][1];
                if (v9 != null && v8 != null) {
                    paired9.add(entry(cls.get(i), v9));
                    paired8.add(entry(cls.get(i), v8));
                }
            }
            List<List<Dataset.Entry>> trainSets = List.of(whole, paired9, paired8);
            for (int t = 0; t < trainSets.size(); t++) {
                Dataset d = new Dataset(el, t == 2 ? g8 : g9, t == 2 ? "feff8l" : "FEFF9", trainSets.get(t), Map.of());
                trainSizes[t] += d.size();
                Classifier c = Classifier.train(d, o, Classifier.preEdgePoints(d), "levels");
                for (int i : fold) {
                    Pair p = cls.get(i);
                    float[][] tests = onGrid[i];
                    for (int s = 0; s < 2; s++) {
                        if (tests[s] == null) {
                            if (t == 0) {
                                offGrid[s]++;
                            }
                            continue;
                        }
                        truth.get(t * 2 + s).add(p.cls().ordinal());
                        pred.get(t * 2 + s).add(c.predictOne(tests[s]).best().ordinal());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "Cross-fit, %d folds over %d paired T4/S5/O6 sites, %s (%s, seed 1); held-out spectra off the grid: "
            + "FEFF 9 %d, feff8l %d%n", FOLDS, cls.size(), kind, o.describe(), offGrid[0], offGrid[1]);
        printCrossFit(trainNames, testNames, trainSizes, truth, pred);
    }

    /** The cross-fit table: one row per training set and test level. */
    private static void printCrossFit(String[] trainNames, String[] testNames, int[] trainSizes, List<List<Integer>> truth, List<List<Integer>> pred) {
        System.out.println("| trained on | mean training spectra | tested on | spectra | macro F1 | T4 | S5 | O6 | accuracy |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int t = 0; t < trainNames.length; t++) {
            for (int s = 0; s < testNames.length; s++) {
                int[] y = truth.get(t * 2 + s).stream().mapToInt(Integer::intValue).toArray();
                int[] p = pred.get(t * 2 + s).stream().mapToInt(Integer::intValue).toArray();
                Metrics m = Metrics.of(y, p, 3);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", trainNames[t],
                    trainSizes[t] / FOLDS, testNames[s], y.length, m.macroF1(), m.f1(0), m.f1(1), m.f1(2), m.accuracy());
            }
        }
    }

    private static Dataset.Entry entry(Pair p, float[] v) {
        return new Dataset.Entry(p.material(), p.site(), p.cls(), p.cls().name(), Double.NaN, Double.NaN, v);
    }

    /** Max-normalized values on the grid, or null when the spectrum does not cover it. */
    static float[] onGrid(Spectrum s, EnergyGrid grid) {
        double[] v;
        try {
            v = Resampler.maxNormalized(Resampler.onto(s, grid, 0.05));
        } catch (IllegalArgumentException e) {
            return null;
        }
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    static double[] arr(Object json) throws Exception {
        JsonNode n = JSON.readTree((String) json);
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }
}
