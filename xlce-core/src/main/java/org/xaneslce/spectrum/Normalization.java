package org.xaneslce.spectrum;

import org.xaneslce.util.Checks;

/**
 * Pre-edge subtraction and edge-step normalization of a measured spectrum, as Larch's
 * {@code pre_edge} and Athena do it (docs/SCIENCE.md section 4), with their index rules: the lower bound
 * of a fit range is the last point with E <= bound, the upper bound the nearest point, and the upper
 * index is excluded.
 *
 * @param e0Ev the edge energy used (snapped to the nearest data point, as Larch does)
 * @param edgeStep post_edge(E0) - pre_edge(E0)
 * @param preEdge the pre-edge line at every energy
 * @param postEdge the post-edge curve at every energy
 * @param norm (mu - pre_edge) / edge step
 * @param flat norm with the post-edge curvature removed above E0
 * @param params the parameters used (always recorded: defaults differ between programs)
 */
public record Normalization(double e0Ev, double edgeStep, double[] preEdge, double[] postEdge, double[] norm, double[] flat,
                            Params params) {
    /**
     * Normalization parameters (energies relative to E0, eV).
     *
     * @param e0Ev the edge energy, or NaN to find it (maximum of dmu/dE)
     * @param pre1 start of the pre-edge fit range
     * @param pre2 end of the pre-edge fit range
     * @param norm1 start of the post-edge fit range
     * @param norm2 end of the post-edge fit range
     * @param nnorm degree of the post-edge polynomial (0 to 3)
     */
    public record Params(double e0Ev, double pre1, double pre2, double norm1, double norm2, int nnorm) {
        public Params {
            Checks.inRange(nnorm, 0, 3, "nnorm");
            if (!(pre1 < pre2) || !(norm1 < norm2)) {
                throw new IllegalArgumentException("fit ranges need pre1 < pre2 and norm1 < norm2");
            }
        }

        /** Athena's defaults for XANES: pre -150..-30, norm 150..(end), nnorm 2; E0 found from the data. */
        public static Params defaults(double maxRelativeEv) {
            return new Params(Double.NaN, -150, -30, 150, maxRelativeEv, 2);
        }

        /** Defaults adapted to a spectrum's extent: windows shrink when the data are short (XANES scans). */
        public static Params auto(Spectrum s, double e0Ev) {
            double below = e0Ev - s.minEnergyEv();
            double above = s.maxEnergyEv() - e0Ev;
            double pre1 = -Math.min(150, 0.95 * below);
            double pre2 = -Math.min(30, 0.3 * below);
            double norm1 = Math.min(150, 0.4 * above);
            int nnorm = above > 300 ? 2 : 1;
            return new Params(e0Ev, pre1, Math.max(pre2, pre1 + 1), norm1, above, nnorm);
        }
    }

    /** Normalizes {@code s} with {@code p}. Inputs are not modified. */
    /**
     * The one preparation of a measured spectrum that every consumer uses (predict, compare, the
     * study, the web page): E0 by the largest derivative, Larch's pre_edge with automatic ranges.
     * {@link #flat()} is the flattened spectrum that is then aligned.
     */
    public static Normalization auto(Spectrum s) {
        return of(s, Params.auto(s, findE0(s)));
    }

    public static Normalization of(Spectrum s, Params p) {
        double[] e = s.energyEv();
        double[] mu = s.mu();
        int n = e.length;
        double e0 = Double.isNaN(p.e0Ev()) || p.e0Ev() < e[1] || p.e0Ev() > e[n - 2] ? findE0(s) : p.e0Ev();
        int ie0 = indexNearest(e, e0);
        e0 = e[ie0];
        int p1 = indexOf(e, p.pre1() + e0);
        int p2 = indexNearest(e, p.pre2() + e0);
        if (p2 - p1 < 2) {
            p2 = Math.min(n, p1 + 2);
        }
        double[] line = polyfit(e, mu, p1, p2, 1);
        double[] pre = new double[n];
        for (int i = 0; i < n; i++) {
            pre[i] = polyval(line, e[i]);
        }
        int q1 = indexOf(e, p.norm1() + e0);
        int q2 = indexNearest(e, p.norm2() + e0);
        if (q2 - q1 < 2) {
            q2 = Math.min(n, q1 + 2);
        }
        if (q2 - q1 < 2) {
            q1 = q1 - 2;
        }
        double[] presub = new double[n];
        for (int i = 0; i < n; i++) {
            presub[i] = mu[i] - pre[i];
        }
        double[] post = polyfit(e, presub, q1, q2, p.nnorm());
        double[] postEdge = new double[n];
        for (int i = 0; i < n; i++) {
            postEdge[i] = pre[i] + polyval(post, e[i]);
        }
        double step = Math.max(1e-12, Math.abs(postEdge[ie0] - pre[ie0]));
        double[] norm = new double[n];
        double[] flat = new double[n];
        for (int i = 0; i < n; i++) {
            norm[i] = (mu[i] - pre[i]) / step;
            flat[i] = i >= ie0 ? norm[i] - ((postEdge[i] - pre[i]) - step) / step : norm[i];
        }
        return new Normalization(e0, step, pre, postEdge, norm, flat, new Params(e0, p.pre1(), p.pre2(), p.norm1(), p.norm2(), p.nnorm()));
    }

    /**
     * E0 as the energy of the largest dmu/dE among points whose neighbours also have a high
     * derivative (Larch's find_e0), skipping 5 % of the points at either end. An isolated spike (a
     * glitch or a sharp pre-edge peak) does not win.
     */
    public static double findE0(Spectrum s) {
        double[] e = s.energyEv();
        double[] mu = s.mu();
        int n = e.length;
        double[] d = gradientRatio(mu, e);
        int nmin = Math.max(3, (int) (n * 0.05));
        if (n <= 2 * nmin + 2) {
            nmin = 1;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = nmin; i < n - nmin; i++) {
            max = Math.max(max, d[i]);
        }
        int best = -1;
        double bestD = 0;
        for (int i = Math.max(nmin, 1); i < n - nmin && i + 1 < n; i++) {
            boolean high = d[i] > 0.1 * max && d[i - 1] > 0.1 * max && d[i + 1] > 0.1 * max;
            if (high && d[i] > bestD) {
                best = i;
                bestD = d[i];
            }
        }
        if (best < 0) {
            for (int i = nmin; i < n - nmin; i++) {
                if (d[i] == max) {
                    best = i;
                }
            }
        }
        return e[Math.max(best, 0)];
    }

    private static double[] gradientRatio(double[] y, double[] x) {
        int n = y.length;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(n - 1, i + 1);
            g[i] = (y[b] - y[a]) / (x[b] - x[a]);
        }
        return g;
    }

    /** Last index with e[i] <= value (0 when value is below the first energy). */
    static int indexOf(double[] e, double value) {
        int idx = 0;
        for (int i = 0; i < e.length; i++) {
            if (e[i] <= value) {
                idx = i;
            }
        }
        return idx;
    }

    /** Index of the energy nearest to {@code value} (the first on ties). */
    static int indexNearest(double[] e, double value) {
        int idx = 0;
        for (int i = 1; i < e.length; i++) {
            if (Math.abs(e[i] - value) < Math.abs(e[idx] - value)) {
                idx = i;
            }
        }
        return idx;
    }

    /**
     * Least-squares polynomial of degree {@code deg} through points from..to-1; coefficients in
     * powers of (x - shift) / scale, returned as {shift, scale, c0, c1, ...}.
     */
    static double[] polyfit(double[] x, double[] y, int from, int to, int deg) {
        int m = to - from;
        if (m < 1) {
            throw new IllegalArgumentException("empty fit range");
        }
        int k = Math.min(deg, m - 1) + 1;
        double shift = 0;
        for (int i = from; i < to; i++) {
            shift += x[i];
        }
        shift /= m;
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.abs(x[i] - shift));
        }
        scale = scale > 0 ? scale : 1;
        // Normal equations in the scaled variable are well conditioned for degree <= 3.
        double[][] a = new double[k][k + 1];
        for (int i = from; i < to; i++) {
            double t = (x[i] - shift) / scale;
            double[] pw = new double[2 * k];
            pw[0] = 1;
            for (int j = 1; j < 2 * k; j++) {
                pw[j] = pw[j - 1] * t;
            }
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    a[r][c] += pw[r + c];
                }
                a[r][k] += pw[r] * y[i];
            }
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < k; r++) {
                if (r != c && a[c][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] out = new double[k + 2];
        out[0] = shift;
        out[1] = scale;
        for (int r = 0; r < k; r++) {
            out[r + 2] = a[r][r] == 0 ? 0 : a[r][k] / a[r][r];
        }
        return out;
    }

    static double polyval(double[] coef, double x) {
        double t = (x - coef[0]) / coef[1];
        double v = 0;
        for (int j = coef.length - 1; j >= 2; j--) {
            v = v * t + coef[j];
        }
        return v;
    }

    @Override
    public double[] preEdge() {
        return preEdge.clone();
    }

    @Override
    public double[] postEdge() {
        return postEdge.clone();
    }

    @Override
    public double[] norm() {
        return norm.clone();
    }

    @Override
    public double[] flat() {
        return flat.clone();
    }
}
