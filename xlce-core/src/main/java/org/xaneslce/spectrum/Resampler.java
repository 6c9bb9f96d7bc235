package org.xaneslce.spectrum;

import java.util.Locale;
import java.util.Optional;

/** Places spectra on energy grids by cubic-spline interpolation (the paper's Module I, step 5). */
public final class Resampler {
    private Resampler() {
    }

    /**
     * Empty when the grid lies inside the spectrum's energy range (within {@code toleranceEv} at
     * either end), else what is missing: "covers a..b eV, the grid needs c..d eV".
     */
    public static Optional<String> gap(Spectrum s, EnergyGrid grid, double toleranceEv) {
        if (grid.startEv() < s.minEnergyEv() - toleranceEv || grid.endEv() > s.maxEnergyEv() + toleranceEv) {
            return Optional.of(String.format(Locale.ROOT, "covers %.2f..%.2f eV, the grid needs %.2f..%.2f eV", s.minEnergyEv(),
                s.maxEnergyEv(), grid.startEv(), grid.endEv()));
        }
        return Optional.empty();
    }

    /**
     * mu of {@code s} on {@code grid}; the grid must lie inside the spectrum's energy range
     * (within {@code toleranceEv} at either end), otherwise an IllegalArgumentException says by how
     * much it does not ({@link #gap}).
     */
    public static double[] onto(Spectrum s, EnergyGrid grid, double toleranceEv) {
        Optional<String> gap = gap(s, grid, toleranceEv);
        if (gap.isPresent()) {
            throw new IllegalArgumentException(s.id() + " " + gap.get());
        }
        CubicSpline spline = new CubicSpline(s.energyEv(), s.mu());
        double[] out = new double[grid.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spline.value(grid.energy(i));
        }
        return out;
    }

    /** Scales a vector so its maximum is 1 (the paper's max-normalization); a new array. */
    public static double[] maxNormalized(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("cannot max-normalize: maximum is " + max);
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / max;
        }
        return out;
    }
}
