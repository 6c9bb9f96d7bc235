package org.xaneslce.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyScale;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * Checks the energy scale of EnergyScale against measured pairs: for each absorber with a computed
 * foil, the foil's first inflection and the offset; then, for each measured spectrum that has a
 * FEFF 9-level partner (the computed foil of the same metal, or a FEFF 9 run of the same
 * compound), the measured first inflection, and the shift that best aligns the measured spectrum
 * to its partner (Pearson r over the partner's first 35 eV, the partner broadened by 1 eV): that
 * shift is the pair's own offset, to compare with the foil's. Usage: {@code java -jar
 * xlce-bench.jar energy-scale SHARED_DATA}.
 */
final class EnergyScaleCheck {
    private EnergyScaleCheck() {
    }

    static void run(Path shared) throws Exception {
        EnergyScale scale = EnergyScale.feff9();
        System.out.println("| absorber | foil | tabulated edge (eV) | FEFF first inflection (eV) | offset (eV) |");
        System.out.println("|---|---|---|---|---|");
        for (EnergyScale.Reference r : scale.references()) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.2f | %+.2f |%n", r.element(), r.foil(), r.tabulatedEv(), r.feffEv(), r.offsetEv());
        }
        System.out.println();
        System.out.println("| measured | partner (FEFF 9 level) | measured first inflection (eV) | pair's own offset (eV) | r | foil offset (eV) |");
        System.out.println("|---|---|---|---|---|---|");
        Path fx = shared.resolve("experimental-fixtures");
        pair(scale, fx.resolve("cu.xmu"), "Cu", null);
        pair(scale, fx.resolve("cu_metal_rt.xdi"), "Cu", null);
        pair(scale, fx.resolve("co_metal_rt.xdi"), "Co", null);
        pair(scale, fx.resolve("CuO_tenorite_13K_01.xdi"), "Cu", shared.resolve("feff9-cu/mp-1692/FEFF-XANES/000_Cu/xmu.dat"));
    }

    private static void pair(EnergyScale scale, Path measured, String element, Path computed) throws Exception {
        Spectrum m = SpectrumFormats.read(measured).get(0);
        Spectrum flat = m.withMu(Normalization.auto(m).flat());
        EnergyScale.Reference ref = scale.reference(element).orElse(null);
        Spectrum partner;
        String partnerName;
        if (computed == null) {
            if (ref == null) {
                System.out.println("| " + measured.getFileName() + " | no computed " + element + " foil | | | | |");
                return;
            }
            partner = EnergyScale.readFoil(ref.foil()).orElseThrow();
            partnerName = ref.foil() + " (FEFF10, cards mp)";
        } else {
            partner = SpectrumFormats.read(computed).get(0);
            partnerName = shared(computed);
        }
        double infl = EnergyScale.firstInflectionMeasured(m);
        // the partner broadened by 1 eV (a measured spectrum's resolution and more), compared over its first 35 eV
        double lo = partner.minEnergyEv();
        double[] e = new double[701];
        double[] mu = new double[e.length];
        org.xaneslce.spectrum.CubicSpline sp = new org.xaneslce.spectrum.CubicSpline(partner.energyEv(), partner.mu());
        for (int i = 0; i < e.length; i++) {
            e[i] = lo + 0.05 * i;
            mu[i] = sp.value(e[i]);
        }
        Spectrum b = Spectrum.computed("partner", element, e, EnergyScale.gaussian(mu, 1.0 / 0.05));
        Alignment a = Alignment.align(flat, b, lo, lo + 35, 40, 0.05);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %+.2f | %.4f | %s |%n", measured.getFileName(), partnerName, infl, a.shiftEv(), a.pearson(),
            ref == null ? "n/a" : String.format(Locale.ROOT, "%+.2f", ref.offsetEv()));
    }

    private static String shared(Path p) {
        String s = p.toString();
        int i = s.indexOf("feff9-cu");
        return i < 0 ? s : s.substring(i);
    }
}
