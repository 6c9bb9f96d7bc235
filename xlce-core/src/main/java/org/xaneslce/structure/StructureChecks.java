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
        NeighbourFinder f = new NeighbourFinder(s);
        NeighbourRule all = NeighbourRule.allAtoms(1.0);
        double[][] cart = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            cart[i] = s.site(i).cartesianAngstrom();
        }
        for (int i = 0; i < s.size() && problems.size() < 5; i++) {
            for (int j = i + 1; j < s.size(); j++) {
                if (coincide(s, cart, i, j)) {
                    problems.add(overlap(s, source, i, j, 0));
                }
            }
            for (Neighbour n : f.within(i, MIN_DISTANCE_ANGSTROM, all)) {
                if (n.siteIndex() > i || n.siteIndex() == i) {
                    problems.add(overlap(s, source, i, n.siteIndex(), n.distanceAngstrom()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    private static boolean coincide(Structure s, double[][] cart, int i, int j) {
        if (s.lattice().isEmpty()) {
            double dx = cart[i][0] - cart[j][0];
            double dy = cart[i][1] - cart[j][1];
            double dz = cart[i][2] - cart[j][2];
            return dx * dx + dy * dy + dz * dz <= 1e-12;
        }
        double[] a = s.lattice().get().toFractional(cart[i]);
        double[] b = s.lattice().get().toFractional(cart[j]);
        for (int k = 0; k < 3; k++) {
            double d = a[k] - b[k];
            if (Math.abs(d - Math.rint(d)) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static Problem overlap(Structure s, String source, int i, int j, double d) {
        return new Problem(source, 0, String.format(Locale.ROOT, "atoms %d (%s) and %d (%s) are %.3f A apart (closer than %.1f A:"
            + " duplicated or overlapping atoms)", i, s.site(i).element(), j, s.site(j).element(), d, MIN_DISTANCE_ANGSTROM));
    }
}
