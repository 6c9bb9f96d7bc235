package org.xaneslce.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;

/**
 * The reproduction run's second part, beyond the paper's three classes (trust issue): per absorber,
 * the open-set CNN (T4, S5, O6, OTHER) on the open-set dataset, split by material, with its closed
 * three-class score beside the paper's model; and the coordination number and distance model
 * ({@link GeometryEvaluation}, MLP, 5 folds by material) on the open-set dataset where there is one,
 * else on the base dataset.
 */
public final class BeyondPaper {
    private BeyondPaper() {
    }

    /**
     * One absorber.
     *
     * @param openSet the four-class CNN split by material (null without an open-set dataset)
     * @param openCounts class counts of the open-set dataset (T4, S5, O6, OTHER; null without one)
     * @param geometry coordination number and distance, held out by material
     * @param geometryData "open-set" or "base": the dataset the geometry was evaluated on
     */
    public record ElementResult(Evaluation.Result openSet, int[] openCounts, GeometryEvaluation.Result geometry, String geometryData) {
    }

    /** Every absorber, and the seconds it took. */
    public record Result(Map<String, ElementResult> elements, double seconds) {
    }

    /** Folds of the geometry evaluation. */
    public static final int GEOMETRY_FOLDS = 5;

    /** Runs it for every absorber of {@code base}, using {@code open} where it has the absorber. */
    public static Result run(Map<String, Dataset> base, Map<String, Dataset> open, Study.Options o, Study.Listener listener) {
        long t0 = System.nanoTime();
        Map<String, ElementResult> out = new LinkedHashMap<>();
        int total = base.size() + (int) base.keySet().stream().filter(open::containsKey).count();
        int done = 0;
        for (Map.Entry<String, Dataset> e : base.entrySet()) {
            Dataset op = open.get(e.getKey());
            Evaluation.Result os = null;
            if (op != null && op.classCount() == 4) {
                ModelOptions mo = new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.shift, o.epochs(), 32, 1e-3, 0.3, o.seed(), false);
                os = Evaluation.run(op, mo, Evaluation.SplitKind.material, 10, o.repeats(), o.threads(), f -> { });
                listener.progress("beyond the paper (" + e.getKey() + " open set)", ++done, total);
            }
            Dataset g = op != null && op.geometryCount() > 0 ? op : e.getValue();
            GeometryEvaluation.Result geo = null;
            if (g.geometryCount() >= 10) {
                ModelOptions mo = new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.shift, o.epochs(), 32, 1e-3, 0.3, o.seed(), false);
                geo = GeometryEvaluation.evaluate(g, mo, GEOMETRY_FOLDS, o.seed(), o.threads(), null);
            }
            listener.progress("beyond the paper (" + e.getKey() + " geometry)", ++done, total);
            out.put(e.getKey(), new ElementResult(os, op == null ? null : op.classCounts(), geo, g == op ? "open-set" : "base"));
        }
        return new Result(out, (System.nanoTime() - t0) / 1e9);
    }
}
