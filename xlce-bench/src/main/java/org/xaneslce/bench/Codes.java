package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.FeffXmuReader;
import org.xaneslce.store.SpectralDatabase;

/**
 * FEFF10 against FEFF 9 on the same sites (FEFF10 issue, point 3). For every site of a FEFF10
 * campaign (level "FEFF10:cards") that also has a FEFF 9 spectrum in the shared data (raw Cu runs,
 * or a feff9-grid row of Ti V Cr Co Ni Cu), per element:
 *
 * <ul>
 * <li>r on the model grid: Pearson correlation of the two spectra on the element's dataset grid,
 * max-normalized, no shift (what a classifier sees);</li>
 * <li>edge offset: E0 (largest derivative, as the normalization finds it) of FEFF10 minus FEFF 9;</li>
 * <li>near-edge r after the best rigid shift within +-5 eV, on the FEFF 9 points from its E0 to E0+35 eV;</li>
 * <li>confound AUC: an L2 logistic regression told to separate FEFF10 from FEFF 9 spectra on the
 * model grid, cross-validated with both spectra of a site always in the same fold (5 folds, seed 1):
 * 0.5 is chance; the threshold for mixing codes is 0.65.</li>
 * </ul>
 *
 * Also time and peak memory per site of the campaigns. Usage:
 * {@code java -jar xlce-bench.jar codes CAMPAIGN_DB [SHARED_DATA]}.
 */
final class Codes {
    private Codes() {
    }

    private record Pair(String element, String material, int site, Spectrum feff10, Spectrum feff9, String level) {
    }

    static void run(Path dbFile, Path shared) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        Map<String, List<double[]>> cost = new TreeMap<>();
        Map<String, Map<String, Integer>> gridIndex = new HashMap<>();
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            for (SpectralDatabase.StoredSpectrum r : db.spectraOfLevel("FEFF10:")) {
                Spectrum f10 = Spectrum.computed("feff10", r.element(), Levels.arr(r.energyJson()), Levels.arr(r.muJson()));
                Optional<Spectrum> f9 = feff9(shared, r.element(), r.material(), r.site(), gridIndex);
                f9.ifPresent(s -> pairs.add(new Pair(r.element(), r.material(), r.site(), f10, s, r.levelOfTheory())));
            }
            for (org.xaneslce.store.CampaignStore.Timing t : new org.xaneslce.store.CampaignStore(db).feff10Timings()) {
                cost.computeIfAbsent(t.element() + " " + t.cards(), k -> new ArrayList<>()).add(new double[] {t.seconds(),
                    t.peakKb() == null ? Double.NaN : t.peakKb()});
            }
        }
        System.out.println("| element, cards | sites | seconds per site: median | 90th pct | max | peak memory MB: median | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<double[]> all = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : cost.entrySet()) {
            all.addAll(e.getValue());
            costRow(e.getKey(), e.getValue());
        }
        if (!all.isEmpty()) {
            costRow("all", all);
        }
        Map<String, List<Pair>> byLevel = new TreeMap<>();
        for (Pair p : pairs) {
            byLevel.computeIfAbsent(p.level(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Pair>> lv : byLevel.entrySet()) {
            System.out.println();
            System.out.println("Level of theory " + lv.getKey() + " against FEFF 9:");
            agreementAndConfound(lv.getValue());
        }
        crossCode(dbFile);
    }

    /** Agreement with FEFF 9 per element, and the confound check, for the pairs of one level of theory. */
    private static void agreementAndConfound(List<Pair> pairs) {
        System.out.println("| element | pairs | r on model grid: median | min | edge offset eV: median | 10th..90th pct | near-edge r after shift: median | min | shift eV: median |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, List<Pair>> byEl = new TreeMap<>();
        for (Pair p : pairs) {
            byEl.computeIfAbsent(p.element(), k -> new ArrayList<>()).add(p);
        }
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        List<String> elementOf = new ArrayList<>();
        // The same pairs with every spectrum shifted so that its edge (E0) sits at the element's median FEFF 9 edge:
        // what is left for the confound classifier is the shape, not the edge position.
        List<float[]> xAligned = new ArrayList<>();
        for (Map.Entry<String, List<Pair>> e : byEl.entrySet()) {
            EnergyGrid g = AbsorberGrids.forElement(e.getKey()).orElseThrow();
            double ref = med(sorted(e.getValue().stream().map(p -> Normalization.findE0(p.feff9())).toList()));
            List<Double> rGrid = new ArrayList<>();
            List<Double> offset = new ArrayList<>();
            List<Double> rShift = new ArrayList<>();
            List<Double> shift = new ArrayList<>();
            for (Pair p : e.getValue()) {
                float[] a = Levels.onGrid(p.feff10(), g);
                float[] b = Levels.onGrid(p.feff9(), g);
                if (a != null && b != null) {
                    rGrid.add(org.xaneslce.util.Correlation.pearson(a, b));
                    x.add(a);
                    y.add(1);
                    group.add(group.size());
                    x.add(b);
                    y.add(0);
                    group.add(group.size() - 1);
                    elementOf.add(e.getKey());
                    elementOf.add(e.getKey());
                    float[] aa = Levels.onGrid(padded(p.feff10().shifted(ref - Normalization.findE0(p.feff10())), g.startEv() - 5, e.getKey()), g);
                    float[] ba = Levels.onGrid(padded(p.feff9().shifted(ref - Normalization.findE0(p.feff9())), g.startEv() - 5, e.getKey()), g);
                    boolean both = aa != null && ba != null;
                    xAligned.add(both ? aa : null);
                    xAligned.add(both ? ba : null);
                }
                double e9 = Normalization.findE0(p.feff9());
                offset.add(Normalization.findE0(p.feff10()) - e9);
                try {
                    Alignment al = Alignment.align(p.feff10(), p.feff9(), e9, e9 + 35, 5);
                    rShift.add(al.pearson());
                    shift.add(al.shiftEv());
                } catch (IllegalArgumentException ex) {
                    // Too few FEFF 9 points in the window: left out of the near-edge column.
                }
            }
            double[] rg = sorted(rGrid);
            double[] off = sorted(offset);
            double[] rs = sorted(rShift);
            double[] sh = sorted(shift);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s..%s | %s | %s | %s |%n", e.getKey(), e.getValue().size(),
                f3(med(rg)), f3(min(rg)), f2(med(off)), f2(pct(off, 0.1)), f2(pct(off, 0.9)), f3(med(rs)), f3(min(rs)), f2(med(sh)));
        }
        if (x.size() >= 20) {
            double[] score = confoundScores(x, y, group);
            double observed = auc(score, y);
            System.out.printf(Locale.ROOT, "%nconfound check: %d spectra (%d sites), L2 logistic regression on the model grid, 5 folds by site: "
                + "ROC AUC %.3f (0.5 = chance; mix codes only if <= 0.65)%n", x.size(), x.size() / 2, observed);
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < xAligned.size(); i += 2) {
                if (xAligned.get(i) != null) {
                    keep.add(i);
                }
            }
            List<float[]> xa = new ArrayList<>();
            List<Integer> ya = new ArrayList<>();
            List<Integer> ga = new ArrayList<>();
            for (int i : keep) {
                for (int j = i; j <= i + 1; j++) {
                    xa.add(xAligned.get(j));
                    ya.add(y.get(j));
                    ga.add(group.get(j));
                }
            }
            List<float[]> xu = new ArrayList<>();
            for (int i : keep) {
                xu.add(x.get(i));
                xu.add(x.get(i + 1));
            }
            if (xa.size() < 20) {
                System.out.printf(Locale.ROOT, "  after edge alignment: only %d of %d sites still cover the grid%n", xa.size() / 2, x.size() / 2);
            } else {
                System.out.printf(Locale.ROOT, "  after edge alignment (each spectrum's E0 shifted to the element's median FEFF 9 E0): %d sites"
                    + " that still cover the grid, ROC AUC %.3f (the same sites unaligned: %.3f)%n", xa.size() / 2, confoundAuc(xa, ya, ga),
                    confoundAuc(xu, ya, ga));
            }
            // Within each element, the same cross-validated scores (the model is fitted on all elements).
            for (String el : new java.util.TreeSet<>(elementOf)) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < x.size(); i++) {
                    if (elementOf.get(i).equals(el)) {
                        idx.add(i);
                    }
                }
                System.out.printf(Locale.ROOT, "  %s: %d sites, AUC %.3f%n", el, idx.size() / 2, auc(idx.stream().mapToDouble(i -> score[i]).toArray(),
                    idx.stream().map(y::get).toList()));
            }
            // Null distribution: which of a site's two spectra is FEFF10 swapped at random (seeded), the same fit and folds.
            int permutations = 200;
            int atLeast = 0;
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
            double[] nulls = new double[permutations];
            for (int k = 0; k < permutations; k++) {
                List<Integer> yp = new ArrayList<>(y);
                for (int i = 0; i + 1 < yp.size(); i += 2) {
                    if (rnd.nextBoolean()) {
                        yp.set(i, y.get(i + 1));
                        yp.set(i + 1, y.get(i));
                    }
                }
                nulls[k] = auc(confoundScores(x, yp, group), yp);
                atLeast += nulls[k] >= observed ? 1 : 0;
            }
            Arrays.sort(nulls);
            System.out.printf(Locale.ROOT, "  permutation test (%d label swaps within sites): null AUC median %.3f, 95th percentile %.3f; p = %.3f%n",
                permutations, nulls[permutations / 2], nulls[(int) (0.95 * permutations)], (atLeast + 1.0) / (permutations + 1));
        } else {
            System.out.println("\nconfound check: fewer than 10 paired sites on the model grid");
        }
    }

    /**
     * The shipped FEFF 9-trained models on every labelled FEFF10 spectrum (T4, S5, O6) of the
     * campaigns: how many they classify as labelled, by element and class.
     */
    private static void crossCode(Path dbFile) throws Exception {
        org.xaneslce.api.Installation.anchor(Codes.class);
        org.xaneslce.api.PredictService svc = org.xaneslce.api.PredictService.load(Optional.empty(), "cnn");
        Map<String, int[]> right = new TreeMap<>();
        Map<String, Map<String, Integer>> called = new TreeMap<>();
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            for (String el : List.of("Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu")) {
                for (SpectralDatabase.LabelledSpectrum r : db.labelledSpectra(el, org.xaneslce.structure.NeighbourRule.DEFAULT.describe(), "FEFF10:fast")) {
                    if (r.coordinationClass().equals("OTHER")) {
                        continue;
                    }
                    Spectrum s = Spectrum.computed(r.material() + "_" + r.site(), el, Levels.arr(r.energyJson()), Levels.arr(r.muJson()));
                    org.xaneslce.api.PredictionRecord p = svc.classify(s, s.id());
                    int[] c = right.computeIfAbsent(el + " " + r.coordinationClass(), k -> new int[3]);
                    c[0]++;
                    if (!p.ok()) {
                        c[2]++;
                    } else if (p.coordinationClass().equals(r.coordinationClass())) {
                        c[1]++;
                    } else {
                        called.computeIfAbsent(el + " " + r.coordinationClass(), k -> new TreeMap<>()).merge(p.coordinationClass(), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| shipped CNN on FEFF10 spectra: element, label | spectra | classified as labelled | the others called | off the grid |");
        System.out.println("|---|---|---|---|---|");
        right.forEach((k, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %d |%n", k, c[0], c[1],
            called.getOrDefault(k, Map.of()).toString().replace("{", "").replace("}", "").replace("=", " "), c[2]));
    }

    private static void costRow(String name, List<double[]> v) {
        double[] s = sorted(v.stream().map(d -> d[0]).toList());
        double[] m = sorted(v.stream().map(d -> d[1]).filter(d -> !Double.isNaN(d)).map(d -> d / 1024).toList());
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %s | %s |%n", name, s.length, med(s), pct(s, 0.9), s[s.length - 1],
            m.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", med(m)), m.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", m[m.length - 1]));
    }

    /** The FEFF 9 spectrum of a site from the shared data: the raw Cu run, else the grid row. */
    private static Optional<Spectrum> feff9(Path shared, String el, String mat, int site, Map<String, Map<String, Integer>> gridIndex) throws Exception {
        Path run = shared.resolve("feff9-cu").resolve(mat).resolve("FEFF-XANES").resolve(String.format(Locale.ROOT, "%03d_%s", site, el));
        if (el.equals("Cu") && Files.exists(run.resolve("xmu.dat"))) {
            return Optional.of(FeffXmuReader.readRun(run, mat + "_" + site));
        }
        Path ids = shared.resolve("feff9-grid").resolve(el + "_ids.txt");
        if (!Files.exists(ids)) {
            return Optional.empty();
        }
        Map<String, Integer> idx = gridIndex.computeIfAbsent(el, k -> {
            Map<String, Integer> m = new HashMap<>();
            try {
                List<String> lines = Files.readAllLines(ids);
                for (int i = 0; i < lines.size(); i++) {
                    m.put(lines.get(i).trim(), i);
                }
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            return m;
        });
        Integer line = idx.get(mat + "_" + site);
        if (line == null) {
            line = idx.get(String.format(Locale.ROOT, "%s_%03d", mat, site));
        }
        if (line == null) {
            return Optional.empty();
        }
        String row;
        try (var lines = Files.lines(shared.resolve("feff9-grid").resolve(el + "_spectra.txt"))) {
            row = lines.skip(line).findFirst().orElseThrow();
        }
        String[] parts = row.trim().split("\\s+");
        double start = AbsorberGrids.FEFF9_GRID_START_EV.get(el);
        double[] e = new double[parts.length];
        double[] mu = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            e[i] = start + i * AbsorberGrids.FEFF9_GRID_STEP_EV;
            mu[i] = Double.parseDouble(parts[i]);
        }
        return Optional.of(Spectrum.computed(mat + "_" + site, el, e, mu));
    }

    /** Cross-validated ROC AUC of an L2 logistic regression; the two spectra of a site share a fold. */
    static double confoundAuc(List<float[]> x, List<Integer> y, List<Integer> group) {
        return auc(confoundScores(x, y, group), y);
    }

    /** Cross-validated scores of {@link #confoundAuc}'s classifier (5 folds by site). */
    static double[] confoundScores(List<float[]> x, List<Integer> y, List<Integer> group) {
        int n = x.size();
        int d = x.get(0).length;
        int groups = group.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int[] foldOf = new int[groups];
        int[] perm = new SplittableRandom(1).ints(0, Integer.MAX_VALUE).limit(groups).toArray();
        Integer[] order = new Integer[groups];
        for (int i = 0; i < groups; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(perm[a], perm[b]));
        for (int i = 0; i < groups; i++) {
            foldOf[order[i]] = i % 5;
        }
        double[] score = new double[n];
        for (int fold = 0; fold < 5; fold++) {
            double[] mean = new double[d];
            double[] sd = new double[d];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (foldOf[group.get(i)] != fold) {
                    m++;
                    for (int j = 0; j < d; j++) {
                        mean[j] += x.get(i)[j];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= m;
            }
            for (int i = 0; i < n; i++) {
                if (foldOf[group.get(i)] != fold) {
                    for (int j = 0; j < d; j++) {
                        sd[j] += Math.pow(x.get(i)[j] - mean[j], 2);
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = Math.sqrt(sd[j] / m) + 1e-9;
            }
            double[] w = new double[d + 1];
            for (int it = 0; it < 2000; it++) {
                double[] grad = new double[d + 1];
                for (int i = 0; i < n; i++) {
                    if (foldOf[group.get(i)] == fold) {
                        continue;
                    }
                    double z = w[d];
                    for (int j = 0; j < d; j++) {
                        z += w[j] * (x.get(i)[j] - mean[j]) / sd[j];
                    }
                    double err = 1 / (1 + Math.exp(-z)) - y.get(i);
                    for (int j = 0; j < d; j++) {
                        grad[j] += err * (x.get(i)[j] - mean[j]) / sd[j];
                    }
                    grad[d] += err;
                }
                for (int j = 0; j <= d; j++) {
                    w[j] -= 0.1 * (grad[j] / m + (j < d ? 1e-2 * w[j] : 0));
                }
            }
            for (int i = 0; i < n; i++) {
                if (foldOf[group.get(i)] == fold) {
                    double z = w[d];
                    for (int j = 0; j < d; j++) {
                        z += w[j] * (x.get(i)[j] - mean[j]) / sd[j];
                    }
                    score[i] = z;
                }
            }
        }
        return score;
    }

    /** ROC AUC: the probability that a positive scores above a negative (ties count half). */
    static double auc(double[] score, List<Integer> y) {
        double s = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (y.get(i) == 1 && y.get(j) == 0) {
                    s += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return s / pairs;
    }



    /** {@code s} with its first value repeated at {@code from} when it starts above it (the flat pre-edge a shift moved off the grid). */
    private static Spectrum padded(Spectrum s, double from, String element) {
        double[] e = s.energyEv();
        double[] m = s.mu();
        if (e[0] <= from) {
            return s;
        }
        double[] e2 = new double[e.length + 1];
        double[] m2 = new double[m.length + 1];
        e2[0] = from;
        m2[0] = m[0];
        System.arraycopy(e, 0, e2, 1, e.length);
        System.arraycopy(m, 0, m2, 1, m.length);
        return Spectrum.computed(s.id(), element, e2, m2);
    }

    private static double[] sorted(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double med(double[] s) {
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] s) {
        return s.length == 0 ? Double.NaN : s[0];
    }

    private static double pct(double[] s, double q) {
        // Nearest rank: the smallest value with at least a share q of the values at or below it.
        return s.length == 0 ? Double.NaN : s[Math.max(0, (int) Math.ceil(q * s.length) - 1)];
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.2f", v);
    }
}
