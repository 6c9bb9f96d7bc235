package org.xaneslce.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds coordination shells in a periodic structure (all periodic images are considered) or in a
 * finite cluster. Build one per structure and reuse it for its sites; it holds the fractional
 * coordinates so that each query only walks the needed images. Thread-safe after construction.
 */
public final class NeighbourFinder {
    private final Structure structure;
    private final double[][] frac;
    private final double[][] cart;
    private final double[][] lattice;
    private final double[] spacing;

    /** Prepares a finder for {@code structure}. */
    public NeighbourFinder(Structure structure) {
        this.structure = structure;
        int n = structure.size();
        this.cart = new double[n][];
        for (int i = 0; i < n; i++) {
            cart[i] = structure.site(i).cartesianAngstrom();
        }
        if (structure.isPeriodic()) {
            Lattice l = structure.lattice().orElseThrow();
            this.lattice = l.matrix();
            this.frac = new double[n][];
            for (int i = 0; i < n; i++) {
                frac[i] = l.toFractional(cart[i]);
            }
            this.spacing = new double[] {l.faceSpacing(0), l.faceSpacing(1), l.faceSpacing(2)};
        } else {
            this.lattice = null;
            this.frac = null;
            this.spacing = null;
        }
    }

    /** The structure this finder searches. */
    public Structure structure() {
        return structure;
    }

    /**
     * The coordination shell of site {@code centre} under {@code rule}, sorted by distance (ties by
     * site index): counted atoms within factor x d_min and within the rule's maximum radius. Empty
     * when no counted atom lies within that radius.
     */
    public List<Neighbour> shell(int centre, NeighbourRule rule) {
        List<Neighbour> within = within(centre, rule.maxRadiusAngstrom(), rule);
        if (within.isEmpty()) {
            return within;
        }
        double cutoff = rule.factor() * within.get(0).distanceAngstrom() + NeighbourRule.TOLERANCE_ANGSTROM;
        int n = 0;
        while (n < within.size() && within.get(n).distanceAngstrom() <= cutoff) {
            n++;
        }
        return List.copyOf(within.subList(0, n));
    }

    /** All counted atoms within {@code radiusAngstrom} of site {@code centre}, sorted by distance. */
    public List<Neighbour> within(int centre, double radiusAngstrom, NeighbourRule rule) {
        if (centre < 0 || centre >= structure.size()) {
            throw new IndexOutOfBoundsException("site " + centre + " of " + structure.id() + " (it has " + structure.size() + " sites)");
        }
        List<Neighbour> out = new ArrayList<>();
        double r2 = radiusAngstrom * radiusAngstrom;
        if (!structure.isPeriodic()) {
            double[] c = cart[centre];
            for (int j = 0; j < cart.length; j++) {
                if (j == centre || !rule.counts(structure.site(j).element())) {
                    continue;
                }
                double[] v = {cart[j][0] - c[0], cart[j][1] - c[1], cart[j][2] - c[2]};
                double d2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
                if (d2 <= r2 && d2 > 1e-12) {
                    out.add(new Neighbour(j, structure.site(j).element(), new int[3], v, Math.sqrt(d2)));
                }
            }
        } else {
            int na = (int) Math.ceil(radiusAngstrom / spacing[0]) + 1;
            int nb = (int) Math.ceil(radiusAngstrom / spacing[1]) + 1;
            int nc = (int) Math.ceil(radiusAngstrom / spacing[2]) + 1;
            double[] fc = frac[centre];
            double[][] m = lattice;
            for (int j = 0; j < frac.length; j++) {
                if (!rule.counts(structure.site(j).element())) {
                    continue;
                }
                double dx = frac[j][0] - fc[0];
                double dy = frac[j][1] - fc[1];
                double dz = frac[j][2] - fc[2];
                int ox = (int) Math.round(dx);
                int oy = (int) Math.round(dy);
                int oz = (int) Math.round(dz);
                dx -= ox;
                dy -= oy;
                dz -= oz;
                for (int a = -na; a <= na; a++) {
                    for (int b = -nb; b <= nb; b++) {
                        for (int c = -nc; c <= nc; c++) {
                            double fx = dx + a;
                            double fy = dy + b;
                            double fz = dz + c;
                            double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
                            double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
                            double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
                            double d2 = x * x + y * y + z * z;
                            if (d2 <= r2 && d2 > 1e-12) {
                                out.add(new Neighbour(j, structure.site(j).element(),
                                    new int[] {a - ox, b - oy, c - oz}, new double[] {x, y, z}, Math.sqrt(d2)));
                            }
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble(Neighbour::distanceAngstrom)
            .thenComparingInt(Neighbour::siteIndex));
        return out;
    }
}
