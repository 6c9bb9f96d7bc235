package org.xaneslce.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.evaluation.Splits;
import org.xaneslce.io.InputException;
import org.xaneslce.nn.Network;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

/** End to end on the bundled Cu base dataset (real FEFF 9 spectra): small trainings only. */
class ClassifierTest {
    @TempDir
    Path tmp;

    static Dataset cu;
    static Classifier quick;

    @BeforeAll
    static void load() throws Exception {
        cu = DatasetFiles.read(Path.of("../data/dataset/Cu.csv.gz"));
        quick = Classifier.train(cu, new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.none, 8, 32, 1e-3, 0.3, 5, false),
            Classifier.preEdgePoints(cu), "test");
    }

    @Test
    void smallTrainingOnRealCuSpectra_learns_farAboveChance() {
        int[][] folds = Evaluation.folds(cu, Evaluation.SplitKind.stratified, 5, 3);
        Dataset train = cu.subset(Splits.complement(folds[0], cu.size()));
        Dataset test = cu.subset(folds[0]);
        Classifier c = Classifier.train(train, new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.shift, 10, 32, 1e-3, 0.3, 1, false),
            Classifier.preEdgePoints(cu), "test");
        Metrics m = Evaluation.score(c, test);
        assertTrue(m.macroF1() > 0.7, "macro F1 " + m.macroF1() + " (chance is about 0.33)");
    }

    @Test
    void measuredAugmentation_keepsEachSpectrum_addsShiftedBroadenedCopies_andIsSeeded() {
        Dataset few = cu.subset(new int[] {0, 1, 2, 3});
        ModelOptions shift = new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.shift, 1, 32, 1e-3, 0.3, 7, false);
        ModelOptions measured = new ModelOptions(Network.Kind.cnn, false, ModelOptions.Augment.measured, 1, 32, 1e-3, 0.3, 7, false);
        float[][] a = Classifier.augmentedRows(few, measured, new java.util.SplittableRandom(7));
        float[][] b = Classifier.augmentedRows(few, measured, new java.util.SplittableRandom(7));
        float[][] plain = Classifier.augmentedRows(few, shift, new java.util.SplittableRandom(7));
        assertEquals(9 * few.size(), a.length, "the original, four shifted copies and four broadened ones per spectrum");
        assertTrue(java.util.Arrays.deepEquals(a, b), "same seed, same rows");
        for (int i = 0; i < few.size(); i++) {
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(plain[5 * i + c], a[9 * i + c], "the original and its shifted copies as the paper's augmentation");
            }
            for (int c = 1; c < 5; c++) {
                // a broadened copy is smoother than the merely shifted one: smaller summed |second difference|
                float[] broad = a[9 * i + 4 + c];
                assertTrue(roughness(broad) < roughness(plain[5 * i + c]), "copy " + c + " of spectrum " + i);
                assertEquals(1.0, max(broad), 1e-6, "max-normalized again");
            }
        }
    }

    private static double roughness(float[] v) {
        double s = 0;
        for (int i = 1; i + 1 < v.length; i++) {
            s += Math.abs(v[i + 1] - 2 * v[i] + v[i - 1]);
        }
        return s;
    }

    private static double max(float[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    @Test
    void stratifiedFolds_areDisjoint_coverAll_andKeepClassProportions() {
        int[][] folds = Evaluation.folds(cu, Evaluation.SplitKind.stratified, 10, 7);
        boolean[] seen = new boolean[cu.size()];
        for (int[] f : folds) {
            int[] c = new int[3];
            for (int i : f) {
                assertTrue(!seen[i]);
                seen[i] = true;
                c[cu.entries().get(i).coordinationClass().ordinal()]++;
            }
            int[] all = cu.classCounts();
            for (int k = 0; k < 3; k++) {
                assertEquals(all[k] / 10.0, c[k], 1.0);
            }
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        int[][] byMaterial = Evaluation.folds(cu, Evaluation.SplitKind.material, 10, 7);
        Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int f = 0; f < 10; f++) {
            for (int i : byMaterial[f]) {
                Integer prev = foldOf.put(cu.entries().get(i).material(), f);
                assertTrue(prev == null || prev == f, "material split across folds");
            }
        }
    }

    @Test
    void modelFile_roundTripsToIdenticalPredictions() throws Exception {
        Path f = tmp.resolve("Cu-mlp.json");
        ModelFiles.write(quick, f);
        Classifier back = ModelFiles.read(f);
        float[] x = new float[10 * 100];
        for (int i = 0; i < 10; i++) {
            System.arraycopy(cu.entries().get(i).mu(), 0, x, i * 100, 100);
        }
        assertArrayEquals(quick.predict(x, 10), back.predict(x, 10));
        assertEquals(quick.options(), back.options());
        assertTrue(back.grid().sameAs(quick.grid()));
        assertEquals("test", back.provenance().get("data_hash"));
    }

    @Test
    void modelFileOfUnknownVersion_failsClearly() throws Exception {
        Path f = tmp.resolve("m.json");
        ModelFiles.write(quick, f);
        Files.writeString(f, Files.readString(f).replace("\"format_version\" : 1", "\"format_version\" : 7"));
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(f));
        assertTrue(e.getMessage().contains("model format version 7 not supported"), e.getMessage());
        Path g = tmp.resolve("g.json");
        ModelFiles.write(quick, g);
        Files.writeString(g, Files.readString(g).replace("[ \"T4\", \"S5\", \"O6\" ]", "[ \"T4\", \"O6\" ]"));
        InputException c = assertThrows(InputException.class, () -> ModelFiles.read(g));
        assertTrue(c.getMessage().contains("classes [\"T4\",\"O6\"]: expected [T4, S5, O6] or [T4, S5, O6, OTHER]"), c.getMessage());
    }

    @Test
    void wrongInputLength_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> quick.predict(new float[99], 1));
        assertTrue(e.getMessage().contains("reads 100 points"), e.getMessage());
    }

    @Test
    void trainingSpectra_areNotNovel_butAFlatLineIs() {
        int novel = 0;
        for (int i = 0; i < 200; i++) {
            if (quick.predictOne(cu.entries().get(i).mu()).novelty().novel()) {
                novel++;
            }
        }
        assertTrue(novel <= 10, "novel training spectra: " + novel);
        float[] flat = new float[100];
        java.util.Arrays.fill(flat, 1f);
        assertTrue(quick.predictOne(flat).novelty().novel());
    }

    @Test
    void predict_measuredFixtures_placesAlignsAndClassifies_orRefusesWithReason() throws Exception {
        Predictor p = new Predictor(Map.of("Cu", quick));
        for (String name : new String[] {"cu.xmu", "cu_metal_rt.xdi", "CuO_tenorite_13K_01.xdi", "cu.prj"}) {
            for (Spectrum s : SpectrumFormats.read(Fixtures.resource("spectra/" + name))) {
                Predictor.Result r = p.predict(s, name);
                assertEquals("Cu", r.element(), name);
                float[] pr = r.prediction().probabilities();
                assertEquals(1.0, pr[0] + pr[1] + pr[2], 1e-5, name);
                assertTrue(r.pearson() > 0.5, name + " r " + r.pearson());
            }
        }
        // cu.xmu names no element: the absorber comes from the edge energy.
        Predictor.Result fromEdge = p.predict(SpectrumFormats.read(Fixtures.resource("spectra/cu.xmu")).get(0), "cu.xmu", 0.9,
            Predictor.Placement.ALIGN);
        assertEquals("edge energy", fromEdge.absorberSource());
        // Metallic Cu foil is not an oxide site: the model should say it has not seen this (aligned by correlation; the shipped
        // models on the default placement: PredictServiceTest).
        assertTrue(fromEdge.prediction().novelty().novel(), "Cu foil novelty ratio " + fromEdge.prediction().noveltyRatio());
        Spectrum co = SpectrumFormats.read(Fixtures.resource("spectra/co_metal_rt.xdi")).get(0);
        InputException noModel = assertThrows(InputException.class, () -> p.predict(co, "co_metal_rt.xdi"));
        assertTrue(noModel.getMessage().contains("Co K edge: no model; models exist for Cu K edges"), noModel.getMessage());
    }

    @Test
    void predict_shortMeasuredScan_isAlignedOnlyWhereItCoversTheGrid_andOneShorterThanTheGridIsRefused() throws Exception {
        Predictor p = new Predictor(Map.of("Cu", quick));
        Spectrum cuo = SpectrumFormats.read(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")).get(0);
        // 8950..9045 eV: the grid (8986..9035.5) with 36 eV below and 9.5 eV above, so shifts of -9.5..+36 eV cover it
        Spectrum scan = cuo.window(8950, 9045);
        Predictor.Result r = p.predict(scan, "short scan");
        assertTrue(r.shiftEv() >= 9035.5 - 9045 - 0.05 - 1e-9 && r.shiftEv() <= 8986 - 8950 + 0.05 + 1e-9, "shift " + r.shiftEv());
        InputException e = assertThrows(InputException.class, () -> p.predict(cuo.window(8990, 9030), "too short"));
        assertTrue(e.getMessage().contains("cannot align to the Cu model") && e.getMessage().contains("makes it cover"), e.getMessage());
    }

    @Test
    void predict_computedSpectrumOffTheGrid_isRefusedWithTheRanges() throws Exception {
        Predictor p = new Predictor(Map.of("Cu", quick));
        Spectrum feff = SpectrumFormats.read(Fixtures.resource("spectra/xmu-mp-622110-003.dat")).get(0);
        Predictor.Result ok = p.predict(feff, "xmu.dat");
        assertEquals("Cu", ok.element());
        Spectrum shifted = feff.shifted(40);
        InputException e = assertThrows(InputException.class, () -> p.predict(shifted, "shifted"));
        assertTrue(e.getMessage().contains("cannot place the spectrum on the Cu model's grid"), e.getMessage());
        assertTrue(e.getMessage().contains("the grid needs 8986.00..9035.50 eV"), e.getMessage());
    }

    @Test
    void openSetModel_learnsOther_andItsFileRoundTrips_withFourClasses() throws Exception {
        Dataset open = DatasetFiles.read(Path.of("../data/dataset-open/Cu.csv.gz"));
        assertEquals(4, open.classCount());
        int[] counts = open.classCounts();
        assertTrue(counts[3] > 1000, "OTHER sites " + counts[3]);
        for (Dataset.Entry e : open.entries()) {
            if (e.coordinationClass() == org.xaneslce.coordination.CoordinationClass.OTHER) {
                assertTrue(!java.util.Set.of("T:4", "S:5", "O:6").contains(e.label()), e.label());
            }
        }
        int[][] folds = Evaluation.folds(open, Evaluation.SplitKind.stratified, 5, 3);
        Dataset train = open.subset(Splits.complement(folds[0], open.size()));
        Dataset test = open.subset(folds[0]);
        Classifier c = Classifier.train(train, new ModelOptions(Network.Kind.mlp, false, ModelOptions.Augment.shift, 20, 32, 1e-3, 0.3, 1, true),
            Classifier.preEdgePoints(open), "test");
        assertEquals(4, c.classList().length);
        Metrics m = Evaluation.score(c, test);
        assertEquals(4, m.confusion().length);
        assertTrue(m.f1(3) > 0.8, "F1 OTHER " + m.f1(3));
        int oxide = 0;
        for (Dataset.Entry e : test.entries()) {
            oxide += e.coordinationClass().ordinal() < 3 ? 1 : 0;
        }
        int closed = 0;
        for (int[] row : m.closed()) {
            closed += java.util.Arrays.stream(row).sum();
        }
        assertEquals(oxide, closed, "the closed matrix holds every T4/S5/O6 test site once");
        assertTrue(m.closedMacroF1() > 0.6, "closed T4/S5/O6 macro F1 " + m.closedMacroF1());
        Path f = tmp.resolve("Cu-open.json");
        ModelFiles.write(c, f);
        Classifier back = ModelFiles.read(f);
        assertArrayEquals(c.classList(), back.classList());
        float[] x = new float[5 * 100];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(test.entries().get(i).mu(), 0, x, i * 100, 100);
        }
        float[] p = back.predict(x, 5);
        assertArrayEquals(c.predict(x, 5), p);
        assertEquals(20, p.length);
        for (int i = 0; i < 5; i++) {
            assertEquals(1.0, p[4 * i] + p[4 * i + 1] + p[4 * i + 2] + p[4 * i + 3], 1e-5);
        }
    }
}
