package org.xaneslce.store;

import java.util.Locale;
import java.util.Optional;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;

/** The paper's sanity checks on a computed site spectrum (Module I, step 3). */
public final class SpectrumChecks {
    /** Grid ends may lie this far outside the data (rounding of printed energies), eV. */
    public static final double GRID_TOLERANCE_EV = 0.05;

    private SpectrumChecks() {
    }

    /** A failed check: a short reason (for counting) and the detail. */
    public record Failure(String reason, String detail) {
    }

    /**
     * The first failed check, or empty when the spectrum passes. The energy range is checked
     * against the absorber's grid only for spectra of the grid's level of theory.
     */
    public static Optional<Failure> check(Spectrum s, String element, String levelOfTheory) {
        double max = s.maxMu();
        if (!(max > 0)) {
            return Optional.of(new Failure("no positive absorption", "maximum mu is " + max));
        }
        double min = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int i = 0; i < s.size(); i++) {
            if (s.muAt(i) < min) {
                min = s.muAt(i);
                at = i;
            }
        }
        if (min < -1e-6 * max) {
            return Optional.of(new Failure("negative absorption", String.format(Locale.ROOT,
                "mu = %.4g at %.2f eV (maximum %.4g)", min, s.energyAt(at), max)));
        }
        Optional<EnergyGrid> g = AbsorberGrids.levelOf(element).filter(levelOfTheory::equals).flatMap(l -> AbsorberGrids.forElement(element));
        Optional<String> gap = g.flatMap(grid -> Resampler.gap(s, grid, GRID_TOLERANCE_EV));
        if (gap.isPresent()) {
            return Optional.of(new Failure("energy range too short for the grid", element + ": " + gap.get()));
        }
        return Optional.empty();
    }
}
