package org.xaneslce.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.model.Augmentation;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;
import org.xaneslce.util.Correlation;

/**
 * Does training on spectra aligned as predict aligns a measured one undo the loss of the measured
 * path (bench measured-path)? SITES raw FEFF 9 Cu runs of the open-set dataset are held out with
 * every other site of their materials; two CNNs are trained on the rest with the shipped options
 * (augment measured, seed 1): A on the spectra as computed, B on the same spectra each first shifted
 * (on the grid, ends held) to its best Pearson correlation with the training mean within +-10 eV
 * (canonical alignment). The held-out runs are then classified as computed (A) and as measured
 * (offset 0..5 eV, sigma 0 and 1 eV; A and B, each aligning to its own mean), per class. Usage:
 * {@code java -jar xlce-bench.jar canonical [SHARED_DATA] [SITES]}.
 */
final class CanonicalAlignment {
    private CanonicalAlignment() {
    }

    static void run(Path shared, int sites) throws Exception {
        Path home = org.xaneslce.api.Installation.home().orElse(Path.of("."));
        Dataset d = DatasetFiles.read(home.resolve("data/dataset-open/Cu.csv.gz"));
        SplittableRandom rng = new SplittableRandom(5);
        List<Dataset.Entry> held = MeasuredPath.draw(shared, d, sites, rng);
        Set<String> heldMaterials = new HashSet<>();
        held.forEach(e -> heldMaterials.add(e.material()));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (!heldMaterials.contains(d.entries().get(i).material())) {
                keep.add(i);
            }
        }
        Dataset train = d.subset(keep.stream().mapToInt(Integer::intValue).toArray());
        System.out.printf(Locale.ROOT, "Cu open set: %d spectra; held out %d runs (%d materials, all their sites out of training); training on %d%n",
            d.size(), held.size(), heldMaterials.size(), train.size());
        ModelOptions o = ModelService.options(Network.Kind.cnn, false, ModelOptions.Augment.measured, 50, false, 1);
        long t0 = System.nanoTime();
        Classifier a = Classifier.train(train, o, 0, "bench");
        double ta = (System.nanoTime() - t0) / 1e9;
        Dataset canon = canonical(train, 10);
        t0 = System.nanoTime();
        Classifier b = Classifier.train(canon, o, 0, "bench");
        double tb = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "trained A in %.0f s, B in %.0f s%n", ta, tb);
        Predictor pa = new Predictor(Map.of("Cu", a));
        Predictor pb = new Predictor(Map.of("Cu", b));
        for (double sigma : new double[] {0, 1.0}) {
            Map<String, int[]> byClass = new TreeMap<>();
            Map<String, List<Double>> gap = new TreeMap<>();
            int[] refused = new int[2];
            SplittableRandom off = new SplittableRandom(7);
            float[] bMean = mean(canon);
            for (Dataset.Entry e : held) {
                Spectrum s = SpectrumFormats.read(MeasuredPath.xmu(shared, e)).get(0);
                double offset = 5 * off.nextDouble();
                Spectrum m = MeasuredPath.asMeasured(s, offset, sigma);
                float[] grid = Levels.onGrid(s, d.grid());
                try {
                    // the shift predict finds for the measured copy (less its offset) against the one training used on the grid
                    if (grid != null) {
                        double found = pb.predict(m, "as measured").shiftEv() + offset;
                        gap.computeIfAbsent(e.coordinationClass().name(), k -> new ArrayList<>()).add(found - bestShift(grid, d.grid(), bMean, 10));
                    }
                } catch (org.xaneslce.io.InputException x) {
                    // counted as refused below
                }
                int[] c = byClass.computeIfAbsent(e.coordinationClass().name(), k -> new int[4]);
                c[0]++;
                c[1] += name(pa.predict(s, "computed")).equals(e.coordinationClass().name()) ? 1 : 0;
                c[2] += right(pa, m, e, refused, 0);
                c[3] += right(pb, m, e, refused, 1);
            }
            System.out.printf(Locale.ROOT, "held-out Cu FEFF 9 runs as measured: offset 0..+5 eV, sigma %.1f eV; refused A %d, B %d%n", sigma,
                refused[0], refused[1]);
            System.out.println("| label | runs | A as computed | A as measured | B (canonical) as measured |");
            System.out.println("|---|---|---|---|---|");
            double[] recall = new double[3];
            for (Map.Entry<String, int[]> x : byClass.entrySet()) {
                int[] c = x.getValue();
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", x.getKey(), c[0], c[1], c[2], c[3]);
                for (int k = 0; k < 3; k++) {
                    recall[k] += c[k + 1] / (double) c[0] / byClass.size();
                }
            }
            System.out.printf(Locale.ROOT, "| balanced accuracy | | %.3f | %.3f | %.3f |%n", recall[0], recall[1], recall[2]);
            gap.forEach((k, v) -> {
                double[] x = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "%s: shift predict finds (B) minus the grid canonical shift: median %+.2f, 10th..90th %+.2f..%+.2f eV%n", k,
                    x[x.length / 2], x[x.length / 10], x[(9 * x.length) / 10]);
            });
        }
    }

    private static String name(Predictor.Result r) {
        return r.prediction().best().name();
    }

    private static int right(Predictor p, Spectrum m, Dataset.Entry e, int[] refused, int k) {
        try {
            return name(p.predict(m, "as measured")).equals(e.coordinationClass().name()) ? 1 : 0;
        } catch (org.xaneslce.io.InputException x) {
            refused[k]++;
            return 0;
        }
    }

    private static float[] mean(Dataset d) {
        float[] mean = new float[d.grid().count()];
        for (Dataset.Entry e : d.entries()) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += e.value(i) / d.size();
            }
        }
        return mean;
    }

    private static double bestShift(float[] mu, EnergyGrid g, float[] template, double searchEv) {
        double best = -2;
        double at = 0;
        for (double s = -searchEv; s <= searchEv + 1e-9; s += 0.1) {
            double r = Correlation.pearson(Augmentation.shift(mu, g, s), template);
            if (r > best) {
                best = r;
                at = s;
            }
        }
        return at;
    }

    /** Each spectrum shifted on the grid (ends held) to its best Pearson r with the dataset's mean spectrum within +-searchEv. */
    static Dataset canonical(Dataset d, double searchEv) {
        EnergyGrid g = d.grid();
        float[] mean = mean(d);
        List<Dataset.Entry> out = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            float[] mu = e.mu();
            out.add(new Dataset.Entry(e.material(), e.site(), e.coordinationClass(), e.label(), e.csm(), e.margin(), e.cn(),
                e.meanDistanceAngstrom(), Augmentation.shift(mu, g, bestShift(mu, g, mean, searchEv))));
        }
        return new Dataset(d.element(), g, d.levelOfTheory(), out, d.provenance());
    }
}
