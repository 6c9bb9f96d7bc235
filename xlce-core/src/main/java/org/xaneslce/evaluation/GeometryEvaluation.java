package org.xaneslce.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.GeometryModel;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.util.Parallel;

/**
 * Held-out evaluation of the coordination number and distance models: k folds split by material
 * (every site of a material in one fold), a model trained on the other folds predicts each test
 * site. Reports CN accuracy and confusion over the CN bins, the accuracy on sites of CN 4, 5 and 6
 * (the classes Torrisi et al. report), distance MAE, RMSE and R^2 on sites with a bonded oxygen shell
 * ({@link GeometryModel#bonded}),
 * and the empirical coverage and mean width of the 90 % conformal distance interval.
 */
public final class GeometryEvaluation {
    private GeometryEvaluation() {
    }

    /**
     * The pooled test-fold results.
     *
     * @param element absorber
     * @param folds k
     * @param spectra test predictions (every spectrum with a geometry, once)
     * @param confusion CN bins, true (rows) by predicted (columns)
     * @param cnAccuracy fraction of spectra whose CN bin is right
     * @param cnAccuracy456 the same on spectra of CN 4, 5 or 6
     * @param distanceCount spectra with a bonded oxygen shell (distance scored)
     * @param mae distance mean absolute error, Angstrom
     * @param rmse distance root mean squared error, Angstrom
     * @param r2 coefficient of determination of the distance (1 - SSE / SST over the pooled test sites)
     * @param baselineMae MAE of predicting each fold's training mean distance
     * @param coverage90 fraction of test distances inside the 90 % conformal interval
     * @param halfWidth90 mean half-width of that interval, Angstrom
     */
    public record Result(String element, int folds, int spectra, int[][] confusion, double cnAccuracy, double cnAccuracy456,
                         int distanceCount, double mae, double rmse, double r2, double baselineMae, double coverage90, double halfWidth90) {
    }

    /** One test prediction. */
    private record Row(int trueBin, int predBin, int trueCn, boolean bonded, double trueDistance, double predDistance, double halfWidth90,
                       double trainMean) {
    }

    /** Evaluates on {@code k} folds by material, seeded, folds trained on {@code threads} threads. */
    public static Result evaluate(Dataset d, ModelOptions o, int k, long seed, int threads, IntConsumer foldDone) {
        List<Dataset.Entry> known = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            if (e.hasGeometry()) {
                known.add(e);
            }
        }
        String[] groups = new String[known.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = known.get(i).material();
        }
        int[][] folds = Splits.byGroup(groups, k, seed);
        List<Callable<List<Row>>> jobs = new ArrayList<>();
        for (int[] test : folds) {
            jobs.add(() -> {
                int[] trainIdx = Splits.complement(test, known.size());
                List<Dataset.Entry> tr = new ArrayList<>();
                double sum = 0;
                int nd = 0;
                for (int i : trainIdx) {
                    Dataset.Entry e = known.get(i);
                    tr.add(e);
                    if (GeometryModel.bonded(e)) {
                        sum += e.meanDistanceAngstrom();
                        nd++;
                    }
                }
                GeometryModel m = GeometryModel.train(new Dataset(d.element(), d.grid(), d.levelOfTheory(), tr, d.provenance()), o, "evaluation");
                double hw = m.halfWidth(0.9);
                List<Row> rows = new ArrayList<>();
                for (int i : test) {
                    Dataset.Entry e = known.get(i);
                    GeometryModel.Prediction p = m.predict(e.mu());
                    rows.add(new Row(GeometryModel.bin(e.cn()), GeometryModel.bin(p.cn()), e.cn(), GeometryModel.bonded(e), e.meanDistanceAngstrom(),
                        p.meanDistanceAngstrom(), hw, sum / nd));
                }
                if (foldDone != null) {
                    foldDone.accept(rows.size());
                }
                return rows;
            });
        }
        List<Row> all = new ArrayList<>();
        Parallel.run(jobs, threads).forEach(all::addAll);
        return summarize(d.element(), k, all);
    }

    private static Result summarize(String element, int k, List<Row> rows) {
        int bins = GeometryModel.bins();
        int[][] confusion = new int[bins][bins];
        int right = 0;
        int n456 = 0;
        int right456 = 0;
        List<Row> dist = new ArrayList<>();
        for (Row r : rows) {
            confusion[r.trueBin()][r.predBin()]++;
            if (r.trueBin() == r.predBin()) {
                right++;
            }
            if (r.trueCn() >= 4 && r.trueCn() <= 6) {
                n456++;
                if (r.trueBin() == r.predBin()) {
                    right456++;
                }
            }
            if (r.bonded()) {
                dist.add(r);
            }
        }
        double mean = 0;
        for (Row r : dist) {
            mean += r.trueDistance();
        }
        mean /= Math.max(1, dist.size());
        double abs = 0;
        double sse = 0;
        double sst = 0;
        double base = 0;
        int covered = 0;
        double width = 0;
        for (Row r : dist) {
            double e = r.predDistance() - r.trueDistance();
            abs += Math.abs(e);
            sse += e * e;
            sst += (r.trueDistance() - mean) * (r.trueDistance() - mean);
            base += Math.abs(r.trainMean() - r.trueDistance());
            if (Math.abs(e) <= r.halfWidth90()) {
                covered++;
            }
            width += r.halfWidth90();
        }
        int m = Math.max(1, dist.size());
        return new Result(element, k, rows.size(), confusion, rows.isEmpty() ? Double.NaN : right / (double) rows.size(),
            n456 == 0 ? Double.NaN : right456 / (double) n456, dist.size(), abs / m, Math.sqrt(sse / m), sst > 0 ? 1 - sse / sst : Double.NaN,
            base / m, covered / (double) m, width / m);
    }
}
