package org.xaneslce.api;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.simulation.FeffCards;
import org.xaneslce.simulation.FeffRunner;
import org.xaneslce.simulation.SiteRun;

/**
 * Simulate: the FEFF set-up of a campaign (code, cards, executable), site lists, one site's run
 * without a database, and campaign archives; used by {@code xlce simulate} and the Spark job.
 */
public final class SimulateService {
    private static final Pattern ID = Pattern.compile("((?:mp|mvc)-\\d+)_(\\d+)");

    /**
     * A FEFF set-up, small enough to travel to Spark executors.
     *
     * @param element absorber
     * @param code feff8l, feff9 or feff10
     * @param cards card set name (mp, fast, medium, fine; feff8l for feff8l)
     * @param executable the FEFF executable (feff8l, feff9) or the FEFF10 installation folder
     * @param radius cluster radius, Angstrom
     * @param timeoutSeconds per-site limit
     */
    public record Setup(String element, String code, String cards, String executable, double radius, long timeoutSeconds) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Checks the set-up.
         *
         * @throws IllegalArgumentException for an unknown code or card set, or cards that the code does not run
         */
        public Setup {
            FeffCards c = cardsOf(code, cards);
            cards = c.name();
        }

        /** The card set. */
        public FeffCards feffCards() {
            return cardsOf(code, cards);
        }

        /** A runner (checks that a FEFF10 installation is there). */
        public FeffRunner runner() {
            return FeffCards.Code.parse(code) == FeffCards.Code.FEFF10 ? FeffRunner.feff10(Path.of(executable), timeoutSeconds)
                : new FeffRunner(executable, timeoutSeconds);
        }

        /** The level of theory of the spectra ("FEFF9", "FEFF10:fast", "feff8l"). */
        public String levelOfTheory() {
            return feffCards().levelOfTheory();
        }

        /** The cards' SHA-256. */
        public String cardsSha256() {
            return feffCards().sha256();
        }

        /** The default campaign name: {@code <El>-<code>[-<cards>]}. */
        public String defaultName() {
            FeffCards.Code c = FeffCards.Code.parse(code);
            return element + "-" + c.id() + (c == FeffCards.Code.FEFF10 ? "-" + cards : "");
        }
    }

    /** Sites read from a site list, and the ids left out by reason. */
    public record Sites(List<Campaign.SiteRef> sites, Map<String, Integer> skipped) {
    }

    /** The environment variable that names a FEFF10 installation. */
    public static final String FEFF10_HOME_ENV = FeffRunner.FEFF10_HOME_ENV;

    private SimulateService() {
    }

    /**
     * The FEFF10 installation: {@code given}, else ${@value #FEFF10_HOME_ENV}.
     *
     * @throws IllegalArgumentException saying how to get one when neither names one
     */
    public static Path feff10Home(java.util.Optional<Path> given) {
        return given.or(FeffRunner::feff10HomeFromEnvironment).orElseThrow(() -> new IllegalArgumentException(
            "FEFF10 not found: give --feff-home DIR or set " + FEFF10_HOME_ENV + " (how to build FEFF10: docs/SIMULATION.md)")).toAbsolutePath();
    }

    static FeffCards cardsOf(String code, String cards) {
        FeffCards.Code c = FeffCards.Code.parse(code);
        if (c == FeffCards.Code.FEFF8L) {
            if (cards != null && !cards.equals("feff8l") && !cards.equals("mp")) {
                throw new IllegalArgumentException("--cards " + cards + ": feff8l runs its own cards only");
            }
            return FeffCards.feff8l();
        }
        if (cards == null || cards.equals("mp")) {
            return FeffCards.mp(c);
        }
        FeffCards k = FeffCards.preset(cards).orElseThrow(() -> new IllegalArgumentException("unknown --cards '" + cards + "' (one of "
            + String.join(", ", new java.util.TreeSet<>(FeffCards.presets().keySet())) + ")"));
        if (c != FeffCards.Code.FEFF10 || k.code() != FeffCards.Code.FEFF10) {
            throw new IllegalArgumentException("--cards " + cards + " is a FEFF10 card set; use --code feff10");
        }
        return k;
    }

    /**
     * The sites of a site list ({@code <mp-id>_<site>} lines) whose structure is in
     * {@code structures} ({@code <id>.cif} or {@code <id>/POSCAR}); other lines are counted by reason.
     */
    public static Sites siteList(Path file, Path structures) throws IOException {
        List<Campaign.SiteRef> out = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ID.matcher(line.trim());
            if (!m.matches()) {
                if (!line.isBlank()) {
                    skipped.merge("bad id", 1, Integer::sum);
                }
                continue;
            }
            Path cif = structures.resolve(m.group(1) + ".cif");
            if (!Files.exists(cif)) {
                cif = structures.resolve(m.group(1)).resolve("POSCAR");
            }
            if (!Files.exists(cif)) {
                skipped.merge("no structure", 1, Integer::sum);
                continue;
            }
            out.add(new Campaign.SiteRef(m.group(1), Integer.parseInt(m.group(2)), cif.toAbsolutePath()));
        }
        return new Sites(out, skipped);
    }

    /** Runs one site in a folder under {@code workDir} and returns it as archived (done with its spectrum, or failed with its reason). */
    public static CampaignArchive.Site runSite(Setup setup, Campaign.SiteRef site, Path workDir) {
        return CampaignArchive.Site.of(SiteRun.run(site, setup.element(), setup.feffCards(), setup.radius(), setup.runner(), workDir));
    }

    /** Writes finished sites as the archive of campaign {@code name} (whole or not at all). */
    public static void writeArchive(Path file, String name, Setup setup, List<CampaignArchive.Site> sites) throws IOException {
        CampaignArchive.write(file, name, setup.element(), setup.feffCards(), setup.radius(), sites);
    }
}
