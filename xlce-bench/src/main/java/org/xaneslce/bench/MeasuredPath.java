package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionRecord;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * What predict's path for measured spectra (normalization, then alignment to the model's mean
 * training spectrum) does to spectra whose answer is known: raw FEFF 9 Cu runs
 * (../shared/data/feff9-cu, 140 eV wide; a flat pre-edge of 150 eV put in front, as a measured scan
 * has) of the open-set dataset's sites, each moved by a random
 * energy offset of 0 to +MAX_OFFSET_EV (a calibration difference; negative offsets would start the run
 * above the grid) and, in a second pass, also broadened by sigma 1 eV, then marked measured and
 * predicted; beside it the same run predicted as computed (resampled, no alignment). Reports how
 * often the class agrees with the computed path and with the label, and the error of the recovered
 * shift (it should undo the offset), per class. Usage: {@code java -jar xlce-bench.jar measured-path
 * [SHARED_DATA] [SITES] [MAX_OFFSET_EV]} (defaults 400 and 5).
 */
final class MeasuredPath {
    private MeasuredPath() {
    }

    static void run(Path shared, int sites, double maxOffsetEv) throws Exception {
        run(shared, sites, maxOffsetEv, org.xaneslce.predict.Predictor.Placement.ALIGN);
    }

    /**
     * As {@link #run(Path, int, double)}; with a placement other than ALIGN the runs are made to look
     * like calibrated scans instead: moved by minus the absorber's calibrated offset (EnergyScale) plus a
     * calibration error drawn from -MAX_OFFSET_EV..+MAX_OFFSET_EV, and placed as {@code placement} says.
     */
    static void run(Path shared, int sites, double maxOffsetEv, org.xaneslce.predict.Predictor.Placement placement) throws Exception {
        boolean calibrated = placement != org.xaneslce.predict.Predictor.Placement.ALIGN;
        double scale = calibrated ? org.xaneslce.spectrum.EnergyScale.feff9().reference("Cu").orElseThrow().offsetEv() : 0;
        Path home = org.xaneslce.api.Installation.home().orElse(Path.of("."));
        PredictService p = PredictService.load(Optional.of(home.resolve("models")), "cnn");
        SplittableRandom rng = new SplittableRandom(5);
        List<Dataset.Entry> runs = draw(shared, DatasetFiles.read(home.resolve("data/dataset-open/Cu.csv.gz")), sites, rng);
        for (double sigma : new double[] {0, 1.0}) {
            Map<String, int[]> byClass = new TreeMap<>();
            Map<String, List<Double>> shiftErr = new TreeMap<>();
            int refused = 0;
            for (Dataset.Entry e : runs) {
                Spectrum s = SpectrumFormats.read(xmu(shared, e)).get(0);
                double offset = calibrated ? -scale + maxOffsetEv * (2 * rng.nextDouble() - 1) : maxOffsetEv * rng.nextDouble();
                PredictionRecord computed = p.classify(s, "computed");
                PredictionRecord measured = p.classify(asMeasured(s, offset, sigma), "as measured", org.xaneslce.predict.Predictor.DEFAULT_COVERAGE,
                    placement);
                if (!computed.ok()) {
                    throw new IllegalStateException(xmu(shared, e) + ": " + computed.error());
                }
                if (!measured.ok()) {
                    refused++;
                    continue;
                }
                String label = e.coordinationClass().name();
                int[] c = byClass.computeIfAbsent(label, k -> new int[4]);
                c[0]++;
                String asComputed = computed.coordinationClass();
                String asMeasured = measured.coordinationClass();
                c[1] += asMeasured.equals(asComputed) ? 1 : 0;
                c[2] += asComputed.equals(label) ? 1 : 0;
                c[3] += asMeasured.equals(label) ? 1 : 0;
                shiftErr.computeIfAbsent(label, k -> new ArrayList<>()).add(measured.shiftEv() + offset);
            }
            System.out.printf(Locale.ROOT, "Cu FEFF 9 runs as measured spectra, placed %s: offset %s, broadening sigma %.1f eV; %d refused%n",
                placement, calibrated ? String.format(Locale.ROOT, "%+.2f (calibrated scale) +-%.1f eV", -scale, maxOffsetEv)
                    : String.format(Locale.ROOT, "0..+%.0f eV", maxOffsetEv), sigma, refused);
            System.out.println("| label | runs | class as computed = as measured | computed path right | measured path right | shift error median (eV) | 10th..90th pct |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Map.Entry<String, int[]> x : byClass.entrySet()) {
                int[] c = x.getValue();
                double[] err = shiftErr.get(x.getKey()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %+.2f | %+.2f..%+.2f |%n", x.getKey(), c[0], c[1], c[2], c[3],
                    err[err.length / 2], err[err.length / 10], err[(9 * err.length) / 10]);
            }
        }
    }

    /** The open-set dataset's sites that have a raw FEFF 9 run, in a seeded random order, the first {@code sites}. */
    static List<Dataset.Entry> draw(Path shared, Dataset d, int sites, SplittableRandom rng) {
        List<Dataset.Entry> runs = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            if (Files.exists(xmu(shared, e))) {
                runs.add(e);
            }
        }
        for (int i = runs.size() - 1; i > 0; i--) {
            java.util.Collections.swap(runs, i, rng.nextInt(i + 1));
        }
        return runs.subList(0, Math.min(sites, runs.size()));
    }

    /**
     * A FEFF run made to look measured: broadened by {@code sigma} (0: not), a flat pre-edge of 150 eV
     * (the run's first value) put in front (a measured scan starts far below the edge, FEFF's 10 eV
     * below it), energies moved by {@code offset}, marked measured.
     */
    static Spectrum asMeasured(Spectrum s, double offset, double sigma) {
        double[] mu = sigma > 0 ? broaden(s.energyEv(), s.mu(), sigma) : s.mu();
        int pre = 300;
        double[] en = new double[pre + mu.length];
        double[] full = new double[pre + mu.length];
        for (int i = 0; i < pre; i++) {
            en[i] = s.energyEv()[0] - 0.5 * (pre - i) + offset;
            full[i] = mu[0];
        }
        for (int i = 0; i < mu.length; i++) {
            en[pre + i] = s.energyEv()[i] + offset;
            full[pre + i] = mu[i];
        }
        return new Spectrum(s.id() + " as measured", s.absorber(), en, full, true, Map.of());
    }

    static Path xmu(Path shared, Dataset.Entry e) {
        return shared.resolve("feff9-cu").resolve(e.material()).resolve("FEFF-XANES")
            .resolve(String.format(Locale.ROOT, "%03d_Cu", e.site())).resolve("xmu.dat");
    }

    /** Gaussian broadening on an uneven grid (FEFF's), by direct summation. */
    private static double[] broaden(double[] e, double[] mu, double sigma) {
        double[] out = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            double w = 0;
            double v = 0;
            for (int j = 0; j < mu.length; j++) {
                double x = (e[j] - e[i]) / sigma;
                if (Math.abs(x) < 5) {
                    double g = Math.exp(-0.5 * x * x) * (j == 0 ? e[1] - e[0] : e[j] - e[j - 1]);
                    w += g;
                    v += g * mu[j];
                }
            }
            out[i] = v / w;
        }
        return out;
    }
}
