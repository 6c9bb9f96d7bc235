package org.xaneslce.structure;

import org.xaneslce.util.Checks;

/**
 * A periodic lattice given by three row vectors a, b, c in Angstrom. Immutable.
 */
public final class Lattice {
    private final double[][] m;
    private final double[][] inv;

    private Lattice(double[][] rows) {
        this.m = new double[3][];
        for (int i = 0; i < 3; i++) {
            m[i] = Checks.vector3(rows[i], "lattice vector " + (i + 1));
        }
        double det = determinant(m);
        if (!(Math.abs(det) > 1e-8)) {
            throw new IllegalArgumentException("lattice vectors are degenerate (volume " + det + " A^3)");
        }
        this.inv = inverse(m, det);
    }

    /** A lattice from three row vectors (Angstrom); the input is copied. */
    public static Lattice ofVectors(double[][] rows) {
        if (rows == null || rows.length != 3) {
            throw new IllegalArgumentException("a lattice needs 3 vectors");
        }
        return new Lattice(rows);
    }

    /** A lattice from cell lengths (Angstrom) and angles (degrees), a along x, b in the xy plane. */
    public static Lattice ofParameters(double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg) {
        Checks.positive(a, "a");
        Checks.positive(b, "b");
        Checks.positive(c, "c");
        double al = Math.toRadians(Checks.positive(alphaDeg, "alpha"));
        double be = Math.toRadians(Checks.positive(betaDeg, "beta"));
        double ga = Math.toRadians(Checks.positive(gammaDeg, "gamma"));
        double cx = c * Math.cos(be);
        double cy = c * (Math.cos(al) - Math.cos(be) * Math.cos(ga)) / Math.sin(ga);
        double cz2 = c * c - cx * cx - cy * cy;
        if (!(cz2 > 0)) {
            throw new IllegalArgumentException("cell angles " + alphaDeg + ", " + betaDeg + ", " + gammaDeg + " do not form a cell");
        }
        return new Lattice(new double[][] {
            {a, 0, 0},
            {b * Math.cos(ga), b * Math.sin(ga), 0},
            {cx, cy, Math.sqrt(cz2)}});
    }

    /** Lattice vector {@code i} (0..2), a copy. */
    public double[] vector(int i) {
        return m[i].clone();
    }

    /** The three row vectors, a copy. */
    public double[][] matrix() {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /** Cartesian coordinates (Angstrom) of fractional coordinates; a new array. */
    public double[] toCartesian(double[] frac) {
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = frac[0] * m[0][k] + frac[1] * m[1][k] + frac[2] * m[2][k];
        }
        return r;
    }

    /** Fractional coordinates of Cartesian ones; a new array. */
    public double[] toFractional(double[] cart) {
        double[] f = new double[3];
        for (int k = 0; k < 3; k++) {
            f[k] = cart[0] * inv[0][k] + cart[1] * inv[1][k] + cart[2] * inv[2][k];
        }
        return f;
    }

    /** Cell volume in cubic Angstrom. */
    public double volume() {
        return Math.abs(determinant(m));
    }

    /** Distance between the opposite faces of the cell perpendicular to reciprocal axis {@code i}. */
    public double faceSpacing(int i) {
        double[] u = m[(i + 1) % 3];
        double[] v = m[(i + 2) % 3];
        double[] n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return volume() / norm;
    }

    private static double determinant(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static double[][] inverse(double[][] a, double det) {
        double[][] r = new double[3][3];
        r[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / det;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
        r[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / det;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
        r[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / det;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
        return r;
    }
}
