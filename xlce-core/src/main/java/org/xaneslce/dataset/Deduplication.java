package org.xaneslce.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's duplicate rule: two spectra of one absorber whose mean absolute difference on the
 * common grid (after max-normalization) is below 0.015 are duplicates; one is kept. Greedy in
 * input order: a spectrum is kept unless it duplicates one kept before, so the result does not
 * depend on anything but the order (which the builder fixes: material, then site).
 */
public final class Deduplication {
    /** The paper's threshold. */
    public static final double THRESHOLD = 0.015;

    private Deduplication() {
    }

    /**
     * A dropped duplicate and the kept spectrum it duplicates.
     *
     * @param dropped index of the dropped spectrum
     * @param keptAs index of the kept spectrum
     * @param meanAbsDiff their mean absolute difference
     */
    public record Duplicate(int dropped, int keptAs, double meanAbsDiff) {
    }

    /** Indices of the duplicates among {@code spectra} (all on one grid). */
    public static List<Duplicate> find(List<float[]> spectra, double threshold) {
        List<Integer> kept = new ArrayList<>();
        List<Duplicate> dups = new ArrayList<>();
        for (int i = 0; i < spectra.size(); i++) {
            float[] a = spectra.get(i);
            int match = -1;
            double best = threshold;
            double limit = threshold * a.length;
            for (int k : kept) {
                float[] b = spectra.get(k);
                double s = 0;
                for (int j = 0; j < a.length && s < limit; j++) {
                    s += Math.abs(a[j] - b[j]);
                }
                double mad = s / a.length;
                if (mad < best) {
                    best = mad;
                    match = k;
                }
            }
            if (match >= 0) {
                dups.add(new Duplicate(i, match, best));
            } else {
                kept.add(i);
            }
        }
        return dups;
    }
}
