package org.xaneslce.simulation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A named set of FEFF control cards (everything between EDGE and POTENTIALS in feff.inp) and the
 * code that runs them. The cards decide the level of theory a spectrum belongs to: spectra of
 * different levels are never mixed in one training set unless a measurement says they may be
 * (docs/SIMULATION.md). Every campaign records the cards' name and SHA-256.
 *
 * @param name short name ("mp", "fast", ...)
 * @param code the FEFF code that runs them
 * @param text the card lines, one per line, ending with a newline
 * @param description what they are, for help texts and docs
 */
public record FeffCards(String name, Code code, String text, String description) {
    /** A FEFF code. */
    public enum Code {
        /** Debian's FEFF 8.5 light (feff85exafs): path expansion only. */
        FEFF8L,
        /** FEFF 9 (an installed executable that reads feff.inp in its folder). */
        FEFF9,
        /** FEFF10 built from its public sources, run module by module (run-feff10.sh). */
        FEFF10;

        /** Lower-case name, as on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses feff8l, feff9 or feff10 (any case). */
        public static Code parse(String s) {
            for (Code c : values()) {
                if (c.id().equalsIgnoreCase(s.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown FEFF code '" + s + "' (feff8l, feff9 or feff10)");
        }
    }

    private static final String FEFF8L_CARDS = "S02 1.0\nCONTROL 1 1 1 1 1 1\nPRINT 0 0 0 0 0 0\nEXCHANGE 0 0.0 0.0\nRPATH 5.0\nEXAFS 12\n";
    private static final String XANES_TAIL = "XANES 4 0.04 0.1\nRPATH -1\nEGRID\nk_grid -1 0 0.04\nk_grid 0 6 0.04\n";
    /**
     * The energy grid of the cheaper card sets starts lower (k = -1.5 instead of -1 below the
     * Fermi level): their Fermi level lies up to half an eV above FEFF 9's, and with k = -1 their
     * spectra would start above the grid start of the FEFF 9 datasets (measured on Ti).
     */
    private static final String XANES_TAIL_LOW = "XANES 4 0.04 0.1\nRPATH -1\nEGRID\nk_grid -1.5 0 0.04\nk_grid 0 6 0.04\n";
    private static final String HEAD = "S02 0\nCONTROL 1 1 1 1 1 1\nCOREHOLE RPA\nEXCHANGE 0 0.0 0.0 2\n";

    /** The Materials Project FEFF 9 library cards (SCF 7.0, FMS 9.0): FEFF10 with them reproduces FEFF 9 exactly. */
    public static final String MP_CARDS = HEAD + "SCF 7.0 0 100 0.2 3\nFMS 9.0 0\n" + XANES_TAIL;

    private static final Map<String, FeffCards> PRESETS = new LinkedHashMap<>();

    static {
        put(new FeffCards("feff8l", Code.FEFF8L, FEFF8L_CARDS, "feff8l path expansion (EXAFS 12, RPATH 5.0), no SCF, no FMS"));
        put(new FeffCards("mp", Code.FEFF10, MP_CARDS, "the FEFF 9 library cards: COREHOLE RPA, SCF 7.0, FMS 9.0 (same spectra as FEFF 9)"));
        put(new FeffCards("mp-low", Code.FEFF10, HEAD + "SCF 7.0 0 100 0.2 3\nFMS 9.0 0\n" + XANES_TAIL_LOW,
            "the FEFF 9 library cards with the grid from k = -1.5: spectra that reach the start of the dataset grids (level FEFF10:mp-low"
                + " until a validation shows them equal to FEFF 9's on the grid)"));
        put(new FeffCards("fast", Code.FEFF10, HEAD + "SCF 4.5 0 30 0.2 1\nFMS 6.0 0\n" + XANES_TAIL_LOW,
            "as mp with SCF 4.5 0 30 0.2 1, FMS 6.0 and the grid from k = -1.5 (about 1-3 minutes per site)"));
        put(new FeffCards("medium", Code.FEFF10, HEAD + "SCF 4.5 0 30 0.2 1\nFMS 7.0 0\n" + XANES_TAIL_LOW,
            "as mp with SCF 4.5 0 30 0.2 1, FMS 7.0 and the grid from k = -1.5 (about 2.5 minutes per site)"));
        put(new FeffCards("fine", Code.FEFF10, HEAD + "SCF 5.5 0 30 0.2 1\nFMS 8.0 0\n" + XANES_TAIL_LOW,
            "as mp with SCF 5.5 0 30 0.2 1, FMS 8.0 and the grid from k = -1.5 (about 7 minutes per site)"));
    }

    private static void put(FeffCards c) {
        PRESETS.put(c.name(), c);
    }

    /** The preset card sets by name. */
    public static Map<String, FeffCards> presets() {
        return Map.copyOf(PRESETS);
    }

    /** The preset {@code name}. */
    public static Optional<FeffCards> preset(String name) {
        return Optional.ofNullable(PRESETS.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The FEFF 9 library cards run by {@code code} (FEFF9 or FEFF10). */
    public static FeffCards mp(Code code) {
        return code == Code.FEFF10 ? PRESETS.get("mp") : new FeffCards("mp", code, MP_CARDS, PRESETS.get("mp").description());
    }

    /** feff8l's cards. */
    public static FeffCards feff8l() {
        return PRESETS.get("feff8l");
    }

    /** SHA-256 of the card text (hex). */
    public String sha256() {
        return org.xaneslce.util.Sha256.of(text);
    }

    /**
     * The level of theory of the spectra these cards give: "feff8l"; "FEFF9" for the FEFF 9
     * library cards whichever of FEFF 9 and 10 runs them (identical spectra, measured); otherwise
     * "FEFF10:" and the cards' name.
     */
    public String levelOfTheory() {
        if (code == Code.FEFF8L) {
            return "feff8l";
        }
        return text.equals(MP_CARDS) ? "FEFF9" : "FEFF10:" + name;
    }

    /**
     * The same cards with gentler self-consistency: the SCF card's convergence accelerator set to
     * 0.05 and its iteration limit to at least 100 (radius, l_scf and nmix kept), as FEFF's authors
     * advise when the SCF loop oscillates ("Found bad counts", times-software/feff10 issue 24). A
     * converged SCF potential does not depend on how it was reached, so the spectra keep the level
     * of theory of these cards (measured on Cr sites: docs/SIMULATION.md); empty for cards without
     * SCF or already this gentle.
     */
    public Optional<FeffCards> gentleScf() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^SCF[ \\t]+(\\S+)[ \\t]+(\\S+)[ \\t]+(\\S+)[ \\t]+(\\S+)([ \\t]+\\S+)?[ \\t]*$").matcher(text);
        if (code == Code.FEFF8L || !m.find()) {
            return Optional.empty();
        }
        int iterations = Math.max(100, (int) Double.parseDouble(m.group(3)));
        if (Double.parseDouble(m.group(4)) <= GENTLE_ALPHA && Double.parseDouble(m.group(3)) >= iterations) {
            return Optional.empty();
        }
        String line = "SCF " + m.group(1) + " " + m.group(2) + " " + iterations + " " + GENTLE_ALPHA + (m.group(5) == null ? "" : m.group(5));
        return Optional.of(new FeffCards(name, code, text.substring(0, m.start()) + line + text.substring(m.end()),
            description + "; SCF retried with convergence accelerator " + GENTLE_ALPHA));
    }

    /** The SCF convergence accelerator of {@link #gentleScf}. */
    public static final double GENTLE_ALPHA = 0.05;

    /** True for cards of the FEFF 9 family (SCF, FMS, core hole), false for feff8l's. */
    public boolean fullMultipleScattering() {
        return code != Code.FEFF8L;
    }
}
