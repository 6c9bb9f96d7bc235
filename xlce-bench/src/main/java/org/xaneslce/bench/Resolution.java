package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.io.ReadOptions;
import org.xaneslce.model.Augmentation;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * How much broader is a measured spectrum than FEFF's spectrum of the same site? The computed
 * spectrum is placed on the absorber's model grid, max-normalized and broadened by a Gaussian of
 * sigma 0 to 5 eV; the measured one normalized as predict does and aligned to each (the shift of
 * best Pearson r, over the whole grid). The sigma of the best r is the extra broadening that the
 * {@code measured} augmentation should cover. Usage: {@code java -jar xlce-bench.jar resolution
 * MEASURED COMPUTED_XMU MODEL_FILE} (e.g. experimental-fixtures/CuO_tenorite_13K_01.xdi,
 * feff9-cu/mp-1692/FEFF-XANES/000_Cu/xmu.dat, models/Cu-cnn.json).
 */
final class Resolution {
    private Resolution() {
    }

    static void run(Path measured, Path computed, Path model) throws Exception {
        Classifier c = ModelFiles.read(model);
        EnergyGrid g = c.grid();
        Spectrum m = SpectrumFormats.read(measured).get(0);
        Spectrum flat = m.withMu(Normalization.auto(m).flat());
        Spectrum f = SpectrumFormats.read(computed).get(0);
        float[] on = new float[g.count()];
        double[] v = Resampler.maxNormalized(Resampler.onto(f, g, 0.05));
        for (int i = 0; i < on.length; i++) {
            on[i] = (float) v[i];
        }
        System.out.printf(Locale.ROOT, "%s against %s on the %s grid%n", measured.getFileName(), computed, g);
        System.out.println("| broadening sigma (eV) | shift (eV) | Pearson r |");
        System.out.println("|---|---|---|");
        for (double sigma = 0; sigma <= 5.0001; sigma += 0.5) {
            float[] b = Augmentation.broaden(on, g, sigma);
            double[] ref = new double[b.length];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = b[i];
            }
            Alignment a = Alignment.align(flat, Spectrum.computed("FEFF", f.absorber().orElse("?"), g.energies(), ref), g.startEv(), g.endEv(),
                40, 0.05);
            System.out.printf(Locale.ROOT, "| %.2f | %+.2f | %.4f |%n", sigma, a.shiftEv(), a.pearson());
        }
    }

    /**
     * The same question over a set: each oxygen-ligand spectrum of ../shared/data/measured-dev whose
     * absorber has a FEFF 9 dataset, as predict places it on the model grid, against every spectrum
     * of that dataset broadened by sigma: the best Pearson r per sigma (the nearest computed
     * spectrum), and the sigma where it peaks. Usage: {@code java -jar xlce-bench.jar resolution-set
     * SHARED_DATA DATASET_FOLDER}.
     */
    static void runSet(Path shared, Path datasets) throws Exception {
        Predictor p = Predictor.load(org.xaneslce.api.Installation.home().orElse(Path.of(".")).resolve("models"), "cnn");
        Path dir = shared.resolve("measured-dev");
        List<String> lines = Files.readAllLines(dir.resolve("LABELS.tsv"));
        double[] sigmas = {0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0};
        System.out.println("| spectrum | element | best r at sigma 0 | best sigma (eV) | best r there |");
        System.out.println("|---|---|---|---|---|");
        List<Double> best = new ArrayList<>();
        java.util.Map<String, Dataset> cache = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length < 4 || !Measured.ligands(f[3]).equals("O") || !Files.exists(datasets.resolve(f[1] + ".csv.gz"))) {
                continue;
            }
            Dataset d = cache.computeIfAbsent(f[1], el -> {
                try {
                    return DatasetFiles.read(datasets.resolve(el + ".csv.gz"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Spectrum s = SpectrumFormats.read(dir.resolve(f[0]), new ReadOptions(Optional.empty(), Optional.empty(), Optional.of(f[1]),
                Optional.of("K"))).get(0);
            Predictor.Result r;
            try {
                r = p.predict(s, f[0]);
            } catch (org.xaneslce.io.InputException e) {
                System.out.println("| " + f[0] + " | " + f[1] + " | refused: " + e.getMessage() + " | | |");
                continue;
            }
            float[] x = r.onGrid();
            double[] top = new double[sigmas.length];
            Arrays.fill(top, -1);
            for (Dataset.Entry e : d.entries()) {
                for (int k = 0; k < sigmas.length; k++) {
                    top[k] = Math.max(top[k], org.xaneslce.util.Correlation.pearson(x, Augmentation.broaden(e.mu(), d.grid(), sigmas[k])));
                }
            }
            int kb = 0;
            for (int k = 1; k < sigmas.length; k++) {
                kb = top[k] > top[kb] ? k : kb;
            }
            best.add(sigmas[kb]);
            String name = dir.resolve(f[0]).getFileName().toString();
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.1f | %.4f |%n", name.length() > 50 ? name.substring(0, 50) : name, f[1], top[0],
                sigmas[kb], top[kb]);
        }
        double[] b = best.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%d spectra: best sigma median %.1f eV, 25th..75th percentile %.1f..%.1f eV%n", b.length, b[b.length / 2],
            b[b.length / 4], b[(3 * b.length) / 4]);
    }
}
