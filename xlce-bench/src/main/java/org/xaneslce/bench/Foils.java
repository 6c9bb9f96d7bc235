package org.xaneslce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.simulation.FeffCards;
import org.xaneslce.simulation.FeffRunner;
import org.xaneslce.simulation.SiteRun;
import org.xaneslce.spectrum.Spectrum;

/**
 * Computes the metal foils' K-edge spectra with FEFF10 and the FEFF 9 library cards (the level of
 * the FEFF 9 datasets, measured identical) and writes each as a two-column file beside its
 * structure: {@code data/foils/<El>-<lattice>.cif} gives {@code <El>-<lattice>.feff10-mp.dat}. The
 * foils tell how FEFF places a metal's edge against the tabulated one (bench energy-scale; they do not serve
 * as the energy scale of oxides: EnergyScale). Usage: {@code foils FEFF10_HOME [FOLDER [TIMEOUT_S]]};
 * a foil whose spectrum exists is skipped.
 */
final class Foils {
    private Foils() {
    }

    static void run(Path feffHome, Path folder, long timeout) throws IOException {
        FeffRunner runner = FeffRunner.feff10(feffHome, timeout);
        FeffCards cards = FeffCards.preset("mp").orElseThrow();
        List<Path> cifs = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().endsWith(".cif")).sorted().forEach(cifs::add);
        }
        Path work = Files.createTempDirectory("xlce-foils");
        for (Path cif : cifs) {
            String name = cif.getFileName().toString().replaceFirst("\\.cif$", "");
            Path out = folder.resolve(name + ".feff10-mp.dat");
            if (Files.exists(out)) {
                System.out.println(name + ": have " + out);
                continue;
            }
            String element = name.substring(0, name.indexOf('-'));
            SiteRun r = SiteRun.run(new Campaign.SiteRef(name, 0, cif), element, cards, 9.0, runner, work);
            if (!r.ok()) {
                System.out.printf(Locale.ROOT, "%s: FAILED after %.0f s: %s%n", name, r.seconds(), r.failure());
                continue;
            }
            Spectrum sp = r.spectrum();
            StringBuilder b = new StringBuilder();
            b.append("# ").append(element).append(" K edge of ").append(name).append(" (data/foils/").append(name).append(".cif), site 0\n");
            b.append("# FEFF10, cards '").append(cards.name()).append("' SHA-256 ").append(cards.sha256()).append(", radius 9.0 A, cluster SHA-256 ")
                .append(r.clusterSha256()).append('\n');
            b.append(String.format(Locale.ROOT, "# computed by xlce-bench foils in %.0f s, peak memory %s kB%n", r.seconds(),
                r.peakKilobytes().isPresent() ? Long.toString(r.peakKilobytes().getAsLong()) : "n/a"));
            b.append("# energy_eV mu\n");
            double[] e = sp.energyEv();
            double[] mu = sp.mu();
            for (int i = 0; i < e.length; i++) {
                b.append(String.format(Locale.ROOT, "%.4f %.6e%n", e[i], mu[i]));
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, b.toString());
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "%s: %d points, %.0f s, wrote %s%n", name, sp.size(), r.seconds(), out);
            FeffRunner.delete(r.runDir());
        }
    }
}
