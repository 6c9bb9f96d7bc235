package org.xaneslce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
    @TempDir
    Path tmp;

    private static final String DATA = Paths.get("../data/dataset").toAbsolutePath().normalize().toString();

    private static String spectrum(String name) {
        return Paths.get("../xlce-core/src/test/resources/fixtures/spectra/" + name).toAbsolutePath().normalize().toString();
    }

    /** Trains {@code <element>-mlp.json} into tmp/models with the bundled data; asserts it succeeded. */
    private LabelCommandTest.Run trainMlp(String element, int epochs) throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        LabelCommandTest.Run t = LabelCommandTest.run("train", "--element", element, "--model", "mlp", "--epochs", Integer.toString(epochs),
            "--data", DATA, "--out", models.resolve(element + "-mlp.json").toString());
        assertEquals(0, t.code(), t.err());
        return t;
    }

    @Test
    void trainThenPredict_measuredAndComputedSpectra() throws Exception {
        Path models = tmp.resolve("models");
        LabelCommandTest.Run t = trainMlp("Cu", 3);
        assertTrue(t.out().contains("Cu mlp (augment shift, 3 epochs) trained on 927 spectra"), t.out());
        LabelCommandTest.Run p = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp", "--verbose",
            spectrum("CuO_tenorite_13K_01.xdi"), spectrum("xmu-mp-622110-003.dat"), spectrum("co_metal_rt.xdi"));
        assertEquals(1, p.code(), "the Co spectrum has no model, so one was refused");
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith(spectrum("CuO_tenorite_13K_01.xdi")) && l.contains(" Cu ")), p.out());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith(spectrum("xmu-mp-622110-003.dat")) && l.contains("computed")), p.out());
        assertTrue(p.out().contains("measured: E0"), p.out());
        assertTrue(p.err().contains(spectrum("co_metal_rt.xdi") + ": Co K edge: no model; models exist for Cu K edges"), p.err());
        assertTrue(p.err().contains("2 spectra classified, 1 inputs failed"), p.err());
        assertTrue(!p.out().contains("warning:"), "a FEFF 9 model carries no level-of-theory caution: " + p.out());
    }

    @Test
    void geometryTrainThenPredict_givesCoordinationNumberAndDistance_inEveryFormat() throws Exception {
        Path models = tmp.resolve("models");
        trainMlp("Cu", 3);
        LabelCommandTest.Run g = LabelCommandTest.run("geometry", "train", "--element", "Cu", "--model", "mlp", "--epochs", "8",
            "--data", DATA, "--out", models.resolve("Cu-geometry.json").toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("Cu geometry mlp trained on") && g.out().contains("90% distance interval +-"), g.out());
        Path json = tmp.resolve("p.json");
        LabelCommandTest.Run p = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp", "--format", "json",
            "--out", json.toString(), spectrum("xmu-mp-622110-003.dat"));
        assertEquals(0, p.code(), p.err());
        com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get(0);
        int cn = r.get("cn").asInt();
        assertTrue(cn >= 3 && cn <= 7, r.toString());
        assertEquals(5, r.get("cn_probabilities").size());
        double d = r.get("mean_distance").asDouble();
        assertTrue(d > 1.7 && d < 2.4, "a Cu-O shell: " + d);
        assertTrue(r.get("mean_distance_interval").get(0).asDouble() < d && d < r.get("mean_distance_interval").get(1).asDouble());
        LabelCommandTest.Run csv = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp", "--format", "csv",
            spectrum("xmu-mp-622110-003.dat"));
        String[] lines = csv.out().split("\n");
        java.util.List<String> head = java.util.List.of(lines[0].split(","));
        String[] row = lines[1].split(",", -1);
        assertEquals(head.size(), row.length, csv.out());
        assertEquals(Integer.toString(cn), row[head.indexOf("cn")]);
        assertEquals(d, Double.parseDouble(row[head.indexOf("mean_distance")]), 1e-3);
        LabelCommandTest.Run table = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp",
            spectrum("xmu-mp-622110-003.dat"));
        assertTrue(table.out().contains(String.format(java.util.Locale.ROOT, "%.3f +- ", d)), table.out());

        LabelCommandTest.Run ev = LabelCommandTest.run("geometry", "evaluate", "--element", "Cu", "--model", "mlp", "--epochs", "3",
            "--folds", "3", "--data", DATA);
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("Cu geometry mlp, 3 folds by material, 927 spectra"), ev.out());
        assertTrue(ev.out().lines().anyMatch(l -> l.startsWith("distance (") && l.contains("R^2")), ev.out());
        LabelCommandTest.Run none = LabelCommandTest.run("geometry", "train", "--element", "Zn", "--data", DATA);
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no dataset for Zn"), none.err());
    }

    @Test
    void ensemble_trainedBesideTheModel_givesMeanAndSpread_andIsRefusedBesideAnotherModel() throws Exception {
        Path models = tmp.resolve("models");
        trainMlp("Cu", 2);
        LabelCommandTest.Run e = LabelCommandTest.run("train", "--element", "Cu", "--model", "mlp", "--epochs", "2", "--data", DATA,
            "--out", models.resolve("Cu-mlp.json").toString(), "--members", "3", "--members-only");
        assertEquals(0, e.code(), e.err());
        assertTrue(Files.exists(models.resolve("Cu-mlp.ensemble.json")));
        Path json = tmp.resolve("p.json");
        String xmu = spectrum("xmu-mp-622110-003.dat");
        LabelCommandTest.Run p = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp",
            "--format", "json", "--out", json.toString(), xmu);
        assertEquals(0, p.code(), p.err());
        com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals(3, r.at("/ensemble/members").asInt(), r.toString());
        double sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode v : r.at("/ensemble/mean")) {
            sum += v.asDouble();
        }
        assertEquals(1.0, sum, 1e-3);
        assertTrue(r.at("/ensemble/spread/T4").asDouble() >= 0);
        // Retrain the model: the ensemble no longer belongs to it and predict says so.
        trainMlp("Cu", 3);
        LabelCommandTest.Run stale = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp", xmu);
        assertTrue(stale.code() != 0, stale.out());
        assertTrue(stale.err().contains("Cu-mlp.ensemble.json") && stale.err().contains("model_sha256 differs"), stale.err());
        LabelCommandTest.Run other = LabelCommandTest.run("train", "--element", "Cu", "--model", "mlp", "--epochs", "5", "--data", DATA,
            "--out", models.resolve("Cu-mlp.json").toString(), "--members", "3", "--members-only");
        assertEquals(1, other.code());
        assertTrue(other.err().contains("train the model with the same options"), other.err());
    }

    @Test
    void noveltyRefit_keepsTheNetwork_carriesTheCalibration_andRefusesAnotherDataset() throws Exception {
        Path models = tmp.resolve("models");
        trainMlp("Cu", 2);
        LabelCommandTest.Run cal = LabelCommandTest.run("calibrate", "--models", models.toString(), "--model", "mlp", "--element", "Cu",
            "--epochs", "1", "--data", DATA);
        assertEquals(0, cal.code(), cal.err());
        assertTrue(cal.out().contains("| Cu | mlp, cross-fit, ece+top, x1, by material | 927 |"), "the shipped way by default, the model alone without an ensemble: "
            + cal.out());
        assertTrue(java.nio.file.Files.readString(models.resolve("Cu-mlp.trust.json")).contains("\"top_label\":["),
            "the default calibration carries the top-label map");
        org.xaneslce.model.Classifier before = org.xaneslce.model.ModelFiles.read(models.resolve("Cu-mlp.json"));
        LabelCommandTest.Run n = LabelCommandTest.run("novelty", "--models", models.toString(), "--model", "mlp", "--element", "Cu",
            "--data", DATA);
        assertEquals(0, n.code(), n.err());
        assertTrue(n.out().contains("Cu:") && n.out().contains("calibration carried over"), n.out());
        org.xaneslce.model.Classifier after = org.xaneslce.model.ModelFiles.read(models.resolve("Cu-mlp.json"));
        assertEquals(org.xaneslce.model.NoveltyDetector.Space.spectrum, after.novelty().space());
        for (int i = 0; i < before.network().parameters().size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(before.network().parameters().get(i), after.network().parameters().get(i));
        }
        LabelCommandTest.Run p = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp", "--format", "json",
            spectrum("cu.xmu"));
        assertEquals(0, p.code(), "the carried calibration is accepted beside the rewritten model: " + p.err());
        assertTrue(p.out().contains("\"calibrated\" : true"), p.out());
        String open = Paths.get("../data/dataset-open").toAbsolutePath().normalize().toString();
        LabelCommandTest.Run wrong = LabelCommandTest.run("novelty", "--models", models.toString(), "--model", "mlp", "--element", "Cu",
            "--data", open);
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("refit with the dataset the model was trained on") && wrong.err().contains("model left as it was"),
            wrong.err());
    }

    @Test
    void feff8lModel_onMeasuredSpectra_isClassifiedWithACaution() throws Exception {
        Path models = tmp.resolve("models");
        trainMlp("Fe", 2);
        LabelCommandTest.Run p = LabelCommandTest.run("predict", "--models", models.toString(), "--model", "mlp",
            spectrum("athena_json_kind.prj"));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("4 spectra classified, 0 inputs failed"), p.err());
        assertEquals(4, p.out().lines().filter(l -> l.trim().startsWith("warning: the Fe model was trained on feff8l spectra")).count(),
            "a caution under each of the four Fe spectra: " + p.out());
        LabelCommandTest.Run pre = LabelCommandTest.run("train", "--element", "Fe", "--model", "mlp", "--pre-edge", "--data", DATA,
            "--out", models.resolve("Fe-pre.json").toString());
        assertEquals(1, pre.code());
        assertTrue(pre.err().contains("no pre-edge region"), pre.err());
        assertTrue(!Files.exists(models.resolve("Fe-pre.json")));
    }

    @Test
    void evaluate_smallRun_printsF1BesideThePaper() {
        LabelCommandTest.Run r = LabelCommandTest.run("evaluate", "--element", "Cu", "--model", "mlp", "--split", "stratified",
            "--repeats", "2", "--epochs", "3", "--data", DATA);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Cu: 927 spectra (T4 285, S5 222, O6 420)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("mlp (shift)") && l.contains("stratified") && l.contains("0.86(2)")), r.out());
    }

    @Test
    void badInputs_areRefused() {
        LabelCommandTest.Run noData = LabelCommandTest.run("evaluate", "--element", "Zn", "--data", DATA);
        assertEquals(1, noData.code());
        assertTrue(noData.err().contains("no dataset for Zn"), noData.err());
        LabelCommandTest.Run repeats = LabelCommandTest.run("evaluate", "--element", "Cu", "--repeats", "11", "--data", DATA);
        assertEquals(2, repeats.code());
        LabelCommandTest.Run noModels = LabelCommandTest.run("predict", "--models", tmp.toString(), spectrum("cu.xmu"));
        assertEquals(2, noModels.code(), "no models is a setup error, not a bad input");
        assertTrue(noModels.err().contains("no <El>-cnn.json model files here"), noModels.err());
    }
}
