package org.xaneslce.model;

import java.util.SplittableRandom;
import org.xaneslce.spectrum.CubicSpline;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * The paper's training-set augmentations (never applied to test data): energy shifts of +-1 and
 * +-2 eV (each spectrum plus four shifted copies: 5x) and Gaussian noise of sigma 0.03 at every
 * point (each spectrum plus four noisy copies: 5x).
 */
public final class Augmentation {
    /** The shifts, eV. */
    public static final double[] SHIFTS_EV = {-2, -1, 1, 2};
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

    /** A noisy copy: Gaussian noise of {@code sigma} added at every point. */
    public static float[] noise(float[] mu, double sigma, SplittableRandom rng) {
        float[] out = new float[mu.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mu[i] + sigma * rng.nextGaussian());
        }
        return out;
    }
}
