package org.xaneslce.trust;

import java.util.Arrays;

/**
 * Split conformal prediction sets, class-conditional (Mondrian; Vovk et al. 2005): the
 * nonconformity of a spectrum for class k is 1 - p_k; from held-out spectra of each class the
 * threshold q_k is the ceil((n_k + 1)(1 - alpha))-th smallest score of that class's spectra, and
 * the set of a new spectrum holds every class whose score is at most its threshold. For
 * exchangeable data each class's coverage is at least 1 - alpha (and, for n_k large, at most
 * 1 - alpha + 1/(n_k + 1)). Class-conditional so that thin classes (S5) get their coverage too.
 *
 * @param scores per class, the sorted nonconformity scores of the held-out spectra of that class
 */
public record Conformal(double[][] scores) {
    public Conformal {
        double[][] c = new double[scores.length][];
        for (int k = 0; k < scores.length; k++) {
            c[k] = scores[k].clone();
            Arrays.sort(c[k]);
        }
        scores = c;
    }

    /** Fits from held-out probabilities ({@code k} classes per row) and their true classes. */
    public static Conformal fit(double[] probs, int k, int[] labels) {
        int[] n = new int[k];
        for (int y : labels) {
            n[y]++;
        }
        double[][] s = new double[k][];
        for (int c = 0; c < k; c++) {
            s[c] = new double[n[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < labels.length; i++) {
            s[labels[i]][fill[labels[i]]++] = 1 - probs[i * k + labels[i]];
        }
        return new Conformal(s);
    }

    /** The threshold of class {@code c} at coverage {@code 1 - alpha} (+infinity when the class has too few held-out spectra). */
    public double threshold(int c, double coverage) {
        double[] s = scores[c];
        int rank = (int) Math.ceil((s.length + 1) * coverage);
        return rank > s.length ? Double.POSITIVE_INFINITY : s[Math.max(rank, 1) - 1];
    }

    /** The prediction set of one spectrum's probabilities at {@code coverage}: true for each class in the set. */
    public boolean[] set(double[] p, double coverage) {
        boolean[] in = new boolean[p.length];
        for (int c = 0; c < p.length; c++) {
            in[c] = 1 - p[c] <= threshold(c, coverage);
        }
        return in;
    }

    /** The scores, a copy. */
    @Override
    public double[][] scores() {
        double[][] c = new double[scores.length][];
        for (int k = 0; k < scores.length; k++) {
            c[k] = scores[k].clone();
        }
        return c;
    }
}
