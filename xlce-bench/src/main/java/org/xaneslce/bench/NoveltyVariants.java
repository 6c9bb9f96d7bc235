package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionRecord;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.model.Augmentation;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.model.NoveltyDetector;
import org.xaneslce.spectrum.io.ReadOptions;

/**
 * Experiment for the trust issue's novelty item: novelty detectors fitted on the training spectra
 * with and without measured-like nuisances (Gaussian broadening, energy shifts), scored on the
 * measured-dev spectra by ligand group, the foils and CuO of experimental-fixtures, and the
 * training spectra themselves. Usage: {@code java -jar xlce-bench.jar novelty [SHARED_DATA]}.
 */
final class NoveltyVariants {
    private NoveltyVariants() {
    }

    record Variant(String name, double[] sigmas, double[] shifts, int components, boolean raw, double quantile) {
        Variant(String name, double[] sigmas, double[] shifts, int components) {
            this(name, sigmas, shifts, components, false, 0.99);
        }

        Variant(String name, double[] sigmas, double[] shifts, int components, boolean raw) {
            this(name, sigmas, shifts, components, raw, 0.99);
        }
    }

    static final double[] B = {0.5, 1.0, 1.5, 2.0};
    static final double[] S = {-2, -1, 1, 2};

    static final List<Variant> VARIANTS = List.of(
        new Variant("shipped (training spectra, 10 PCs)", new double[0], new double[0], 10),
        new Variant("raw mu, training, 5 PCs", new double[0], new double[0], 5, true),
        new Variant("raw mu, + broadening, 5 PCs", B, new double[0], 5, true),
        new Variant("measured-aware, thresholds on originals", B, new double[0], 5, true, -1),
        new Variant("raw mu, + broadening, 4 PCs", B, new double[0], 4, true),
        new Variant("raw mu, + broadening, 6 PCs", B, new double[0], 6, true));

    static NoveltyDetector fit(Classifier c, Dataset d, Variant v) {
        if (v.quantile() < 0) {
            int dim = d.grid().count();
            float[] x = new float[d.size() * dim];
            for (int i = 0; i < d.size(); i++) {
                System.arraycopy(d.entries().get(i).mu(), 0, x, i * dim, dim);
            }
            return NoveltyDetector.fitMeasuredAware(x, d.size(), d.grid());
        }
        List<float[]> rows = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            float[] mu = e.mu();
            rows.add(mu);
            for (double s : v.sigmas()) {
                float[] b = Augmentation.broaden(mu, d.grid(), s);
                rows.add(b);
                for (double sh : v.shifts()) {
                    rows.add(Augmentation.shift(b, d.grid(), sh));
                }
            }
            for (double sh : v.shifts()) {
                rows.add(Augmentation.shift(mu, d.grid(), sh));
            }
        }
        int dim = d.grid().count();
        float[] x = new float[rows.size() * dim];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * dim, dim);
        }
        return NoveltyDetector.fit(v.raw() ? x : c.standardizer().apply(x, rows.size()), rows.size(), dim, v.components(), v.quantile());
    }

    static void run(Path shared) throws Exception {
        PredictService service = PredictService.load(Optional.empty(), "cnn");
        Map<String, Map<String, NoveltyDetector>> detectors = new TreeMap<>();
        Map<String, Classifier> models = new TreeMap<>();
        for (String el : service.elements()) {
            Classifier c = ModelFiles.read(service.modelsDir().resolve(el + "-cnn.json"));
            Path open = Path.of("data/dataset-open/" + el + ".csv.gz");
            Dataset d = DatasetFiles.read(Files.exists(open) && c.classList().length == 4 ? open : Path.of("data/dataset/" + el + ".csv.gz"));
            models.put(el, c);
            Map<String, NoveltyDetector> m = new LinkedHashMap<>();
            for (Variant v : VARIANTS) {
                m.put(v.name(), fit(c, d, v));
            }
            detectors.put(el, m);
            // Training spectra flagged (unaugmented), per variant.
            StringBuilder b = new StringBuilder(el + " training spectra flagged:");
            for (Variant v : VARIANTS) {
                int flagged = 0;
                for (Dataset.Entry e : d.entries()) {
                    if (m.get(v.name()).score(v.raw() ? e.mu() : c.standardizer().apply(e.mu(), 1)).novel()) {
                        flagged++;
                    }
                }
                b.append(String.format(Locale.ROOT, " %.3f", flagged / (double) d.size()));
            }
            System.out.println(b);
            // Held-out computed spectra: the shipped detector kind fitted on 4 of 5 folds by material, scored on the fifth.
            String[] groups = d.entries().stream().map(Dataset.Entry::material).toArray(String[]::new);
            int[][] folds = org.xaneslce.evaluation.Splits.byGroup(groups, 5, 1);
            int held = 0;
            int total = 0;
            int dim = d.grid().count();
            for (int[] test : folds) {
                int[] fit = org.xaneslce.evaluation.Splits.complement(test, d.size());
                float[] x = new float[fit.length * dim];
                for (int i = 0; i < fit.length; i++) {
                    System.arraycopy(d.entries().get(fit[i]).mu(), 0, x, i * dim, dim);
                }
                NoveltyDetector nd = NoveltyDetector.fitMeasuredAware(x, fit.length, d.grid());
                for (int i : test) {
                    held += nd.score(d.entries().get(i).mu()).novel() ? 1 : 0;
                    total++;
                }
            }
            System.out.printf(Locale.ROOT, "%s held-out computed spectra flagged by the shipped detector (5 folds by material): %d of %d (%.3f)%n",
                el, held, total, held / (double) total);
        }
        Path dir = shared.resolve("measured-dev");
        List<String> lines = Files.readAllLines(dir.resolve("LABELS.tsv"));
        Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> rejected = new LinkedHashMap<>();
        List<String[]> inputs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length >= 4) {
                inputs.add(new String[] {dir.resolve(f[0]).toString(), f[1], Measured.ligands(f[3])});
            }
        }
        Path fx = shared.resolve("experimental-fixtures");
        inputs.add(new String[] {fx.resolve("cu_metal_rt.xdi").toString(), "Cu", "foil"});
        inputs.add(new String[] {fx.resolve("co_metal_rt.xdi").toString(), "Co", "foil"});
        inputs.add(new String[] {fx.resolve("cu.xmu").toString(), "Cu", "foil"});
        inputs.add(new String[] {fx.resolve("CuO_tenorite_13K_01.xdi").toString(), "Cu", "CuO"});
        for (String[] in : inputs) {
            PredictionRecord r = service.predict(List.of(Path.of(in[0])), new ReadOptions(Optional.empty(), Optional.empty(),
                Optional.of(in[1]), Optional.of("K")), null).records().get(0);
            if (!r.ok()) {
                continue;
            }
            Classifier c = models.get(r.element());
            float[] st = c.standardizer().apply(r.onGrid(), 1);
            for (Variant v : VARIANTS) {
                NoveltyDetector nd = detectors.get(r.element()).get(v.name());
                double ratio = nd.score(v.raw() ? r.onGrid() : st).ratio(nd);
                scores.computeIfAbsent(v.name(), k -> new TreeMap<>()).computeIfAbsent(in[2], k -> new ArrayList<>()).add(ratio);
                rejected.computeIfAbsent(v.name(), k -> new TreeMap<>()).merge(in[2], ratio > 1 || r.coordinationClass().equals("OTHER") ? 1 : 0,
                    Integer::sum);
            }
        }
        for (Variant v : VARIANTS) {
            Map<String, List<Double>> g = scores.get(v.name());
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-38s", v.name()));
            for (Map.Entry<String, List<Double>> e : g.entrySet()) {
                long flagged = e.getValue().stream().filter(x -> x > 1).count();
                b.append(String.format(Locale.ROOT, " | %s %d/%d (rej %d)", e.getKey(), flagged, e.getValue().size(),
                    rejected.get(v.name()).get(e.getKey())));
            }
            List<Double> neg = g.get("O");
            for (String grp : List.of("S", "Cl")) {
                b.append(String.format(Locale.ROOT, " | AUC %s %.3f", grp, auc(g.getOrDefault(grp, List.of()), neg)));
            }
            System.out.println(b);
        }
    }

    static double auc(List<Double> pos, List<Double> neg) {
        double s = 0;
        for (double p : pos) {
            for (double n : neg) {
                s += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return s / Math.max(1, pos.size() * neg.size());
    }
}
