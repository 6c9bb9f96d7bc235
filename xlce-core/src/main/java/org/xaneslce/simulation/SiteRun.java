package org.xaneslce.simulation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * One site's FEFF run, with no database: read the structure, check the site is the absorber, write
 * the input with the cards, run FEFF in {@code workDir/<material>_<site>}, read the spectrum. Used
 * by campaigns (which store the result) and by the Spark job (which writes it to its output).
 *
 * @param site the site
 * @param structure the structure read (null when it could not be read)
 * @param spectrum the spectrum (null when the run failed)
 * @param failure why the run failed (null when it did not)
 * @param clusterSha256 the cluster fingerprint (null when no input was written)
 * @param seconds wall time of the whole step
 * @param peakKilobytes the FEFF run's peak memory, when measured
 * @param runDir the folder the run used
 * @param note what a user of the spectrum should know about how it was made (a retry with gentler
 *     SCF mixing), or null
 */
public record SiteRun(Campaign.SiteRef site, Structure structure, Spectrum spectrum, String failure, String clusterSha256, double seconds,
                      OptionalLong peakKilobytes, Path runDir, String note) {
    /** What FEFF10's SCF says when its loop oscillates and it gives up. */
    static final String SCF_OSCILLATES = "Bad counts found repeatedly";

    /** True when a spectrum came out. */
    public boolean ok() {
        return failure == null;
    }

    /** The database item name of a site: "mp-1/003_Cu". */
    public static String item(Campaign.SiteRef s, String element) {
        return item(s.material(), s.site(), element);
    }

    /** The database item name of site {@code site} of {@code material}: "mp-1/003_Cu". */
    public static String item(String material, int site, String element) {
        return material + "/" + String.format(Locale.ROOT, "%03d", site) + "_" + element;
    }

    /** Runs FEFF for {@code s} (absorber {@code element}) with {@code cards} in a folder under {@code workDir}. */
    public static SiteRun run(Campaign.SiteRef s, String element, FeffCards cards, double radius, FeffRunner runner, Path workDir) {
        long t0 = System.nanoTime();
        Path dir = workDir.resolve(s.material() + "_" + String.format(Locale.ROOT, "%03d", s.site()));
        Structure structure = null;
        Spectrum spectrum = null;
        String failure = null;
        String cluster = null;
        String note = null;
        try {
            structure = StructureFormats.read(s.structureFile());
            if (s.site() < 0 || s.site() >= structure.size() || !structure.site(s.site()).element().equals(element)) {
                throw new InputException(s.structureFile().toString(), 0, "site " + s.site() + " is "
                    + (s.site() >= 0 && s.site() < structure.size() ? structure.site(s.site()).element() : "missing") + ", not " + element);
            }
            FeffInput input = FeffInput.of(structure, s.site(), radius, cards);
            cluster = input.clusterSha256();
            try {
                spectrum = runner.run(dir, input.text(), item(s, element)).withAbsorber(element);
            } catch (InputException e) {
                java.util.Optional<FeffCards> gentle = cards.gentleScf();
                if (!e.getMessage().contains(SCF_OSCILLATES) || gentle.isEmpty()) {
                    throw e;
                }
                // The SCF loop oscillated: once more with gentler mixing, the same physics (FeffCards.gentleScf).
                String scf = gentle.get().text().lines().filter(l -> l.startsWith("SCF")).findFirst().orElse("SCF");
                try {
                    spectrum = runner.run(dir, FeffInput.of(structure, s.site(), radius, gentle.get()).text(), item(s, element)).withAbsorber(element);
                    note = "SCF oscillated with the cards' mixing (FEFF: " + SCF_OSCILLATES + "); converged with " + scf + " (cards SHA-256 "
                        + gentle.get().sha256() + ")";
                } catch (InputException again) {
                    throw new InputException(dir.toString(), 0, e.getMessage() + "; retried with " + scf + ": " + again.getMessage());
                }
            }
        } catch (InputException e) {
            failure = e.getMessage();
        }
        return new SiteRun(s, structure, spectrum, failure, cluster, (System.nanoTime() - t0) / 1e9, FeffRunner.peakKilobytes(dir), dir, note);
    }
}
