package org.xaneslce.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;

/**
 * The paper's protocol (Module III): for each of {@code repeats} disjoint test folds, train on the
 * rest (augmented) and score the fold; mean and standard deviation over the repeats. Folds train
 * in parallel, one model per thread; fold f uses seed {@code seed + f}, so results do not depend
 * on the number of threads.
 */
public final class Evaluation {
    /** How test folds are drawn. */
    public enum SplitKind { stratified, material }

    /**
     * Results over the repeats.
     *
     * @param options the model options (seed of fold 0)
     * @param split the split kind
     * @param folds metrics per fold
     * @param preEdgePoints grid points the models read
     * @param seconds wall time
     */
    public record Result(ModelOptions options, SplitKind split, List<Metrics> folds, int preEdgePoints, double seconds) {
        public Result {
            folds = List.copyOf(folds);
        }

        /** Mean of a per-fold value. */
        public double mean(java.util.function.ToDoubleFunction<Metrics> f) {
            return folds.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        /** Sample standard deviation of a per-fold value. */
        public double std(java.util.function.ToDoubleFunction<Metrics> f) {
            double m = mean(f);
            double s = 0;
            for (Metrics x : folds) {
                double d = f.applyAsDouble(x) - m;
                s += d * d;
            }
            return folds.size() > 1 ? Math.sqrt(s / (folds.size() - 1)) : 0;
        }

        /** The summed confusion matrix over folds. */
        public int[][] confusion() {
            int k = folds.isEmpty() ? 3 : folds.get(0).confusion().length;
            int[][] c = new int[k][k];
            for (Metrics m : folds) {
                int[][] f = m.confusion();
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        c[i][j] += f[i][j];
                    }
                }
            }
            return c;
        }
    }

    private Evaluation() {
    }

    /** The test folds of a dataset. */
    public static int[][] folds(Dataset d, SplitKind split, int k, long seed) {
        if (split == SplitKind.material) {
            String[] groups = d.entries().stream().map(Dataset.Entry::material).toArray(String[]::new);
            return Splits.byGroup(groups, k, seed);
        }
        int[] y = d.entries().stream().mapToInt(e -> e.coordinationClass().ordinal()).toArray();
        return Splits.stratified(y, k, seed);
    }

    /**
     * Runs the protocol with {@code repeats} folds of a {@code k}-fold partition (repeats <= k);
     * {@code progress} hears each finished fold.
     */
    public static Result run(Dataset d, ModelOptions o, SplitKind split, int k, int repeats, int threads, IntConsumer progress) {
        long t0 = System.nanoTime();
        int[][] folds = folds(d, split, k, o.seed());
        int pre = o.preEdge() ? Classifier.preEdgePoints(d) : d.grid().count();
        List<java.util.concurrent.Callable<Metrics>> jobs = new ArrayList<>();
        for (int f = 0; f < repeats; f++) {
            int fold = f;
            jobs.add(() -> {
                int[] test = folds[fold];
                Dataset train = d.subset(Splits.complement(test, d.size()));
                Dataset testSet = d.subset(test);
                Classifier c = Classifier.train(train, o.withSeed(o.seed() + fold), pre, "fold " + fold);
                Metrics m = score(c, testSet);
                progress.accept(fold);
                return m;
            });
        }
        List<Metrics> out = org.xaneslce.util.Parallel.run(jobs, threads);
        return new Result(o, split, out, pre, (System.nanoTime() - t0) / 1e9);
    }

    /** Scores a classifier on a test set (spectra on the dataset's grid; pre-edge models read the prefix). */
    public static Metrics score(Classifier c, Dataset test) {
        return score(c, test, 0.0, 0.0, 0);
    }

    /**
     * Scores on a perturbed test set: every spectrum shifted by {@code shiftEv} and given Gaussian
     * noise of {@code sigma} (seeded), for the robustness curves.
     */
    public static Metrics score(Classifier c, Dataset test, double shiftEv, double sigma, long seed) {
        return score(c, test, shiftEv, sigma, seed, 0.0);
    }

    /**
     * As {@link #score(Classifier, Dataset, double, double, long)}, every spectrum first broadened by a
     * Gaussian of {@code broadeningEv} (standard deviation; 0: none), as a measured spectrum of that
     * resolution would be.
     */
    public static Metrics score(Classifier c, Dataset test, double shiftEv, double sigma, long seed, double broadeningEv) {
        int d = c.grid().count();
        int n = test.size();
        float[] x = new float[n * d];
        int[] truth = new int[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            float[] mu = test.entries().get(i).mu();
            if (broadeningEv > 0) {
                mu = org.xaneslce.model.Augmentation.broaden(mu, test.grid(), broadeningEv);
            }
            if (shiftEv != 0) {
                mu = org.xaneslce.model.Augmentation.shift(mu, test.grid(), shiftEv);
            }
            if (sigma > 0) {
                mu = org.xaneslce.model.Augmentation.noise(mu, sigma, rng);
            }
            System.arraycopy(mu, 0, x, i * d, d);
            truth[i] = test.entries().get(i).coordinationClass().ordinal();
        }
        return metrics(c.predict(x, n), c.classList().length, truth);
    }

    /** Metrics of probabilities {@code p} (n x classes) against {@code truth}; with OTHER also the closed matrix. */
    static Metrics metrics(float[] p, int classes, int[] truth) {
        int n = truth.length;
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int k = 1; k < classes; k++) {
                if (p[i * classes + k] > p[i * classes + b]) {
                    b = k;
                }
            }
            pred[i] = b;
        }
        Metrics m = Metrics.of(truth, pred, classes);
        if (classes == 3) {
            return m;
        }
        return new Metrics(m.confusion(), closedMatrix(p, classes, truth));
    }

    /** The T4/S5/O6 sites of {@code truth}, each called the likeliest of the first three of {@code classes} probabilities. */
    static int[][] closedMatrix(float[] p, int classes, int[] truth) {
        int[][] closed = new int[3][3];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 3) {
                int b = 0;
                for (int k = 1; k < 3; k++) {
                    if (p[i * classes + k] > p[i * classes + b]) {
                        b = k;
                    }
                }
                closed[truth[i]][b]++;
            }
        }
        return closed;
    }

    /**
     * The hybrid open-set classifier, held out like {@link #run}: on each test fold a four-class
     * model (T4, S5, O6, OTHER) and a three-class model trained on the fold's T4/S5/O6 sites only; the
     * hybrid's probabilities are the three-class model's scaled by 1 - P(OTHER) of the four-class one,
     * and that P(OTHER). Its closed score is the three-class model's by construction.
     */
    public static Result runHybrid(Dataset open, ModelOptions o, SplitKind split, int k, int repeats, int threads) {
        if (open.classCount() != 4) {
            throw new IllegalArgumentException(open.element() + ": the hybrid needs an open-set dataset (with OTHER)");
        }
        long t0 = System.nanoTime();
        int[][] folds = folds(open, split, k, o.seed());
        int g = open.grid().count();
        List<java.util.concurrent.Callable<Metrics>> jobs = new ArrayList<>();
        for (int f = 0; f < repeats; f++) {
            int fold = f;
            jobs.add(() -> {
                Dataset train = open.subset(Splits.complement(folds[fold], open.size()));
                int[] closedIdx = java.util.stream.IntStream.range(0, train.size())
                    .filter(i -> train.entries().get(i).coordinationClass().ordinal() < 3).toArray();
                Classifier four = Classifier.train(train, o.withSeed(o.seed() + fold), g, "fold " + fold);
                Classifier three = Classifier.train(train.subset(closedIdx), o.withSeed(o.seed() + fold), g, "fold " + fold);
                Dataset test = open.subset(folds[fold]);
                int n = test.size();
                float[] x = new float[n * g];
                int[] truth = new int[n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(test.entries().get(i).mu(), 0, x, i * g, g);
                    truth[i] = test.entries().get(i).coordinationClass().ordinal();
                }
                float[] p4 = four.predict(x, n);
                float[] p3 = three.predict(x, n);
                float[] h = new float[n * 4];
                for (int i = 0; i < n; i++) {
                    float other = p4[i * 4 + 3];
                    for (int c = 0; c < 3; c++) {
                        h[i * 4 + c] = p3[i * 3 + c] * (1 - other);
                    }
                    h[i * 4 + 3] = other;
                }
                // The closed matrix from the three-class model itself: 1 - P(OTHER) can round to 0 in float.
                return new Metrics(metrics(h, 4, truth).confusion(), closedMatrix(p3, 3, truth));
            });
        }
        return new Result(o, split, org.xaneslce.util.Parallel.run(jobs, threads), g, (System.nanoTime() - t0) / 1e9);
    }
}
