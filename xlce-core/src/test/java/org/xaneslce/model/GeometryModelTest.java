package org.xaneslce.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.GeometryEvaluation;
import org.xaneslce.io.InputException;
import org.xaneslce.nn.Network;

/** Coordination number and distance from the spectrum, on the bundled Cr open-set dataset (384 sites). */
class GeometryModelTest {
    static Dataset cr;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        cr = DatasetFiles.read(Path.of("../data/dataset-open/Cr.csv.gz"));
    }

    private static ModelOptions quick(long seed) {
        return new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.shift, 12, 32, 1e-3, 0.3, seed, false);
    }

    @Test
    void heldOut_beatsTheObviousBaselines_andTheIntervalCovers() {
        GeometryEvaluation.Result r = GeometryEvaluation.evaluate(cr, quick(1), 4, 1, 2, null);
        assertEquals(cr.size(), r.spectra(), "every site is predicted once");
        int[] perBin = new int[GeometryModel.bins()];
        int total = 0;
        for (int a = 0; a < perBin.length; a++) {
            for (int b = 0; b < perBin.length; b++) {
                perBin[a] += r.confusion()[a][b];
                total += r.confusion()[a][b];
            }
        }
        int majority = java.util.Arrays.stream(perBin).max().getAsInt();
        assertEquals(cr.size(), total);
        assertTrue(r.cnAccuracy() > majority / (double) total + 0.05, "CN accuracy " + r.cnAccuracy() + " vs majority "
            + majority / (double) total);
        assertTrue(r.mae() < 0.8 * r.baselineMae(), "distance MAE " + r.mae() + " vs the training mean's " + r.baselineMae());
        assertTrue(r.r2() > 0.2, "R^2 " + r.r2());
        // Split conformal at 0.9: coverage at least 0.9 in expectation; pooled over 4 folds of ~95 sites, allow sampling error.
        assertTrue(r.coverage90() > 0.84 && r.coverage90() <= 1.0, "coverage " + r.coverage90());
    }

    @Test
    void sameSeed_sameModel_andTheFileRoundTrips() throws Exception {
        GeometryModel a = GeometryModel.train(cr, quick(3), "test");
        GeometryModel b = GeometryModel.train(cr, quick(3), "test");
        Path f = tmp.resolve("Cr-geometry.json");
        ModelFiles.writeGeometry(a, f);
        GeometryModel c = ModelFiles.readGeometry(f);
        for (int i = 0; i < 20; i++) {
            float[] mu = cr.entries().get(i * 7).mu();
            GeometryModel.Prediction pa = a.predict(mu);
            GeometryModel.Prediction pb = b.predict(mu);
            GeometryModel.Prediction pc = c.predict(mu);
            assertArrayEquals(pa.cnProbabilities(), pb.cnProbabilities());
            assertEquals(pa.meanDistanceAngstrom(), pb.meanDistanceAngstrom());
            assertArrayEquals(pa.cnProbabilities(), pc.cnProbabilities());
            assertEquals(pa.meanDistanceAngstrom(), pc.meanDistanceAngstrom(), 1e-12);
        }
        assertEquals(a.halfWidth(0.9), c.halfWidth(0.9));
        GeometryModel other = GeometryModel.train(cr, quick(4), "test");
        assertTrue(other.predict(cr.entries().get(0).mu()).meanDistanceAngstrom() != a.predict(cr.entries().get(0).mu()).meanDistanceAngstrom(),
            "another seed gives another model");
    }

    @Test
    void conformalHalfWidth_isTheRankedResidual_andGrowsWithCoverage() {
        GeometryModel m = GeometryModel.train(cr, quick(5), "test");
        float[] r = m.residuals();
        int n = r.length;
        assertEquals(r[(int) Math.ceil((n + 1) * 0.9) - 1], m.halfWidth(0.9), 0.0);
        assertTrue(m.halfWidth(0.5) <= m.halfWidth(0.8) && m.halfWidth(0.8) <= m.halfWidth(0.95));
        assertEquals(Double.POSITIVE_INFINITY, m.halfWidth(1 - 0.5 / (n + 1)), "too few residuals for that coverage");
        assertThrows(IllegalArgumentException.class, () -> m.halfWidth(1.0));
    }

    @Test
    void corruptOrForeignFiles_areRefusedWithTheFieldNamed() throws Exception {
        Path f = tmp.resolve("x-geometry.json");
        Files.writeString(f, "{\"format\": \"xlce-model\"}");
        InputException e = assertThrows(InputException.class, () -> ModelFiles.readGeometry(f));
        assertTrue(e.getMessage().contains("not an xlce geometry model"), e.getMessage());
        Files.writeString(f, "{\"format\": \"xlce-geometry-model\", \"format_version\": 1, \"grid\": {\"start_ev\": 5980, \"step_ev\": 0.5,"
            + " \"count\": 100}, \"cn_bins\": [\"<=3\", \"4\", \"5\", \"6\", \">=7\"]}");
        e = assertThrows(InputException.class, () -> ModelFiles.readGeometry(f));
        assertTrue(e.getMessage().contains("no options.kind"), e.getMessage());
    }

    @Test
    void tooFewSitesWithAGeometry_isAClearError() {
        Dataset none = new Dataset("Cr", cr.grid(), "FEFF9", java.util.List.of(new Dataset.Entry("mp-1", 0,
            org.xaneslce.coordination.CoordinationClass.O6, "O:6", 0.1, 1.0, cr.entries().get(0).mu())), java.util.Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeometryModel.train(none, quick(1), "t"));
        assertTrue(e.getMessage().contains("xlce db geometry"), e.getMessage());
    }
}
