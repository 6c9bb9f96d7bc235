package org.xaneslce.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * Which reference should a measured spectrum be aligned to? The runs of {@link MeasuredPath}
 * (raw FEFF 9 Cu runs with a flat pre-edge, offset 0..+5 eV), normalized as predict does and
 * aligned (+-40 eV, only shifts that cover the grid) to (a) the mean of all training spectra, as
 * predict does now, (b) each class's mean training spectrum, keeping the best r, then classified
 * by the shipped Cu CNN alone (no ensemble or calibration); or (c, d) not aligned at all, placed by
 * the offset itself give or take a calibration error drawn from +-1 or +-2 eV: what a fixed
 * FEFF-to-experiment offset per absorber would give energy-calibrated scans. Usage: {@code java -jar xlce-bench.jar
 * alignment-variants [SHARED_DATA] [SITES]}.
 */
final class AlignmentVariants {
    private AlignmentVariants() {
    }

    static void run(Path shared, int sites) throws Exception {
        Path home = org.xaneslce.api.Installation.home().orElse(Path.of("."));
        Classifier c = ModelFiles.read(home.resolve("models/Cu-cnn.json"));
        Dataset d = DatasetFiles.read(home.resolve("data/dataset-open/Cu.csv.gz"));
        EnergyGrid g = c.grid();
        int k = c.classList().length;
        double[][] classMean = new double[k][g.count()];
        int[] count = new int[k];
        double[] all = new double[g.count()];
        for (Dataset.Entry e : d.entries()) {
            int y = e.coordinationClass().ordinal();
            count[y]++;
            for (int i = 0; i < g.count(); i++) {
                classMean[y][i] += e.mu()[i];
                all[i] += e.mu()[i] / d.size();
            }
        }
        for (int y = 0; y < k; y++) {
            for (int i = 0; i < g.count(); i++) {
                classMean[y][i] /= Math.max(1, count[y]);
            }
        }
        SplittableRandom rng = new SplittableRandom(5);
        List<Dataset.Entry> runs = MeasuredPath.draw(shared, d, sites, rng);
        String[] names = {"mean of all training spectra (predict now)", "class means, best r", "none: a fixed offset known to +-1 eV",
            "none: a fixed offset known to +-2 eV"};
        int[][] right = new int[4][k];
        int[] total = new int[k];
        int[] refused = new int[4];
        List<List<Double>> err = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Dataset.Entry e : runs) {
            Spectrum s = SpectrumFormats.read(MeasuredPath.xmu(shared, e)).get(0);
            double offset = 5 * rng.nextDouble();
            Spectrum m = MeasuredPath.asMeasured(s, offset, 0);
            Spectrum flat = m.withMu(Normalization.auto(m).flat());
            int y = e.coordinationClass().ordinal();
            total[y]++;
            double calibrationError = 2 * rng.nextDouble() - 1;
            for (int v = 0; v < 4; v++) {
                double bestR = -2;
                double bestShift = -offset + (v == 2 ? calibrationError : 2 * calibrationError);
                for (double[] ref : v == 0 ? new double[][] {all} : v == 1 ? classMean : new double[0][]) {
                    try {
                        Alignment a = Alignment.align(flat, Spectrum.computed("ref", "Cu", g.energies(), ref), g.startEv(), g.endEv(), 40, 0.05);
                        if (a.pearson() > bestR) {
                            bestR = a.pearson();
                            bestShift = a.shiftEv();
                        }
                    } catch (IllegalArgumentException ex) {
                        // no covering shift: leave this reference out
                    }
                }
                if (v < 2 && bestR == -2) {
                    refused[v]++; // no reference could be aligned: predict refuses such a spectrum, counted as not right
                    continue;
                }
                double[] on = Resampler.maxNormalized(Resampler.onto(flat.shifted(bestShift), g, 0.05));
                float[] f = new float[on.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) on[i];
                }
                float[] p = c.predictOne(f).probabilities();
                int b = 0;
                for (int q = 1; q < p.length; q++) {
                    b = p[q] > p[b] ? q : b;
                }
                right[v][y] += b == y ? 1 : 0;
                err.get(v).add(bestShift + offset);
            }
        }
        System.out.printf(Locale.ROOT, "%d Cu FEFF 9 runs as measured (offset 0..+5 eV), shipped Cu CNN alone%n", runs.size());
        System.out.print("| reference |");
        for (int y = 0; y < k; y++) {
            System.out.print(" " + c.classList()[y] + " right |");
        }
        System.out.println(" refused | shift error median | 10th..90th pct |");
        System.out.println("|---|" + "---|".repeat(k) + "---|---|---|");
        for (int v = 0; v < 4; v++) {
            double[] x = err.get(v).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.print("| " + names[v] + " |");
            for (int y = 0; y < k; y++) {
                System.out.printf(Locale.ROOT, " %d of %d |", right[v][y], total[y]);
            }
            System.out.printf(Locale.ROOT, " %d | %+.2f | %+.2f..%+.2f |%n", refused[v], x[x.length / 2], x[x.length / 10], x[(9 * x.length) / 10]);
        }
    }
}
