package org.xaneslce.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The continuous symmetry measure of a coordination shell against ideal polyhedra (docs/SCIENCE.md
 * section 2): the central site plus its CN neighbours, both point sets centred on their centroid,
 * minimised over rotations and reflections, a uniform scale and every assignment of neighbours to
 * vertices:
 *
 * <pre>CSM = 100 * min_p (1 - ||H_p||_*^2 / (|P|^2 |Q|^2)),  H_p = sum_i P_i Q_p(i)^T</pre>
 *
 * where ||.||_* is the nuclear norm (the optimum over orthogonal R is the sum of the singular
 * values of H; the optimal scale follows in closed form).
 *
 * <p><b>Exact and pruned.</b> Let G be the symmetry group of the ideal polyhedron: the
 * permutations g of its vertices with Q_g(j) = R_g Q_j for one orthogonal R_g. Then
 * H_{g.p} = H_p R_g^T has the same nuclear norm, so every permutation in the coset G.p gives the
 * same CSM. The engine evaluates one permutation per coset (the lexicographically smallest), i.e.
 * CN!/|G| instead of CN! alignments (15 instead of 720 for the octahedron), and the minimum is
 * exactly the brute-force one. G itself is found by a depth-first search that extends partial
 * vertex maps only while they preserve the Gram matrix of the centred ideal points.
 *
 * <p>Exact minimisation is done for CN up to {@link #MAX_EXACT_CN}. Thread-safe: the per-geometry
 * preparation is cached.
 */
public final class CsmEngine {
    /** Largest coordination number minimised exactly (coset enumeration costs CN!/|G|). */
    public static final int MAX_EXACT_CN = 9;

    private static final double GRAM_TOLERANCE = 1e-6;

    private final PolyhedronLibrary library;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    /** An engine over {@code library}. */
    public CsmEngine(PolyhedronLibrary library) {
        this.library = library;
    }

    /** An engine over ChemEnv's geometries. */
    public static CsmEngine chemenv() {
        return new CsmEngine(PolyhedronLibrary.chemenv());
    }

    /** The geometry library. */
    public PolyhedronLibrary library() {
        return library;
    }

    /** A geometry prepared for fast evaluation: centred points, group order, coset representatives. */
    private record Prepared(IdealPolyhedron polyhedron, double[][] centred, double norm2, int groupOrder, int[][] representatives) {
    }

    /**
     * The CSM of a shell against every geometry with its coordination number, ordered by
     * increasing CSM. Inputs are not modified.
     *
     * @param neighbourVectors neighbour positions relative to the centre (Angstrom), CN x 3
     * @throws IllegalArgumentException when CN is above {@link #MAX_EXACT_CN}
     */
    public Map<String, Double> csmAll(double[][] neighbourVectors) {
        int cn = neighbourVectors.length;
        if (cn > MAX_EXACT_CN) {
            throw new IllegalArgumentException("exact CSM is limited to CN <= " + MAX_EXACT_CN + ", was " + cn);
        }
        Shell shell = new Shell(neighbourVectors);
        List<Map.Entry<String, Double>> entries = new ArrayList<>();
        for (IdealPolyhedron poly : library.forCoordination(cn)) {
            entries.add(Map.entry(poly.symbol(), shell.minimum(prepare(poly))));
        }
        entries.sort(Map.Entry.comparingByValue());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The exact CSM of a shell against one geometry (CN must match). */
    public double csm(IdealPolyhedron polyhedron, double[][] neighbourVectors) {
        if (polyhedron.coordination() != neighbourVectors.length) {
            throw new IllegalArgumentException(polyhedron.symbol() + " has CN " + polyhedron.coordination()
                + ", the shell has " + neighbourVectors.length + " neighbours");
        }
        return new Shell(neighbourVectors).minimum(prepare(polyhedron));
    }

    /** The order of the symmetry group found for a geometry (rotations and reflections). */
    public int symmetryOrder(IdealPolyhedron polyhedron) {
        return prepare(polyhedron).groupOrder();
    }

    /** The number of permutations evaluated per shell for a geometry (CN!/|G|). */
    public int permutationsEvaluated(IdealPolyhedron polyhedron) {
        return prepare(polyhedron).representatives().length;
    }

    /**
     * Reference implementation: the minimum over all CN! permutations, no symmetry reduction.
     * Slow at CN 7 and 8; for tests and proofs only.
     */
    public static double bruteForce(IdealPolyhedron polyhedron, double[][] neighbourVectors) {
        int n = polyhedron.coordination();
        if (n != neighbourVectors.length) {
            throw new IllegalArgumentException("CN mismatch");
        }
        double[][] q = centred(polyhedron.centralSite(), polyhedron.points());
        Shell shell = new Shell(neighbourVectors);
        double qn = norm2(q);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        do {
            best = Math.min(best, shell.csmFor(q, qn, perm));
        } while (nextPermutation(perm));
        return best;
    }

    private Prepared prepare(IdealPolyhedron poly) {
        return prepared.computeIfAbsent(poly.symbol(), k -> build(poly));
    }

    private static Prepared build(IdealPolyhedron poly) {
        int n = poly.coordination();
        if (n > MAX_EXACT_CN) {
            throw new IllegalArgumentException("exact CSM is limited to CN <= " + MAX_EXACT_CN);
        }
        double[][] q = centred(poly.centralSite(), poly.points());
        List<int[]> group = symmetryGroup(q);
        List<int[]> reps = new ArrayList<>();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        int[] gp = new int[n];
        do {
            boolean smallest = true;
            for (int[] g : group) {
                for (int i = 0; i < n; i++) {
                    gp[i] = g[p[i]];
                }
                if (compare(gp, p) < 0) {
                    smallest = false;
                    break;
                }
            }
            if (smallest) {
                reps.add(p.clone());
            }
        } while (nextPermutation(p));
        return new Prepared(poly, q, norm2(q), group.size(), reps.toArray(new int[0][]));
    }

    /** Vertex permutations (of the neighbours, indices 0..n-1) that preserve the Gram matrix of the centred points. */
    static List<int[]> symmetryGroup(double[][] q) {
        int n = q.length - 1;
        double[][] gram = new double[n + 1][n + 1];
        double scale = 0;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                gram[i][j] = q[i][0] * q[j][0] + q[i][1] * q[j][1] + q[i][2] * q[j][2];
                scale = Math.max(scale, Math.abs(gram[i][j]));
            }
        }
        List<int[]> out = new ArrayList<>();
        extend(gram, GRAM_TOLERANCE * Math.max(scale, 1e-12), new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void extend(double[][] gram, double tol, int[] g, boolean[] used, int depth, List<int[]> out) {
        int n = g.length;
        if (depth == n) {
            out.add(g.clone());
            return;
        }
        for (int cand = 0; cand < n; cand++) {
            if (used[cand]) {
                continue;
            }
            // Points are stored with the central site at index 0, neighbours at 1..n.
            boolean ok = Math.abs(gram[depth + 1][depth + 1] - gram[cand + 1][cand + 1]) <= tol
                && Math.abs(gram[depth + 1][0] - gram[cand + 1][0]) <= tol;
            for (int k = 0; k < depth && ok; k++) {
                ok = Math.abs(gram[depth + 1][k + 1] - gram[cand + 1][g[k] + 1]) <= tol;
            }
            if (ok) {
                used[cand] = true;
                g[depth] = cand;
                extend(gram, tol, g, used, depth + 1, out);
                used[cand] = false;
            }
        }
    }

    /** A shell prepared for repeated evaluation: centred points and the outer products P_i Q_j^T. */
    private static final class Shell {
        private final double[][] p;
        private final double norm2;

        Shell(double[][] neighbourVectors) {
            for (double[] v : neighbourVectors) {
                if (v.length != 3 || !Double.isFinite(v[0]) || !Double.isFinite(v[1]) || !Double.isFinite(v[2])) {
                    throw new IllegalArgumentException("neighbour vectors must be finite 3-vectors");
                }
            }
            this.p = centred(new double[3], neighbourVectors);
            this.norm2 = norm2(p);
            if (!(norm2 > 0)) {
                throw new IllegalArgumentException("degenerate shell: all points coincide");
            }
        }

        double minimum(Prepared prep) {
            int n = p.length - 1;
            double[][] q = prep.centred();
            // Outer products of centred shell point i and centred ideal point j, flattened.
            double[] outer = new double[(n + 1) * (n + 1) * 9];
            for (int i = 0; i <= n; i++) {
                for (int j = 0; j <= n; j++) {
                    int o = (i * (n + 1) + j) * 9;
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 3; c++) {
                            outer[o + r * 3 + c] = p[i][r] * q[j][c];
                        }
                    }
                }
            }
            double best = 0;
            double[] h = new double[9];
            for (int[] rep : prep.representatives()) {
                System.arraycopy(outer, 0, h, 0, 9);
                for (int i = 0; i < n; i++) {
                    int o = ((i + 1) * (n + 1) + rep[i] + 1) * 9;
                    for (int k = 0; k < 9; k++) {
                        h[k] += outer[o + k];
                    }
                }
                best = Math.max(best, Linear3.nuclearNorm(h));
            }
            return toCsm(best, prep.norm2());
        }

        double csmFor(double[][] q, double qNorm2, int[] perm) {
            int n = p.length - 1;
            double[] h = new double[9];
            for (int i = 0; i <= n; i++) {
                int j = i == 0 ? 0 : perm[i - 1] + 1;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        h[r * 3 + c] += p[i][r] * q[j][c];
                    }
                }
            }
            return toCsm(Linear3.nuclearNorm(h), qNorm2);
        }

        private double toCsm(double nuclear, double qNorm2) {
            double cos2 = nuclear * nuclear / (norm2 * qNorm2);
            return Math.max(0.0, 100.0 * (1.0 - cos2));
        }
    }

    /** The central site (index 0) followed by the points, all minus their common centroid. */
    private static double[][] centred(double[] central, double[][] points) {
        int n = points.length;
        double[][] out = new double[n + 1][3];
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) {
            c[k] = central[k];
            for (double[] pt : points) {
                c[k] += pt[k];
            }
            c[k] /= n + 1;
        }
        for (int k = 0; k < 3; k++) {
            out[0][k] = central[k] - c[k];
            for (int i = 0; i < n; i++) {
                out[i + 1][k] = points[i][k] - c[k];
            }
        }
        return out;
    }

    private static double norm2(double[][] pts) {
        double s = 0;
        for (double[] v : pts) {
            s += v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
        }
        return s;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** Advances {@code a} to the next permutation in lexicographic order; false after the last. */
    static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
