package org.xaneslce.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Calibration and conformal sets on synthetic problems whose true probabilities are known. */
class TrustTest {
    private static final int K = 3;

    /** n samples: true probabilities q (random), labels drawn from q, and an over-confident model p proportional to q^sharpen. */
    private record Problem(double[] q, double[] p, int[] y) {
    }

    private static Problem problem(int n, double sharpen, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] q = new double[n * K];
        double[] p = new double[n * K];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            double sp = 0;
            for (int c = 0; c < K; c++) {
                q[i * K + c] = Math.exp(2 * r.nextGaussian());
                s += q[i * K + c];
            }
            for (int c = 0; c < K; c++) {
                q[i * K + c] /= s;
                p[i * K + c] = Math.pow(q[i * K + c], sharpen);
                sp += p[i * K + c];
            }
            for (int c = 0; c < K; c++) {
                p[i * K + c] /= sp;
            }
            y[i] = draw(r, q, i);
        }
        return new Problem(q, p, y);
    }

    /** A class drawn from row {@code i} of the true probabilities {@code q}. */
    private static int draw(SplittableRandom r, double[] q, int i) {
        double u = r.nextDouble();
        int c = 0;
        while (c < K - 1 && u > q[i * K + c]) {
            u -= q[i * K + c];
            c++;
        }
        return c;
    }

    @Test
    void temperatureScaling_recoversTheTrueProbabilities_andLowersTheEce() {
        Problem cal = problem(20000, 2.0, 1);
        Problem test = problem(20000, 2.0, 2);
        double t = Calibration.fitTemperature(cal.p(), K, cal.y());
        assertEquals(2.0, t, 0.15, "p = q^2 / Z is undone by T = 2");
        double before = Calibration.ece(test.p(), K, test.y());
        double after = Calibration.ece(Calibration.scale(test.p(), K, t), K, test.y());
        double truth = Calibration.ece(test.q(), K, test.y());
        assertTrue(before > 0.05, "the sharpened model is over-confident: ECE " + before);
        assertTrue(after < 0.02, "calibrated ECE " + after);
        assertTrue(truth < 0.02, "the true probabilities are calibrated: " + truth);
        assertEquals(1.0, Calibration.fitTemperature(test.q(), K, test.y()), 0.1, "calibrated inputs keep T near 1");
        double te = Calibration.fitTemperatureEce(cal.p(), K, cal.y());
        assertEquals(2.0, te, 0.3, "minimizing the ECE finds the same temperature on clean data");
        assertTrue(Calibration.ece(Calibration.scale(test.p(), K, te), K, test.y()) < 0.02);
        double[] scaled = Calibration.scale(test.p(), K, t);
        for (int i = 0; i < 100; i++) {
            assertEquals(1.0, scaled[i * K] + scaled[i * K + 1] + scaled[i * K + 2], 1e-12);
        }
    }

    @Test
    void conformalSets_coverEachClassAtTheNominalRate() {
        Problem cal = problem(30000, 1.0, 3);
        Problem test = problem(30000, 1.0, 4);
        Conformal cp = Conformal.fit(cal.p(), K, cal.y());
        for (double coverage : new double[] {0.8, 0.9, 0.95}) {
            int[] in = new int[K];
            int[] n = new int[K];
            double size = 0;
            for (int i = 0; i < test.y().length; i++) {
                boolean[] s = cp.set(new double[] {test.p()[i * K], test.p()[i * K + 1], test.p()[i * K + 2]}, coverage);
                n[test.y()[i]]++;
                in[test.y()[i]] += s[test.y()[i]] ? 1 : 0;
                for (boolean b : s) {
                    size += b ? 1 : 0;
                }
            }
            for (int c = 0; c < K; c++) {
                double got = in[c] / (double) n[c];
                assertEquals(coverage, got, 0.015, "class " + c + " at " + coverage);
            }
            assertTrue(size / test.y().length < K, "sets are smaller than all classes: " + size / test.y().length);
        }
        // Too few held-out spectra of a class for the coverage asked: the class is always in the set.
        Conformal tiny = Conformal.fit(new double[] {0.9, 0.05, 0.05, 0.1, 0.8, 0.1}, K, new int[] {0, 1});
        assertEquals(Double.POSITIVE_INFINITY, tiny.threshold(2, 0.9));
        assertTrue(tiny.set(new double[] {1, 0, 0}, 0.9)[2]);
    }

    @Test
    void eceFloor_isWhatCalibratedProbabilitiesShow_andShrinksWithTheSample() {
        Problem small = problem(400, 1.0, 6);
        Problem large = problem(40000, 1.0, 7);
        double floorSmall = Calibration.eceFloor(small.q(), K, 200, 1);
        double floorLarge = Calibration.eceFloor(large.q(), K, 20, 1);
        assertTrue(floorSmall > 3 * floorLarge, "binned ECE is biased upwards on few spectra: " + floorSmall + " vs " + floorLarge);
        assertTrue(floorLarge < 0.01, "" + floorLarge);
        double[] seen = new double[20];
        for (int s = 0; s < seen.length; s++) {
            Problem p = problem(400, 1.0, 100 + s);
            seen[s] = Calibration.ece(p.q(), K, p.y());
        }
        double mean = java.util.Arrays.stream(seen).average().orElseThrow();
        assertEquals(floorSmall, mean, 0.25 * floorSmall, "the floor is the ECE true probabilities show on 400 spectra");
        assertEquals(floorSmall, Calibration.eceFloor(small.q(), K, 200, 1), 0.0, "seeded");
    }

    @Test
    void reliabilityBins_countEveryPrediction() {
        Problem p = problem(5000, 1.5, 5);
        int total = Calibration.reliability(p.p(), K, p.y()).stream().mapToInt(Calibration.Bin::count).sum();
        assertEquals(5000, total);
        assertEquals(Calibration.BINS, Calibration.reliability(p.p(), K, p.y()).size());
    }

    /**
     * A model whose top class is right with probability sigmoid(0.5 logit(c) + 0.8), c its top
     * probability: under-confident where c is low, over-confident where it is high. A temperature
     * moves every top probability the same way and cannot fix both; the top-label map does.
     */
    private static Problem topLabelProblem(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[n * K];
        double[] q = new double[n * K];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < K; c++) {
                p[i * K + c] = Math.exp(2.5 * r.nextGaussian());
                s += p[i * K + c];
            }
            int top = 0;
            for (int c = 0; c < K; c++) {
                p[i * K + c] /= s;
                top = p[i * K + c] > p[i * K + top] ? c : top;
            }
            double ct = Math.min(Math.max(p[i * K + top], 1e-6), 1 - 1e-6);
            double right = 1 / (1 + Math.exp(-(0.5 * Math.log(ct / (1 - ct)) + 0.8)));
            double rest = 1 - p[i * K + top];
            for (int c = 0; c < K; c++) {
                q[i * K + c] = c == top ? right : rest > 0 ? p[i * K + c] * (1 - right) / rest : (1 - right) / (K - 1);
            }
            y[i] = draw(r, q, i);
        }
        return new Problem(q, p, y);
    }

    @Test
    void topLabelMap_recoversAKnownMiscalibration_thatNoTemperatureFixes_andKeepsTheClass() {
        Problem cal = topLabelProblem(20000, 11);
        Problem test = topLabelProblem(20000, 12);
        double[] ab = Calibration.fitTopLabel(cal.p(), K, cal.y());
        assertEquals(0.5, ab[0], 0.05, "slope");
        assertEquals(0.8, ab[1], 0.06, "intercept");
        double before = Calibration.ece(test.p(), K, test.y());
        double tempOnly = Calibration.ece(Calibration.scale(test.p(), K, Calibration.fitTemperatureEce(cal.p(), K, cal.y())), K, test.y());
        double[] mapped = Calibration.topLabel(test.p(), K, ab);
        double after = Calibration.ece(mapped, K, test.y());
        String what = "ECE before " + before + ", best temperature " + tempOnly + ", top-label map " + after;
        assertTrue(before > 0.05, what);
        assertTrue(after < 0.015, what);
        assertTrue(tempOnly > 2 * after, what);
        for (int i = 0; i < test.y().length; i++) {
            double sum = 0;
            int top = 0;
            int topMapped = 0;
            for (int c = 0; c < K; c++) {
                sum += mapped[i * K + c];
                top = test.p()[i * K + c] > test.p()[i * K + top] ? c : top;
                topMapped = mapped[i * K + c] > mapped[i * K + topMapped] ? c : topMapped;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(top, topMapped, "the class never changes");
        }
        double[] identity = Calibration.fitTopLabel(test.q(), K, test.y());
        assertEquals(1.0, identity[0], 0.08, "calibrated inputs keep the map near the identity");
        assertEquals(0.0, identity[1], 0.08);
    }

    @Test
    void topLabelMap_travelsInTheCalibrationFile_andAMalformedOneIsRefusedByName() throws Exception {
        java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("models-top"));
        java.nio.file.Files.copy(java.nio.file.Path.of("../models/Cu-cnn.json"), models.resolve("Cu-cnn.json"));
        org.xaneslce.model.Classifier model = org.xaneslce.model.ModelFiles.read(models.resolve("Cu-cnn.json"));
        String sha = org.xaneslce.util.Sha256.of(java.nio.file.Files.readAllBytes(models.resolve("Cu-cnn.json")));
        double[][] scores = {{0.1, 0.2}, {0.1, 0.3}, {0.05, 0.2}, {0.02, 0.1}};
        TrustModel t = new TrustModel(1.3, new double[] {0.7, -0.2}, new Conformal(scores), "test", 1, null);
        java.nio.file.Path file = TrustModel.fileFor(models.resolve("Cu-cnn.json"));
        t.write(file, sha);
        TrustModel back = TrustModel.readFor(models.resolve("Cu-cnn.json"), model).orElseThrow();
        assertEquals(0.7, back.topLabel()[0], 0.0);
        assertEquals(-0.2, back.topLabel()[1], 0.0);
        float[] raw = {0.05f, 0.1f, 0.8f, 0.05f};
        double[] expected = Calibration.topLabel(Calibration.scale(new double[] {0.05f, 0.1f, 0.8f, 0.05f}, 4, 1.3), 4, new double[] {0.7, -0.2});
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, back.calibrate(raw), 1e-12);
        new TrustModel(1.3, null, new Conformal(scores), "test", 1, null).write(file, sha);
        org.junit.jupiter.api.Assertions.assertNull(TrustModel.readFor(models.resolve("Cu-cnn.json"), model).orElseThrow().topLabel(),
            "a calibration without the map (as written before it) reads as temperature only");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("\"temperature\":1.3", "\"temperature\":1.3,\"top_label\":[-1,0]"));
        org.xaneslce.io.InputException bad = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> TrustModel.readFor(models.resolve("Cu-cnn.json"), model));
        assertTrue(bad.getMessage().contains("Cu-cnn.trust.json") && bad.getMessage().contains("top_label"), bad.getMessage());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void foldProtocol_onCu_isDeterministic_andItsCalibrationReachesPredict() throws Exception {
        org.xaneslce.dataset.Dataset d = org.xaneslce.dataset.DatasetFiles.read(java.nio.file.Path.of("../data/dataset-open/Cu.csv.gz"));
        org.xaneslce.model.ModelOptions o = new org.xaneslce.model.ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false,
            org.xaneslce.model.ModelOptions.Augment.none, 3, 32, 1e-3, 0.3, 7, false);
        TrustModel.Result a = TrustModel.fit(d, o);
        TrustModel.Result b = TrustModel.fit(d, o);
        assertEquals(a.shipped().temperature(), b.shipped().temperature(), 0.0, "same seed, same calibration");
        assertEquals(3368, a.report().spectra(), "every spectrum judged once, by a model that did not see it");
        assertTrue(a.report().coverage()[1] > 0.85 && a.report().coverage()[1] < 0.95, "coverage at 0.9: " + a.report().coverage()[1]);
        java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("models"));
        java.nio.file.Files.copy(java.nio.file.Path.of("../models/Cu-cnn.json"), models.resolve("Cu-cnn.json"));
        java.nio.file.Path trust = TrustModel.fileFor(models.resolve("Cu-cnn.json"));
        assertEquals("Cu-cnn.trust.json", trust.getFileName().toString());
        String sha = org.xaneslce.util.Sha256.of(java.nio.file.Files.readAllBytes(models.resolve("Cu-cnn.json")));
        a.shipped().write(trust, sha);
        org.xaneslce.model.Classifier model = org.xaneslce.model.ModelFiles.read(models.resolve("Cu-cnn.json"));
        TrustModel back = TrustModel.readFor(models.resolve("Cu-cnn.json"), model).orElseThrow();
        assertEquals(a.shipped().temperature(), back.temperature(), 1e-12);
        org.xaneslce.predict.Predictor p = org.xaneslce.predict.Predictor.load(models, "cnn");
        org.xaneslce.spectrum.Spectrum cuo = org.xaneslce.spectrum.io.SpectrumFormats.read(org.xaneslce.Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")).get(0);
        org.xaneslce.predict.Predictor.Result wide = p.predict(cuo, "CuO", 0.99);
        org.xaneslce.predict.Predictor.Result narrow = p.predict(cuo, "CuO", 0.5);
        double sum = 0;
        for (double v : wide.calibrated()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-9);
        int nw = 0;
        int nn = 0;
        for (int c = 0; c < wide.set().length; c++) {
            nw += wide.set()[c] ? 1 : 0;
            nn += narrow.set()[c] ? 1 : 0;
            assertTrue(!narrow.set()[c] || wide.set()[c], "a wider coverage never drops a class");
        }
        assertTrue(nw >= nn, nw + " vs " + nn);
        a.shipped().write(trust, "0".repeat(64));
        org.xaneslce.io.InputException stale = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> org.xaneslce.predict.Predictor.load(models, "cnn"));
        assertTrue(stale.getMessage().contains("Cu-cnn.trust.json") && stale.getMessage().contains("another version of Cu-cnn.json"),
            stale.getMessage());
        org.xaneslce.dataset.Dataset closed = org.xaneslce.dataset.DatasetFiles.read(java.nio.file.Path.of("../data/dataset/Cu.csv.gz"));
        TrustModel.fit(closed, o).shipped().write(trust, sha);
        org.xaneslce.io.InputException classes = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> org.xaneslce.predict.Predictor.load(models, "cnn"));
        assertTrue(classes.getMessage().contains("calibration of 3 classes beside a model of 4"), classes.getMessage());
    }

    @Test
    void ensembleCalibration_crossFitted_doesNotDependOnThreads_andPredictCalibratesTheEnsembleMean() throws Exception {
        org.xaneslce.dataset.Dataset d = org.xaneslce.dataset.DatasetFiles.read(java.nio.file.Path.of("../data/dataset-open/Cu.csv.gz"));
        org.xaneslce.model.ModelOptions o = new org.xaneslce.model.ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false,
            org.xaneslce.model.ModelOptions.Augment.none, 2, 32, 1e-3, 0.3, 7, false);
        java.util.List<TrustModel.Way> both = java.util.List.of(new TrustModel.Way(TrustModel.Fit.NEXT_FOLD, TrustModel.Objective.NLL),
            new TrustModel.Way(TrustModel.Fit.CROSS_FIT, TrustModel.Objective.NLL), new TrustModel.Way(TrustModel.Fit.CROSS_FIT, TrustModel.Objective.ECE));
        java.util.List<TrustModel.Result> one = TrustModel.fit(d, o, 2, both, 1);
        java.util.List<TrustModel.Result> two = TrustModel.fit(d, o, 2, both, 2);
        for (int i = 0; i < both.size(); i++) {
            assertEquals(one.get(i).report().eceAfter(), two.get(i).report().eceAfter(), 0.0, "threads change nothing");
            assertEquals(one.get(i).report().setSize()[1], two.get(i).report().setSize()[1], 0.0);
            assertEquals(3368, one.get(i).report().spectra());
        }
        TrustModel.Report next = one.get(0).report();
        TrustModel.Report cross = one.get(1).report();
        assertEquals(next.eceBefore(), cross.eceBefore(), 0.0, "the same fold models, judged twice");
        for (int a = 0; a < TrustModel.COVERAGES.length; a++) {
            assertEquals(TrustModel.COVERAGES[a], cross.coverage()[a], 0.03, "cross-fitted coverage at " + TrustModel.COVERAGES[a]);
        }
        TrustModel shipped = one.get(0).shipped();
        assertEquals(2, shipped.members());
        assertEquals(shipped.temperature(), one.get(1).shipped().temperature(), 0.0, "the same objective, the same shipped calibration");
        assertTrue(one.get(2).report().eceAfter() <= one.get(1).report().eceAfter() + 0.01, "minimizing the ECE on nine folds: "
            + one.get(2).report().eceAfter() + " vs " + one.get(1).report().eceAfter());

        java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("ensemble"));
        java.nio.file.Files.copy(java.nio.file.Path.of("../models/Cu-cnn.json"), models.resolve("Cu-cnn.json"));
        java.nio.file.Path trust = TrustModel.fileFor(models.resolve("Cu-cnn.json"));
        shipped.write(trust, org.xaneslce.util.Sha256.of(java.nio.file.Files.readAllBytes(models.resolve("Cu-cnn.json"))));
        TrustModel.Measured stored = TrustModel.readMeasured(models.resolve("Cu-cnn.json")).orElseThrow();
        assertEquals("next-fold, nll, 2 members, 10 stratified folds", stored.way());
        assertEquals(next.eceAfter(), stored.report().eceAfter(), 1e-6, "the protocol's numbers travel with the calibration");
        assertEquals(next.coverage()[1], stored.report().coverage()[1], 1e-6);
        assertEquals(3368, stored.report().reliabilityAfter().stream().mapToInt(Calibration.Bin::count).sum());
        org.xaneslce.io.InputException none = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> org.xaneslce.predict.Predictor.load(models, "cnn"));
        assertTrue(none.getMessage().contains("Cu-cnn.trust.json") && none.getMessage().contains("mean of 2 ensemble members")
            && none.getMessage().contains("no ensemble"), none.getMessage());
        java.nio.file.Files.copy(java.nio.file.Path.of("../models/Cu-cnn.ensemble.json"), models.resolve("Cu-cnn.ensemble.json"));
        org.xaneslce.predict.Predictor p = org.xaneslce.predict.Predictor.load(models, "cnn");
        org.xaneslce.spectrum.Spectrum cuo = org.xaneslce.spectrum.io.SpectrumFormats.read(org.xaneslce.Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")).get(0);
        org.xaneslce.predict.Predictor.Result r = p.predict(cuo, "CuO", 0.9);
        org.xaneslce.model.Classifier model = org.xaneslce.model.ModelFiles.read(models.resolve("Cu-cnn.json"));
        float[] mean = org.xaneslce.model.ModelFiles.readEnsemble(models.resolve("Cu-cnn.json"), model).orElseThrow().first(2)
            .predict(r.onGrid(), 1).mean();
        org.junit.jupiter.api.Assertions.assertArrayEquals(TrustModel.readFor(models.resolve("Cu-cnn.json"), model).orElseThrow().calibrate(mean),
            r.calibrated(), 1e-12, "the calibration applies to the mean of the first two members");
        org.xaneslce.api.PredictionRecord rec = org.xaneslce.api.PredictService.load(java.util.Optional.of(models), "cnn").classify(cuo, "CuO", 0.9);
        int best = 0;
        for (int c = 1; c < r.calibrated().length; c++) {
            best = r.calibrated()[c] > r.calibrated()[best] ? c : best;
        }
        assertEquals(org.xaneslce.coordination.CoordinationClass.values()[best].name(), rec.coordinationClass(), "class from the calibrated mean");
        org.xaneslce.io.InputException tooMany = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> org.xaneslce.api.TrustService.calibrate("Cu", "cnn", java.util.Optional.of(java.nio.file.Path.of("../data/dataset-open")),
                java.util.Optional.of(models), 1, 1, 9, both, 1));
        assertTrue(tooMany.getMessage().contains("at least 9") && tooMany.getMessage().contains("it has 5"), tooMany.getMessage());
    }

    @Test
    void foldsByMaterial_neverSplitAMaterial_andSayWhatTheyAre() throws Exception {
        org.xaneslce.dataset.Dataset d = org.xaneslce.dataset.DatasetFiles.read(java.nio.file.Path.of("../data/dataset/Ni.csv.gz"));
        org.xaneslce.model.ModelOptions o = new org.xaneslce.model.ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false,
            org.xaneslce.model.ModelOptions.Augment.none, 2, 32, 1e-3, 0.3, 3, false);
        TrustModel.Result r = TrustModel.fit(d, o, 1, java.util.List.of(new TrustModel.Way(TrustModel.Fit.CROSS_FIT, TrustModel.Objective.ECE)), 2,
            org.xaneslce.evaluation.Evaluation.SplitKind.material).get(0);
        assertEquals("cross-fit, ece, 1 model, 10 folds by material", r.shipped().measured().way());
        java.util.Map<String, java.util.Set<Integer>> foldsOf = new java.util.HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            foldsOf.computeIfAbsent(d.entries().get(i).material(), m -> new java.util.HashSet<>()).add(r.fold()[i]);
        }
        assertTrue(foldsOf.values().stream().allMatch(f -> f.size() == 1), "every material in one test fold");
        assertEquals(d.size(), r.report().spectra());
        assertEquals(0.9, r.report().coverage()[1], 0.05, "coverage by material at 0.9");
    }

    @Test
    void calibration_trainsItsFoldModelsAsTheShippedModelWasTrained() throws Exception {
        org.xaneslce.dataset.Dataset d = org.xaneslce.dataset.DatasetFiles.read(java.nio.file.Path.of("../data/dataset/Ni.csv.gz"));
        java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("options"));
        for (org.xaneslce.model.ModelOptions.Augment a : new org.xaneslce.model.ModelOptions.Augment[] {
            org.xaneslce.model.ModelOptions.Augment.noise, org.xaneslce.model.ModelOptions.Augment.measured}) {
            org.xaneslce.model.ModelOptions o = new org.xaneslce.model.ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false, a, 1, 32, 1e-3, 0.2, 4,
                true);
            org.xaneslce.model.ModelFiles.write(org.xaneslce.model.Classifier.train(d, o, d.grid().count(), "test"), models.resolve("Ni-mlp.json"));
            TrustModel.Result r = org.xaneslce.api.TrustService.calibrate("Ni", "mlp", java.util.Optional.of(java.nio.file.Path.of("../data/dataset")),
                java.util.Optional.of(models), 1, 1);
            // the model's own augmentation, loss weighting and dropout, the protocol's epochs and seed
            assertTrue(r.shipped().provenance().contains("fold models: mlp (augment " + a + ", 1 epochs, balanced)"), r.shipped().provenance());
        }
    }

    @Test
    void calibratingAnOpenSetModelOnAThreeClassDataset_isRefusedBeforeAnyTraining() throws Exception {
        java.nio.file.Path models = java.nio.file.Files.createDirectories(tmp.resolve("shipped"));
        java.nio.file.Files.copy(java.nio.file.Path.of("../models/Cu-cnn.json"), models.resolve("Cu-cnn.json"));
        org.xaneslce.io.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.xaneslce.io.InputException.class,
            () -> org.xaneslce.api.TrustService.calibrate("Cu", "cnn", java.util.Optional.of(java.nio.file.Path.of("../data/dataset")),
                java.util.Optional.of(models), 1, 1));
        assertTrue(e.getMessage().contains("tells 4 classes apart, this dataset 3") && e.getMessage().contains("--data data/dataset-open"),
            e.getMessage());
        assertTrue(!java.nio.file.Files.exists(TrustModel.fileFor(models.resolve("Cu-cnn.json"))), "nothing written");
    }
}
