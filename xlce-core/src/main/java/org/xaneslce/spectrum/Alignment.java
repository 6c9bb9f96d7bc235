package org.xaneslce.spectrum;

/**
 * Aligns a computed spectrum to a measured one by the energy shift that maximizes their Pearson
 * correlation over a window (docs/SCIENCE.md section 5; the paper's Fig. 4).
 *
 * @param shiftEv add this to the computed spectrum's energies to align it
 * @param pearson the correlation at that shift
 * @param onBoundary true when the best shift lies on the search boundary (the true optimum may
 *     lie outside: widen the search or check the pairing)
 * @param atCoverLimit true when, with a coverage tolerance, the best shift lies at a limit of what
 *     the computed spectrum covers (the true optimum may lie beyond what it can reach)
 * @param windowStartEv start of the comparison window (measured energy scale)
 * @param windowEndEv end of the comparison window
 */
public record Alignment(double shiftEv, double pearson, boolean onBoundary, boolean atCoverLimit, double windowStartEv,
                        double windowEndEv) {
    /**
     * The best shift of {@code computed} against {@code measured} within +-{@code searchEv},
     * comparing on the measured points inside [windowStart, windowEnd]: a scan in 0.1 eV steps,
     * then a golden-section refinement around the best step.
     */
    public static Alignment align(Spectrum computed, Spectrum measured, double windowStartEv, double windowEndEv, double searchEv) {
        return align(computed, measured, windowStartEv, windowEndEv, searchEv, Double.NaN);
    }

    /**
     * As {@link #align(Spectrum, Spectrum, double, double, double)}, but where {@code coverToleranceEv}
     * is a number only shifts at which {@code computed} covers every measured point of the window
     * (to that tolerance) are tried: a shift that leaves part of the window uncovered would otherwise
     * be judged on the few points left, and a short scan can reach a high correlation on a handful of
     * points far from its true place. Throws when no shift within +-searchEv covers the window; the
     * result is {@code atCoverLimit} when the best shift lies at a limit of what the spectrum covers
     * (and {@code onBoundary} when that limit is the search boundary itself).
     */
    public static Alignment align(Spectrum computed, Spectrum measured, double windowStartEv, double windowEndEv, double searchEv,
                                  double coverToleranceEv) {
        double[] me = measured.energyEv();
        int[] range = window(me, windowStartEv, windowEndEv);
        int from = range[0];
        int to = range[1];
        double lo = computed.minEnergyEv();
        double hi = computed.maxEnergyEv();
        java.util.function.DoubleUnaryOperator score = scorer(computed, measured, from, to);
        int steps = (int) Math.round(searchEv / 0.1);
        int kLo = -steps;
        int kHi = steps;
        if (!Double.isNaN(coverToleranceEv)) {
            // computed energy = measured energy - shift must stay within [lo, hi] for the whole window
            double maxShift = me[from] - lo + coverToleranceEv;
            double minShift = me[to - 1] - hi - coverToleranceEv;
            kLo = Math.max(kLo, (int) Math.ceil(minShift / 0.1 - 1e-9));
            kHi = Math.min(kHi, (int) Math.floor(maxShift / 0.1 + 1e-9));
            if (kLo > kHi) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s covers %.2f..%.2f eV (%.1f eV); no shift within +-%.0f eV makes it cover the %.2f..%.2f eV window (%.1f eV)",
                    computed.id(), lo, hi, hi - lo, searchEv, me[from], me[to - 1], me[to - 1] - me[from]));
            }
        }
        double best = -2;
        int bestK = 0;
        for (int k = kLo; k <= kHi; k++) {
            double r = score.applyAsDouble(k * 0.1);
            if (r > best) {
                best = r;
                bestK = k;
            }
        }
        double a = Math.max(kLo, bestK - 1) * 0.1;
        double b = Math.min(kHi, bestK + 1) * 0.1;
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
        boolean searchEdge = Math.abs(bestK) == steps;
        boolean coverEdge = (bestK == kLo && kLo > -steps) || (bestK == kHi && kHi < steps);
        return new Alignment(shift, r, searchEdge, coverEdge, windowStartEv, windowEndEv);
    }

    /**
     * The Pearson correlation of {@code computed} (its energies plus {@code shiftEv}) with
     * {@code measured} over the measured points inside [windowStart, windowEnd] that the shifted
     * spectrum covers; -1 when fewer than 5 are covered.
     */
    public static double pearsonAt(Spectrum computed, Spectrum measured, double windowStartEv, double windowEndEv, double shiftEv) {
        int[] range = window(measured.energyEv(), windowStartEv, windowEndEv);
        return scorer(computed, measured, range[0], range[1]).applyAsDouble(shiftEv);
    }

    /** The measured points [from, to) inside the window; throws when fewer than 5. */
    private static int[] window(double[] me, double windowStartEv, double windowEndEv) {
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
        return new int[] {from, to};
    }

    /** Pearson r as a function of the shift, over measured points [from, to). */
    private static java.util.function.DoubleUnaryOperator scorer(Spectrum computed, Spectrum measured, int from, int to) {
        double[] me = measured.energyEv();
        double[] mm = measured.mu();
        CubicSpline spline = new CubicSpline(computed.energyEv(), computed.mu());
        double lo = computed.minEnergyEv();
        double hi = computed.maxEnergyEv();
        int f = from;
        int t = to;
        return shift -> {
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
    }
}
