package org.xaneslce.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.trust.EnsembleEvaluation;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.nn.Network;

/** Ensembles on the bundled Cr open-set dataset: deterministic, whole materials per draw, mean and spread right. */
class EnsembleTest {
    static Dataset cr;

    @BeforeAll
    static void load() throws Exception {
        cr = DatasetFiles.read(Path.of("../data/dataset-open/Cr.csv.gz"));
    }

    private static ModelOptions quick() {
        return new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.none, 4, 32, 1e-3, 0.3, 7, false);
    }

    private static float[] rows(Dataset d, int n) {
        int g = d.grid().count();
        float[] x = new float[n * g];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d.entries().get(i).mu(), 0, x, i * g, g);
        }
        return x;
    }

    @Test
    void sameOptions_sameEnsemble_bitForBit_andMemberZeroIsTheSingleModel() {
        Ensemble a = Ensemble.train(cr, quick(), 3, "t");
        Ensemble b = Ensemble.train(cr, quick(), 3, "t");
        float[] x = rows(cr, 30);
        Ensemble.Prediction pa = a.predict(x, 30);
        Ensemble.Prediction pb = b.predict(x, 30);
        assertArrayEquals(pa.mean(), pb.mean());
        assertArrayEquals(pa.std(), pb.std());
        Classifier single = Classifier.train(cr, quick(), cr.grid().count(), "t");
        assertArrayEquals(single.predict(x, 30), a.members().get(0).predict(x, 30));
        assertNotEquals(a.members().get(1).predict(x, 30)[0], a.members().get(2).predict(x, 30)[0], "members differ");
    }

    @Test
    void ensembleFile_roundTripsWithinHalfPrecision_andIsHalfTheSize(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        ModelOptions o = new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.none, 3, 32, 1e-3, 0.3, 7, false);
        Ensemble e = Ensemble.train(cr, o, 3, "t");
        Path model = tmp.resolve("Cr-cnn.json");
        ModelFiles.write(e.members().get(0), model);
        ModelFiles.writeEnsemble(e, model);
        Classifier main = ModelFiles.read(model);
        Ensemble back = ModelFiles.readEnsemble(model, main).orElseThrow();
        assertEquals(3, back.members().size());
        float[] x = rows(cr, 50);
        Ensemble.Prediction a = e.predict(x, 50);
        Ensemble.Prediction b = back.predict(x, 50);
        for (int i = 0; i < a.mean().length; i++) {
            assertEquals(a.mean()[i], b.mean()[i], 5e-3, "mean " + i);
            assertEquals(a.std()[i], b.std()[i], 5e-3, "spread " + i);
        }
        long perMember = java.nio.file.Files.size(ModelFiles.ensembleFileFor(model)) / 2;
        assertTrue(perMember < 0.6 * java.nio.file.Files.size(model), perMember + " bytes per extra member against a model file of "
            + java.nio.file.Files.size(model));
    }

    @Test
    void meanAndSpread_areThoseOfTheMembers() {
        Ensemble e = Ensemble.train(cr, quick(), 3, "t");
        float[] x = rows(cr, 10);
        Ensemble.Prediction p = e.predict(x, 10);
        int k = 4;
        for (int i = 0; i < 10 * k; i++) {
            double[] v = new double[3];
            for (int m = 0; m < 3; m++) {
                v[m] = e.members().get(m).predict(x, 10)[i];
            }
            double mean = (v[0] + v[1] + v[2]) / 3;
            double sd = Math.sqrt(((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean) + (v[2] - mean) * (v[2] - mean)) / 3);
            assertEquals(mean, p.mean()[i], 1e-6);
            assertEquals(sd, p.std()[i], 1e-5);
        }
        Ensemble.Prediction one = e.first(1).predict(x, 10);
        for (float s : one.std()) {
            assertEquals(0f, s, 1e-7f);
        }
    }

    @Test
    void bootstrap_drawsWholeMaterials_asManyAsThereAre_seeded() {
        Dataset b1 = Ensemble.bootstrap(cr, 7, 1);
        Dataset again = Ensemble.bootstrap(cr, 7, 1);
        Dataset b2 = Ensemble.bootstrap(cr, 7, 2);
        assertEquals(b1.entries().stream().map(e -> e.material() + e.site()).toList(), again.entries().stream().map(e -> e.material() + e.site()).toList());
        assertNotEquals(b1.entries().stream().map(Dataset.Entry::material).toList(), b2.entries().stream().map(Dataset.Entry::material).toList());
        Map<String, Integer> sitesPerMaterial = new HashMap<>();
        for (Dataset.Entry e : cr.entries()) {
            sitesPerMaterial.merge(e.material(), 1, Integer::sum);
        }
        Map<String, Integer> drawn = new HashMap<>();
        for (Dataset.Entry e : b1.entries()) {
            drawn.merge(e.material(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : drawn.entrySet()) {
            assertEquals(0, e.getValue() % sitesPerMaterial.get(e.getKey()), "whole materials: " + e.getKey());
        }
        Set<String> distinct = new HashSet<>(drawn.keySet());
        int draws = drawn.entrySet().stream().mapToInt(e -> e.getValue() / sitesPerMaterial.get(e.getKey())).sum();
        assertEquals(sitesPerMaterial.size(), draws, "as many draws as materials");
        assertTrue(distinct.size() < sitesPerMaterial.size(), "with replacement, some materials are left out");
        assertTrue(Ensemble.bootstrap(cr, 7, 0) == cr, "member 0 takes the whole dataset");
        assertThrows(IllegalArgumentException.class, () -> Ensemble.train(cr, quick(), 0, "t"));
    }

    @Test
    void evaluation_scoresEverySize_onTheSameFolds() {
        List<EnsembleEvaluation.Size> r = EnsembleEvaluation.run(cr, quick(), Evaluation.SplitKind.material, 10, 2, new int[] {1, 3}, 2, null);
        assertEquals(2, r.size());
        assertTrue(Double.isNaN(r.get(0).spreadAuc()), "one member has no spread");
        assertTrue(r.get(1).spreadAuc() >= 0 && r.get(1).spreadAuc() <= 1);
        Evaluation.Result single = Evaluation.run(cr, quick(), Evaluation.SplitKind.material, 10, 2, 2, f -> { });
        assertEquals(single.mean(org.xaneslce.evaluation.Metrics::macroF1), r.get(0).macroF1(), 1e-9,
            "an ensemble of one is the single model of the paper's protocol");
    }
}
