package org.xaneslce.spectrum;

/**
 * Aligns a computed spectrum to a measured one by the energy shift that maximizes their Pearson
 * correlation over a window (docs/SCIENCE.md section 5; the paper's Fig. 4).
 *
 * @param shiftEv add this to the computed spectrum's energies to align it
 * @param pearson the correlation at that shift
 * @param onBoundary true when the best shift lies on the search boundary (the true optimum may
 *     lie outside: widen the search or check the pairing)
 * @param windowStartEv start of the comparison window (measured energy scale)
 * @param windowEndEv end of the comparison window
 */
public record Alignment(double shiftEv, double pearson, boolean onBoundary, double windowStartEv, double windowEndEv) {
    /**
     * The best shift of {@code computed} against {@code measured} within +-{@code searchEv},
     * comparing on the measured points inside [windowStart, windowEnd]: a scan in 0.1 eV steps,
     * then a golden-section refinement around the best step.
     */
    public static Alignment align(Spectrum computed, Spectrum measured, double windowStartEv, double windowEndEv, double searchEv) {
        double[] me = measured.energyEv();
        double[] mm = measured.mu();
        int from = 0;
        while (from < me.length && me[from] < windowStartEv) {
            from++;
        }
        int to = me.length;
        while (to > from && me[to - 1] > windowEndEv) {
            to--;
        }
        if (to - from < 5) {
            throw new IllegalArgumentException("alignment window " + windowStartEv + ".." + windowEndEv
                + " eV holds fewer than 5 measured points");
        }
        CubicSpline spline = new CubicSpline(computed.energyEv(), computed.mu());
        double lo = computed.minEnergyEv();
        double hi = computed.maxEnergyEv();
        int f = from;
        int t = to;
        java.util.function.DoubleUnaryOperator score = shift -> {
            int n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = f; i < t; i++) {
                double ec = me[i] - shift;
                if (ec < lo || ec > hi) {
                    continue;
                }
                double x = spline.value(ec);
                double y = mm[i];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
            if (n < 5) {
                return -1;
            }
            double cov = sxy - sx * sy / n;
            double vx = sxx - sx * sx / n;
            double vy = syy - sy * sy / n;
            return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : -1;
        };
        int steps = (int) Math.round(searchEv / 0.1);
        double best = -2;
        int bestK = 0;
        for (int k = -steps; k <= steps; k++) {
            double r = score.applyAsDouble(k * 0.1);
            if (r > best) {
                best = r;
                bestK = k;
            }
        }
        double a = (bestK - 1) * 0.1;
        double b = (bestK + 1) * 0.1;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        for (int it = 0; it < 40; it++) {
            if (score.applyAsDouble(c) > score.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
            c = b - g * (b - a);
            d = a + g * (b - a);
        }
        double shift = (a + b) / 2;
        double r = score.applyAsDouble(shift);
        if (r < best) {
            shift = bestK * 0.1;
            r = best;
        }
        return new Alignment(shift, r, Math.abs(bestK) == steps, windowStartEv, windowEndEv);
    }
}
