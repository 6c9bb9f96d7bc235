package org.xaneslce.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;

/** The hybrid open-set classifier: its closed score is the three-class model's, fold by fold. */
class HybridTest {
    @Test
    void closedScore_isTheThreeClassModelsOnTheSameFolds() throws Exception {
        Dataset cr = DatasetFiles.read(Path.of("../data/dataset-open/Cr.csv.gz"));
        ModelOptions o = new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.none, 3, 32, 1e-3, 0.3, 3, false);
        Evaluation.Result h = Evaluation.runHybrid(cr, o, Evaluation.SplitKind.material, 10, 2, 2);
        int[][] folds = Evaluation.folds(cr, Evaluation.SplitKind.material, 10, o.seed());
        for (int f = 0; f < 2; f++) {
            Dataset train = cr.subset(Splits.complement(folds[f], cr.size()));
            int[] closedTrain = java.util.stream.IntStream.range(0, train.size())
                .filter(i -> train.entries().get(i).coordinationClass().ordinal() < 3).toArray();
            Classifier three = Classifier.train(train.subset(closedTrain), o.withSeed(o.seed() + f), cr.grid().count(), "t");
            Dataset test = cr.subset(folds[f]);
            int[] closedTest = java.util.stream.IntStream.range(0, test.size())
                .filter(i -> test.entries().get(i).coordinationClass().ordinal() < 3).toArray();
            Metrics alone = Evaluation.score(three, test.subset(closedTest));
            int[][] closed = h.folds().get(f).closed();
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(alone.confusion()[r], closed[r], "fold " + f + " row " + r);
            }
            assertEquals(alone.macroF1(), h.folds().get(f).closedMacroF1(), 1e-12);
            int total = 0;
            for (int[] row : h.folds().get(f).confusion()) {
                for (int v : row) {
                    total += v;
                }
            }
            assertEquals(test.size(), total, "every test site scored in the four-class matrix");
        }
        Dataset base = DatasetFiles.read(Path.of("../data/dataset/Cr.csv.gz"));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.runHybrid(base, o, Evaluation.SplitKind.material, 10, 1, 1));
    }
}
