package org.xaneslce.spectrum;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The absorber-specific 100-point grids (the paper's Module I, step 5) and what the shared FEFF 9
 * data need to fit them. Decisions, documented in docs/DATASET.md:
 *
 * <ul>
 * <li>Cu (raw FEFF 9 runs, about E0-12 to E0+130 eV, starts 8983.2 to 8988.7 eV): 100 points,
 * 0.5 eV apart, from 8986.0 eV (49.5 eV wide, as the paper); the 1 % of runs that start later are
 * rejected as too short.</li>
 * <li>Ti, V, Cr, Co, Ni (feff9-grid: 141 points, 0.25 eV apart, 35 eV wide from a fixed start): 100
 * points spanning the same 35 eV (0.354 eV apart). The paper used about 50 eV; these data hold
 * only 35, so the grids are narrower and denser.</li>
 * <li>Mn, Fe: our own feff8l campaigns (docs/SIMULATION.md). feff8l spectra start near the Fermi
 * level (Fe 7115.1 to 7120.4 eV, 99 % by 7117.3 eV; Mn 6541.7 to 6544.9 eV, 99 % by 6544.6 eV):
 * 100 points, 0.5 eV apart, from Fe 7117.5 eV and Mn 6545.0 eV; the 1 % that start later are
 * rejected as too short. Their level of theory is "feff8l": a FEFF 9 spectrum of Fe or Mn does not
 * fit these grids.</li>
 * </ul>
 */
public final class AbsorberGrids {
    /** Start energies (eV) of the shared feff9-grid data (141 points, 0.25 eV). */
    public static final Map<String, Double> FEFF9_GRID_START_EV = Map.of(
        "Ti", 4964.504, "V", 5464.097, "Cr", 5989.168, "Co", 7709.282, "Ni", 8332.181, "Cu", 8983.173);
    /** Points in a feff9-grid row. */
    public static final int FEFF9_GRID_POINTS = 141;
    /** Spacing of a feff9-grid row, eV. */
    public static final double FEFF9_GRID_STEP_EV = 0.25;

    private static final Map<String, EnergyGrid> GRIDS = new TreeMap<>();
    private static final Map<String, String> LEVELS = new TreeMap<>();

    static {
        GRIDS.put("Cu", new EnergyGrid(8986.0, 0.5, 100));
        for (String el : new String[] {"Ti", "V", "Cr", "Co", "Ni"}) {
            double start = FEFF9_GRID_START_EV.get(el);
            GRIDS.put(el, EnergyGrid.spanning(start, start + 35.0, 100));
        }
        GRIDS.keySet().forEach(el -> LEVELS.put(el, "FEFF9"));
        GRIDS.put("Fe", new EnergyGrid(7117.5, 0.5, 100));
        GRIDS.put("Mn", new EnergyGrid(6545.0, 0.5, 100));
        LEVELS.put("Fe", "feff8l");
        LEVELS.put("Mn", "feff8l");
    }

    private AbsorberGrids() {
    }

    /** The model grid of an absorber, if one is defined. */
    public static Optional<EnergyGrid> forElement(String element) {
        return Optional.ofNullable(GRIDS.get(element));
    }

    /**
     * The level of theory a grid belongs to ("FEFF9", "feff8l"): absolute FEFF energies depend on
     * the code, so a grid only fits spectra of its own level.
     */
    public static Optional<String> levelOf(String element) {
        return Optional.ofNullable(LEVELS.get(element));
    }

    /** Every defined grid. */
    public static Map<String, EnergyGrid> all() {
        return new TreeMap<>(GRIDS);
    }
}
