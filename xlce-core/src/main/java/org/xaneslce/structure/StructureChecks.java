package org.xaneslce.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xaneslce.io.InputException;
import org.xaneslce.io.Problem;

/**
 * Sanity checks every structure passes before it is labelled or simulated, so that an absurd
 * input is an error naming the file and the atoms instead of a silent CN 0 or CSM NaN: cell
 * vectors between {@value #MIN_CELL_ANGSTROM} and {@value #MAX_CELL_ANGSTROM} Angstrom, and no two
 * atoms (periodic images included) closer than {@value #MIN_DISTANCE_ANGSTROM} Angstrom.
 */
public final class StructureChecks {
    /** Shortest cell vector accepted, Angstrom. */
    public static final double MIN_CELL_ANGSTROM = 0.5;
    /** Longest cell vector accepted, Angstrom (large supercells and slabs stay well below). */
    public static final double MAX_CELL_ANGSTROM = 1000;
    /** Closest approach of two atoms accepted, Angstrom (the shortest bonds, O-H, are about 0.96 A). */
    public static final double MIN_DISTANCE_ANGSTROM = 0.5;

    private StructureChecks() {
    }

    /** Throws an InputException listing what is wrong with {@code s} (read from {@code source}). */
    public static void check(Structure s, String source) throws InputException {
        List<Problem> problems = new ArrayList<>();
        if (s.lattice().isPresent()) {
            Lattice l = s.lattice().get();
            for (int i = 0; i < 3; i++) {
                double[] v = l.vector(i);
                double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                if (!(len >= MIN_CELL_ANGSTROM && len <= MAX_CELL_ANGSTROM)) {
                    problems.add(new Problem(source, 0, String.format(Locale.ROOT, "cell vector %s is %.6g A long; cell vectors must be %.1f..%.0f A",
                        "abc".charAt(i), len, MIN_CELL_ANGSTROM, MAX_CELL_ANGSTROM)));
                }
            }
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
        }
        double[][] cart = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            cart[i] = s.site(i).cartesianAngstrom();
        }
        double limit2 = MIN_DISTANCE_ANGSTROM * MIN_DISTANCE_ANGSTROM;
        if (s.lattice().isEmpty()) {
            for (int i = 0; i < s.size() && problems.size() < 5; i++) {
                for (int j = i + 1; j < s.size(); j++) {
                    double d2 = dist2(cart[i][0] - cart[j][0], cart[i][1] - cart[j][1], cart[i][2] - cart[j][2]);
                    if (d2 < limit2) {
                        problems.add(overlap(s, source, i, j, Math.sqrt(d2)));
                    }
                }
            }
        } else {
            // Pairs by their minimum image, and the 26 images around it (safe for skewed cells).
            Lattice l = s.lattice().get();
            double[][] m = l.matrix();
            double[][] frac = new double[s.size()][];
            for (int i = 0; i < s.size(); i++) {
                frac[i] = l.toFractional(cart[i]);
            }
            for (int i = 0; i < s.size() && problems.size() < 5; i++) {
                for (int j = i + 1; j < s.size(); j++) {
                    double best = shortest(m, frac[j][0] - frac[i][0], frac[j][1] - frac[i][1], frac[j][2] - frac[i][2], false);
                    if (best < limit2) {
                        problems.add(overlap(s, source, i, j, Math.sqrt(best)));
                    }
                }
            }
            if (s.size() > 0 && shortest(m, 0, 0, 0, true) < limit2) {
                problems.add(new Problem(source, 0, "the cell repeats an atom within " + MIN_DISTANCE_ANGSTROM + " A of itself (a degenerate cell)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    /** The smallest squared length of the fractional difference (dx, dy, dz) over its images (the zero image left out when {@code self}). */
    private static double shortest(double[][] m, double dx, double dy, double dz, boolean self) {
        dx -= Math.rint(dx);
        dy -= Math.rint(dy);
        dz -= Math.rint(dz);
        double best = Double.POSITIVE_INFINITY;
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                for (int c = -1; c <= 1; c++) {
                    if (self && a == 0 && b == 0 && c == 0) {
                        continue;
                    }
                    double fx = dx + a;
                    double fy = dy + b;
                    double fz = dz + c;
                    double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
                    double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
                    double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
                    best = Math.min(best, dist2(x, y, z));
                }
            }
        }
        return best;
    }

    private static double dist2(double x, double y, double z) {
        return x * x + y * y + z * z;
    }


    private static Problem overlap(Structure s, String source, int i, int j, double d) {
        return new Problem(source, 0, String.format(Locale.ROOT, "atoms %d (%s) and %d (%s) are %.3f A apart (closer than %.1f A:"
            + " duplicated or overlapping atoms)", i, s.site(i).element(), j, s.site(j).element(), d, MIN_DISTANCE_ANGSTROM));
    }
}
