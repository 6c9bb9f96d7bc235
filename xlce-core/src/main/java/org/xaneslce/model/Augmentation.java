package org.xaneslce.model;

import java.util.SplittableRandom;
import org.xaneslce.spectrum.CubicSpline;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * The paper's training-set augmentations (never applied to test data): energy shifts of +-1 and
 * +-2 eV (each spectrum plus four shifted copies: 5x) and Gaussian noise of sigma 0.03 at every
 * point (each spectrum plus four noisy copies: 5x); and ours, {@code measured}: the shifted copies
 * and each of them again broadened by a Gaussian of measured resolution (9x; docs/CLASSIFIERS.md).
 */
public final class Augmentation {
    /** The shifts, eV. */
    public static final double[] SHIFTS_EV = {-2, -1, 1, 2};
    /**
     * Gaussian broadenings (standard deviation, eV) of the {@code measured} augmentation: on top of
     * FEFF's core-hole broadening, a measured K-edge spectrum carries the monochromator's resolution
     * (Si(111) at 5-9 keV: about 1-1.5 eV full width, sigma 0.4-0.6 eV) and, in older or
     * fluorescence data, more: the oxygen-ligand spectra of measured-dev match their nearest FEFF 9
     * spectrum best at sigma 0 to 4 eV, mostly 0.5 to 2 (xlce-bench resolution-set).
     */
    public static final double[] MEASURED_BROADENING_EV = {0.5, 1.0, 1.5, 2.0};
    /** The noise level. */
    public static final double NOISE_SIGMA = 0.03;

    private Augmentation() {
    }

    /**
     * A spectrum on {@code grid} shifted by {@code shiftEv} (its features move to higher energy
     * for a positive shift): cubic spline through the grid values; beyond the ends the end values
     * continue. A new array.
     */
    public static float[] shift(float[] mu, EnergyGrid grid, double shiftEv) {
        double[] x = grid.energies();
        double[] y = new double[mu.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = mu[i];
        }
        CubicSpline s = new CubicSpline(x, y);
        float[] out = new float[mu.length];
        for (int i = 0; i < out.length; i++) {
            double e = x[i] - shiftEv;
            out[i] = (float) (e <= x[0] ? y[0] : e >= x[x.length - 1] ? y[y.length - 1] : s.value(e));
        }
        return out;
    }

    /**
     * A copy broadened by a Gaussian of standard deviation {@code sigmaEv} (convolution over the
     * grid, the end values continued beyond the ends), max-normalized again: what a measured
     * spectrum's instrument and core-hole broadening beyond FEFF's own does to a computed one.
     */
    public static float[] broaden(float[] mu, EnergyGrid grid, double sigmaEv) {
        if (!(sigmaEv > 0)) {
            return mu.clone();
        }
        double[] in = new double[mu.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = mu[i];
        }
        double[] smooth = org.xaneslce.spectrum.Resampler.gaussianSmoothed(in, grid.stepEv(), sigmaEv);
        int n = mu.length;
        float[] out = new float[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (float) smooth[i];
            max = Math.max(max, out[i]);
        }
        if (max > 0) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) (out[i] / max);
            }
        }
        return out;
    }

    /** A noisy copy: Gaussian noise of {@code sigma} added at every point. */
    public static float[] noise(float[] mu, double sigma, SplittableRandom rng) {
        float[] out = new float[mu.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mu[i] + sigma * rng.nextGaussian());
        }
        return out;
    }
}
