package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.api.PredictService;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.ReadOptions;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * What the trust features cost at prediction time: the shipped models folder (classifiers with
 * calibration, ensembles, geometry models) against the same classifiers alone, on the measured
 * fixtures (CuO, foils, the Fe Athena project): load time and time per spectrum (median of 5
 * passes over 100 spectra after 3 warm-up passes). Usage: {@code java -jar xlce-bench.jar predict-cost [SHARED_DATA]}.
 */
final class PredictCost {
    private PredictCost() {
    }

    static void run(Path shared) throws Exception {
        Path full = org.xaneslce.api.Installation.models(Optional.empty());
        Path bare = Files.createTempDirectory("xlce-bare-models");
        try (var s = Files.list(full)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith("-cnn.json")) {
                    Files.copy(p, bare.resolve(p.getFileName()));
                }
            }
        }
        List<Spectrum> spectra = new ArrayList<>();
        Path fx = shared.resolve("experimental-fixtures");
        for (String f : List.of("CuO_tenorite_13K_01.xdi", "cu_metal_rt.xdi", "co_metal_rt.xdi", "athena_json_kind.prj", "cu.prj")) {
            spectra.addAll(SpectrumFormats.read(fx.resolve(f), ReadOptions.NONE));
        }
        for (Path dir : List.of(bare, full)) {
            long t0 = System.nanoTime();
            PredictService svc = PredictService.load(Optional.of(dir), "cnn");
            double load = (System.nanoTime() - t0) / 1e6;
            double[] pass = new double[8];
            for (int p = 0; p < pass.length; p++) {
                long t1 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    Spectrum s = spectra.get(i % spectra.size());
                    svc.classify(s, s.id());
                }
                pass[p] = (System.nanoTime() - t1) / 1e6 / 100;
            }
            double[] measured = java.util.Arrays.copyOfRange(pass, 3, 8);
            java.util.Arrays.sort(measured);
            long bytes;
            try (var s = Files.list(dir)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f MB | load %.0f ms | %.2f ms per spectrum |%n", dir == bare ? "classifiers only" : "shipped (calibration,"
                + " ensembles, geometry)", bytes / 1e6, load, measured[2]);
        }
        try (var s = Files.list(bare)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(bare);
    }
}
