package org.xaneslce.evaluation;

/**
 * Confusion matrix and F1 scores of a 3-class prediction (rows: true class, columns: predicted).
 *
 * @param confusion counts, true x predicted
 */
public record Metrics(int[][] confusion) {
    public Metrics {
        int[][] c = new int[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        confusion = c;
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
        int[][] c = new int[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
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
