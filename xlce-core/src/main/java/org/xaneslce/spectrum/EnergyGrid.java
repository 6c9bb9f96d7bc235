package org.xaneslce.spectrum;

import org.xaneslce.util.Checks;

/**
 * A uniform energy grid: {@code count} points from {@code startEv} in steps of {@code stepEv}.
 *
 * @param startEv first energy, eV
 * @param stepEv spacing, eV
 * @param count number of points
 */
public record EnergyGrid(double startEv, double stepEv, int count) {
    public EnergyGrid {
        Checks.finite(startEv, "startEv");
        Checks.positive(stepEv, "stepEv");
        Checks.inRange(count, 2, 100_000, "count");
    }

    /** The grid from {@code startEv} to {@code endEv} (inclusive) with {@code count} points. */
    public static EnergyGrid spanning(double startEv, double endEv, int count) {
        return new EnergyGrid(startEv, (endEv - startEv) / (count - 1), count);
    }

    /** Energy of point {@code i}, eV. */
    public double energy(int i) {
        return startEv + i * stepEv;
    }

    /** Last energy, eV. */
    public double endEv() {
        return energy(count - 1);
    }

    /** All energies, a new array. */
    public double[] energies() {
        double[] e = new double[count];
        for (int i = 0; i < count; i++) {
            e[i] = energy(i);
        }
        return e;
    }

    /** The first {@code n} points of this grid (the pre-edge study uses a prefix). */
    public EnergyGrid prefix(int n) {
        return new EnergyGrid(startEv, stepEv, n);
    }

    /** True when two grids agree to 1e-6 eV. */
    public boolean sameAs(EnergyGrid o) {
        return count == o.count && Math.abs(startEv - o.startEv) < 1e-6 && Math.abs(stepEv - o.stepEv) < 1e-9;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d points %.3f..%.3f eV (step %.4f eV)", count, startEv, endEv(), stepEv);
    }
}
