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

    /**
     * Values on an even grid of spacing {@code stepEv} convolved with a Gaussian of standard
     * deviation {@code sigmaEv} (kernel to 4 sigma, normalized to sum 1), the end values continued
     * beyond the ends; a copy when sigma is not positive.
     */
    public static double[] gaussianSmoothed(double[] y, double stepEv, double sigmaEv) {
        if (!(sigmaEv > 0)) {
            return y.clone();
        }
        int n = y.length;
        int half = (int) Math.ceil(4 * sigmaEv / stepEv);
        double[] kernel = new double[2 * half + 1];
        double sum = 0;
        for (int k = -half; k <= half; k++) {
            double x = k * stepEv / sigmaEv;
            kernel[k + half] = Math.exp(-0.5 * x * x);
            sum += kernel[k + half];
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int k = -half; k <= half; k++) {
                v += kernel[k + half] * y[Math.max(0, Math.min(n - 1, i + k))];
            }
            out[i] = v / sum;
        }
        return out;
    }
}
