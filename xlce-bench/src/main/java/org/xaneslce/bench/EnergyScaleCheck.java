package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.Edges;
import org.xaneslce.spectrum.EnergyScale;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.ReadOptions;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * Measures the FEFF-to-experiment energy offset per absorber (EnergyScale). Three tables: (1) the
 * metal foils computed with FEFF10 and the FEFF 9 cards ({@code data/foils/*.feff10-mp.dat}, bench
 * {@code foils}): their first inflection point (broadened by 0.5 eV) against the tabulated edge;
 * (2) measured spectra against FEFF 9-level partners of the same material (a computed foil, or the
 * FEFF 9 run of the compound): the measured first inflection, the pair's own offset
 * (EnergyScale.pairOffset) and, where the scan has a reference foil channel, that channel's first
 * inflection and the offset on a calibrated scale; (3) the rows of energy-scale.tsv for the pairs
 * whose calibration is checked. Usage: {@code java -jar xlce-bench.jar energy-scale [SHARED_DATA]
 * [FOILS_FOLDER]}.
 */
final class EnergyScaleCheck {
    private EnergyScaleCheck() {
    }

    static void run(Path shared, Path foils) throws Exception {
        System.out.println("| foil (FEFF10, cards mp) | tabulated edge (eV) | FEFF first inflection, sigma 0.5 eV (eV) | foil offset (eV) |");
        System.out.println("|---|---|---|---|");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(foils)) {
            try (Stream<Path> s = Files.list(foils)) {
                s.filter(p -> p.getFileName().toString().endsWith(".feff10-mp.dat")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".feff10-mp.dat", "");
            String el = name.substring(0, name.indexOf('-'));
            Spectrum sp = foil(f, el);
            double infl = EnergyScale.firstInflection(sp, 0.5, sp.minEnergyEv() + 0.5, sp.minEnergyEv() + 40);
            double tab = Edges.of(el, "K").orElseThrow().energyEv();
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %+.2f |%n", name, tab, infl, infl - tab);
        }
        System.out.println();
        System.out.println("| measured | partner (FEFF 9 level) | measured first inflection (eV) | pair's own offset (eV) | r |"
            + " reference channel first inflection (eV) | offset on a calibrated scale (eV) |");
        System.out.println("|---|---|---|---|---|---|---|");
        Path fx = shared.resolve("experimental-fixtures");
        Path cuFoil = foils.resolve("Cu-fcc.feff10-mp.dat");
        List<String> rows = new ArrayList<>();
        if (Files.exists(cuFoil)) {
            pair(fx.resolve("cu.xmu"), foil(cuFoil, "Cu"), "Cu-fcc (FEFF10, cards mp)", "Cu", null, rows);
            pair(fx.resolve("cu_metal_rt.xdi"), foil(cuFoil, "Cu"), "Cu-fcc (FEFF10, cards mp)", "Cu", null, rows);
        }
        Path cuoRun = shared.resolve("feff9-cu/mp-1692/FEFF-XANES/000_Cu/xmu.dat");
        pair(fx.resolve("CuO_tenorite_13K_01.xdi"), SpectrumFormats.read(cuoRun).get(0), "feff9-cu/mp-1692 site 0 (FEFF 9)", "Cu",
            "ln(itrans/irefer)", rows);
        System.out.println();
        System.out.println("energy-scale.tsv rows (pairs whose scan calibration is checked by its reference channel):");
        rows.forEach(System.out::println);
    }

    private static Spectrum foil(Path f, String element) throws Exception {
        return SpectrumFormats.read(f, new ReadOptions(Optional.empty(), Optional.empty(), Optional.of(element), Optional.of("K"))).get(0);
    }

    private static void pair(Path measured, Spectrum partner, String partnerName, String element, String referenceMu, List<String> rows)
        throws Exception {
        Spectrum m = SpectrumFormats.read(measured).get(0);
        Alignment a = EnergyScale.pairOffset(m, partner);
        double infl = EnergyScale.firstInflectionMeasured(m);
        String ref = "";
        String cal = "";
        if (referenceMu != null) {
            Spectrum r = SpectrumFormats.read(measured, new ReadOptions(Optional.empty(), Optional.of(referenceMu), Optional.of(element),
                Optional.of("K"))).get(0);
            double ri = EnergyScale.firstInflectionMeasured(r);
            double tab = Edges.of(element, "K").orElseThrow().energyEv();
            // the scan reads (ri - tab) too high: a calibrated energy is the scan's minus that, so the offset grows by it
            double offset = a.shiftEv() + (ri - tab);
            ref = String.format(Locale.ROOT, "%.2f", ri);
            cal = String.format(Locale.ROOT, "%+.2f", offset);
            rows.add(String.format(Locale.ROOT, "%s\t%.2f\t%s\t%s\treference foil channel %s inflects at %.2f eV (tabulated %.1f); pair r %.3f",
                element, offset, measured.getFileName(), partnerName, referenceMu, ri, tab, a.pearson()));
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %+.2f | %.4f | %s | %s |%n", measured.getFileName(), partnerName, infl, a.shiftEv(),
            a.pearson(), ref, cal);
    }
}
