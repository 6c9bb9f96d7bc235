package org.xaneslce.spectrum.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;

/**
 * Turns raw (energy, mu) columns into a {@link Spectrum}: drops non-finite points, sorts by energy
 * and merges duplicate energies (mean of mu), and records each of these in the spectrum's notes,
 * unlike Larch's pre_edge, which does them silently.
 */
final class RawSpectrum {
    private RawSpectrum() {
    }

    static Spectrum build(String source, String id, Optional<String> absorber, double[] e, double[] mu, boolean measured,
                          Map<String, String> notes) throws InputException {
        Map<String, String> n = new TreeMap<>(notes);
        List<double[]> pts = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < e.length; i++) {
            if (Double.isFinite(e[i]) && Double.isFinite(mu[i])) {
                pts.add(new double[] {e[i], mu[i]});
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            n.put("dropped_non_finite", Integer.toString(dropped));
        }
        boolean sorted = true;
        for (int i = 1; i < pts.size(); i++) {
            if (pts.get(i)[0] < pts.get(i - 1)[0]) {
                sorted = false;
                break;
            }
        }
        if (!sorted) {
            pts.sort(Comparator.comparingDouble(p -> p[0]));
            n.put("sorted_by_energy", "true");
        }
        List<double[]> merged = new ArrayList<>();
        int dups = 0;
        for (int i = 0; i < pts.size(); ) {
            int j = i;
            double sum = 0;
            while (j < pts.size() && pts.get(j)[0] == pts.get(i)[0]) {
                sum += pts.get(j)[1];
                j++;
            }
            merged.add(new double[] {pts.get(i)[0], sum / (j - i)});
            dups += j - i - 1;
            i = j;
        }
        if (dups > 0) {
            n.put("merged_duplicate_energies", Integer.toString(dups));
        }
        if (merged.size() < 2) {
            throw new InputException(source, 0, "fewer than 2 usable data points (" + e.length + " rows, " + dropped + " non-finite)");
        }
        double[] ee = new double[merged.size()];
        double[] mm = new double[merged.size()];
        for (int i = 0; i < ee.length; i++) {
            ee[i] = merged.get(i)[0];
            mm[i] = merged.get(i)[1];
        }
        return new Spectrum(id, absorber, ee, mm, measured, n);
    }

    static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    static double[] copy(double[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
