package org.xaneslce.evaluation;

/**
 * Confusion matrix and F1 scores of a prediction (rows: true class, columns: predicted).
 *
 * @param confusion counts, true x predicted (3 x 3, or 4 x 4 with OTHER)
 * @param closed for an open-set model, the T4/S5/O6 sites only, each predicted as the likeliest of
 *        T4, S5, O6 (what the model knows of the three classes once OTHER is ruled out); null otherwise
 */
public record Metrics(int[][] confusion, int[][] closed) {
    public Metrics {
        confusion = copy(confusion);
        closed = closed == null ? null : copy(closed);
    }

    /** Metrics without a closed-set matrix. */
    public Metrics(int[][] confusion) {
        this(confusion, null);
    }

    private static int[][] copy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /**
     * The macro F1 of the three classes once OTHER is ruled out (the closed matrix); for a
     * three-class model, its macro F1.
     */
    public double closedMacroF1() {
        return closed == null ? macroF1() : new Metrics(closed).macroF1();
    }

    /** Metrics of predictions against truth. */
    public static Metrics of(int[] truth, int[] predicted, int classes) {
        int[][] c = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            c[truth[i]][predicted[i]]++;
        }
        return new Metrics(c);
    }

    @Override
    public int[][] confusion() {
        return copy(confusion);
    }

    @Override
    public int[][] closed() {
        return closed == null ? null : copy(closed);
    }

    /** One-vs-rest F1 of class {@code k} (0 when the class never occurs and is never predicted). */
    public double f1(int k) {
        int tp = confusion[k][k];
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < confusion.length; i++) {
            if (i != k) {
                fp += confusion[i][k];
                fn += confusion[k][i];
            }
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** The mean of the class-wise F1 scores. */
    public double macroF1() {
        double s = 0;
        for (int k = 0; k < confusion.length; k++) {
            s += f1(k);
        }
        return s / confusion.length;
    }

    /** Recall of class {@code k}: the share of its sites predicted as it (NaN when none). */
    public double recall(int k) {
        int all = 0;
        for (int j = 0; j < confusion.length; j++) {
            all += confusion[k][j];
        }
        return all == 0 ? Double.NaN : (double) confusion[k][k] / all;
    }

    /** Fraction predicted correctly (reported, not used to judge: classes are imbalanced). */
    public double accuracy() {
        int right = 0;
        int all = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                all += confusion[i][j];
                if (i == j) {
                    right += confusion[i][j];
                }
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }
}
