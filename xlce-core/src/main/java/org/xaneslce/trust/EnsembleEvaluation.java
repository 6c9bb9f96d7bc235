package org.xaneslce.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.evaluation.Splits;
import org.xaneslce.model.Ensemble;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.util.Parallel;

/**
 * How many members an ensemble needs, by measurement: on each test fold an ensemble of the largest
 * size is trained once, and its first k members (k in {@code sizes}) are scored: macro F1 of the
 * mean probabilities, negative log-likelihood, expected calibration error (15 bins), and how well
 * the spread of the chosen class's probability tells wrong answers from right ones (ROC AUC).
 */
public final class EnsembleEvaluation {
    private EnsembleEvaluation() {
    }

    /**
     * Scores of one ensemble size, mean and standard deviation over the test folds.
     *
     * @param members k
     * @param macroF1 macro F1 of the mean probabilities
     * @param macroF1Std its standard deviation over folds
     * @param nll mean negative log-likelihood
     * @param ece expected calibration error of the mean probabilities (uncalibrated)
     * @param spreadAuc ROC AUC of the chosen class's spread for wrong against right answers (NaN for one member)
     */
    public record Size(int members, double macroF1, double macroF1Std, double nll, double ece, double spreadAuc) {
    }

    /** Scores every size in {@code sizes} on {@code repeats} test folds of a k-fold partition. */
    public static List<Size> run(Dataset d, ModelOptions o, Evaluation.SplitKind split, int k, int repeats, int[] sizes, int threads,
                                 IntConsumer foldDone) {
        int max = java.util.Arrays.stream(sizes).max().orElse(1);
        int[][] folds = Evaluation.folds(d, split, k, o.seed());
        int classes = d.classCount();
        int g = d.grid().count();
        List<Callable<double[][]>> jobs = new ArrayList<>();
        for (int f = 0; f < repeats; f++) {
            int fold = f;
            jobs.add(() -> {
                Dataset train = d.subset(Splits.complement(folds[fold], d.size()));
                Dataset test = d.subset(folds[fold]);
                Ensemble e = Ensemble.train(train, o.withSeed(o.seed() + fold), max, "fold " + fold);
                float[] x = new float[test.size() * g];
                int[] y = new int[test.size()];
                for (int i = 0; i < test.size(); i++) {
                    System.arraycopy(test.entries().get(i).mu(), 0, x, i * g, g);
                    y[i] = test.entries().get(i).coordinationClass().ordinal();
                }
                double[][] out = new double[sizes.length][];
                for (int s = 0; s < sizes.length; s++) {
                    Ensemble.Prediction p = e.first(sizes[s]).predict(x, test.size());
                    out[s] = score(p, y, classes);
                }
                if (foldDone != null) {
                    foldDone.accept(fold);
                }
                return out;
            });
        }
        List<double[][]> res = Parallel.run(jobs, threads);
        List<Size> out = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            double[] mean = new double[4];
            for (double[][] r : res) {
                for (int j = 0; j < 4; j++) {
                    mean[j] += r[s][j] / res.size();
                }
            }
            double var = 0;
            for (double[][] r : res) {
                var += (r[s][0] - mean[0]) * (r[s][0] - mean[0]);
            }
            out.add(new Size(sizes[s], mean[0], res.size() > 1 ? Math.sqrt(var / (res.size() - 1)) : 0, mean[1], mean[2],
                sizes[s] == 1 ? Double.NaN : mean[3]));
        }
        return out;
    }

    /** macro F1, NLL, ECE, spread AUC of one fold. */
    static double[] score(Ensemble.Prediction p, int[] y, int classes) {
        int n = y.length;
        double[] probs = new double[n * classes];
        int[] pred = new int[n];
        List<Double> wrong = new ArrayList<>();
        List<Double> right = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int c = 0; c < classes; c++) {
                probs[i * classes + c] = p.mean()[i * classes + c];
                if (p.mean()[i * classes + c] > p.mean()[i * classes + b]) {
                    b = c;
                }
            }
            pred[i] = b;
            (b == y[i] ? right : wrong).add((double) p.std()[i * classes + b]);
        }
        double auc = 0;
        for (double w : wrong) {
            for (double r : right) {
                auc += w > r ? 1 : w == r ? 0.5 : 0;
            }
        }
        auc /= Math.max(1, wrong.size() * right.size());
        return new double[] {Metrics.of(y, pred, classes).macroF1(), Calibration.nll(probs, classes, y), Calibration.ece(probs, classes, y), auc};
    }
}
