package org.xaneslce.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.model.Classifier;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.io.ReadOptions;

/** Predict through the API on the shipped models and the measured fixtures. */
class PredictServiceTest {
    private static PredictService service;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        service = PredictService.load(Optional.empty(), "cnn");
    }

    @Test
    void modelsAreFoundBesideTheInstallation_notInTheWorkingDirectory() {
        assertTrue(Files.exists(service.modelsDir().resolve("Cu-cnn.json")), service.modelsDir().toString());
        assertTrue(service.modelsDir().isAbsolute());
        assertEquals(List.of("Co", "Cr", "Cu", "Fe", "Mn", "Ni", "Ti", "V"), service.elements());
    }

    @Test
    void json_hasTheDocumentedKeys_andErrorsAreFileAndError() throws Exception {
        Path w = Files.writeString(tmp.resolve("w.xdi"), "#XDI/1.1\n# Column.1: energy\n# Column.2: mutrans\n# Element.symbol: W\n"
            + "# Element.edge: L3\n#---\n10100 0.1\n10150 0.2\n10200 0.5\n10250 1.0\n10300 1.1\n");
        PredictService.Batch b = service.predict(List.of(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi"), w, tmp.resolve("missing.xdi")),
            ReadOptions.NONE, null);
        assertEquals(3, b.records().size());
        assertEquals(2, b.failed());
        JsonNode a = new ObjectMapper().readTree(PredictionWriter.json(b.records()));
        JsonNode cuo = a.get(0);
        for (String k : List.of("file", "element", "edge", "model", "class", "probabilities", "set", "cn", "mean_distance", "novelty", "novel",
            "warnings")) {
            assertTrue(cuo.has(k), k);
        }
        // Tenorite: four Cu-O bonds, 2 x 1.951 and 2 x 1.961 A (Asbrink & Norrby 1970), mean 1.956 A.
        assertEquals(4, cuo.get("cn").asInt(), cuo.toString());
        assertEquals(5, cuo.at("/ensemble/members").asInt(), "the shipped Cu CNN has an ensemble of five");
        assertEquals("OTHER", maxKey(cuo.at("/ensemble/mean")), "the ensemble agrees: OTHER");
        JsonNode iv = cuo.get("mean_distance_interval");
        assertTrue(iv.get(0).asDouble() <= 1.956 && 1.956 <= iv.get(1).asDouble(), "the 90 % interval holds tenorite's 1.956 A: " + iv);
        assertEquals("Cu", cuo.get("element").asText());
        assertEquals("K", cuo.get("edge").asText());
        assertTrue(cuo.get("model").asText().matches("Cu-cnn@[0-9a-f]{8}"), cuo.get("model").asText());
        double sum = 0;
        for (JsonNode p : cuo.get("probabilities")) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-3);
        assertEquals(4, cuo.get("probabilities").size(), "the shipped Cu CNN is open-set: T4, S5, O6, OTHER");
        assertEquals("OTHER", cuo.get("class").asText(), "measured square-planar CuO");
        assertEquals("W L3 edge: no model; models exist for Ti, V, Cr, Mn, Fe, Co, Ni, Cu K edges", a.get(1).get("error").asText());
        assertEquals(2, a.get(1).size(), "an error object has file and error only");
        assertEquals("no such file or folder", a.get(2).get("error").asText());
        String csv = PredictionWriter.csv(b.records());
        assertEquals(4, csv.split("\n").length);
        assertTrue(csv.split("\n")[2].endsWith("\"W L3 edge: no model; models exist for Ti, V, Cr, Mn, Fe, Co, Ni, Cu K edges\""), csv);
    }

    @Test
    void aDistanceIntervalTooWideToGive_isNullInJson_emptyInCsv_andAQuestionMarkInTheTable() throws Exception {
        PredictionRecord r = new PredictionRecord("x.xdi", "Cr", "K", "Cr-cnn@0", "O6", Map.of("T4", 0.1, "S5", 0.1, "O6", 0.8), 0.5, false,
            0, Double.NaN, "file", "", List.of(), null, null, null, true, List.of("O6"), 0.99,
            new PredictionRecord.Shell(6, Map.of("6", 0.9), 1.99, Double.POSITIVE_INFINITY), null, "aligned");
        JsonNode j = new ObjectMapper().readTree(PredictionWriter.json(List.of(r))).get(0);
        assertTrue(j.get("mean_distance_interval").isNull(), j.toString());
        assertEquals(1.99, j.get("mean_distance").asDouble(), 1e-9);
        assertTrue(j.get("ensemble").isNull());
        String[] csv = PredictionWriter.csv(List.of(r)).split("\n");
        List<String> head = List.of(csv[0].split(","));
        String[] row = csv[1].split(",", -1);
        assertEquals(head.size(), row.length, csv[1]);
        assertEquals("", row[head.indexOf("mean_distance_low")]);
        assertEquals("1.990", row[head.indexOf("mean_distance")]);
        assertTrue(PredictionWriter.table(List.of(r)).contains("1.990 +- ?"));
    }

    private static String maxKey(JsonNode o) {
        String best = null;
        for (var it = o.fields(); it.hasNext();) {
            var e = it.next();
            if (best == null || e.getValue().asDouble() > o.get(best).asDouble()) {
                best = e.getKey();
            }
        }
        return best;
    }

    @Test
    void energyScale_calibratedPlacesByTheCuOffset_autoChecksTheEdge_andFeff8lModelsAlign() throws Exception {
        org.xaneslce.spectrum.Spectrum cuo = org.xaneslce.spectrum.io.SpectrumFormats.read(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")).get(0);
        double offset = org.xaneslce.spectrum.EnergyScale.feff9().reference("Cu").orElseThrow().offsetEv();
        PredictionRecord aligned = service.classify(cuo, "CuO", 0.9, Predictor.Placement.ALIGN);
        PredictionRecord calibrated = service.classify(cuo, "CuO", 0.9, Predictor.Placement.CALIBRATED);
        assertEquals(offset, calibrated.shiftEv(), 1e-12, "placed by the Cu offset, no fitting");
        assertEquals("calibrated", calibrated.placement());
        assertEquals("aligned", aligned.placement());
        assertTrue(calibrated.preparation().contains("calibrated Cu offset"), calibrated.preparation());
        assertTrue(Math.abs(aligned.shiftEv() - offset) <= Predictor.CALIBRATION_TOLERANCE_EV,
            "tenorite (XAS Data Library) is calibrated: correlation lands near the offset: " + aligned.shiftEv() + " vs " + offset);
        assertTrue(calibrated.warnings().isEmpty(), calibrated.warnings().toString());
        // the same scan 20 eV off: calibrated keeps the offset and warns that the scan looks uncalibrated
        PredictionRecord forced = service.classify(cuo.shifted(20), "CuO+20", 0.9, Predictor.Placement.CALIBRATED);
        assertEquals(offset, forced.shiftEv(), 1e-12);
        assertTrue(forced.warnings().stream().anyMatch(w -> w.contains("--energy-scale align")), forced.warnings().toString());
        // auto, the default: tenorite's edge lands where the Cu model's spectra have theirs, so it is placed by the offset; 20 eV off, aligned
        assertEquals(offset, service.classify(cuo, "CuO").shiftEv(), 1e-12, "auto is the default");
        PredictionRecord auto = service.classify(cuo.shifted(20), "CuO+20", 0.9, Predictor.Placement.AUTO);
        assertEquals(aligned.shiftEv() - 20, auto.shiftEv(), 0.05, "aligned by correlation");
        assertTrue(auto.warnings().stream().anyMatch(w -> w.startsWith("taken as not calibrated to the Cu foil edge")), auto.warnings().toString());
        assertEquals("aligned", auto.placement());
        JsonNode j = new ObjectMapper().readTree(PredictionWriter.json(List.of(calibrated, auto))).get(0);
        assertEquals("calibrated", j.get("energy_placement").asText());
        String[] csv = PredictionWriter.csv(List.of(calibrated, auto)).split("\n");
        assertEquals("aligned", csv[2].split(",", -1)[List.of(csv[0].split(",")).indexOf("energy_placement")]);
        // the Cu foils are metal, not an oxide site: rejected (OTHER or novel) on the default placement, one of them placed by the offset
        for (String foil : List.of("spectra/cu.xmu", "spectra/cu_metal_rt.xdi")) {
            PredictionRecord f = service.classify(org.xaneslce.spectrum.io.SpectrumFormats.read(Fixtures.resource(foil)).get(0), foil);
            assertTrue(f.novel() || f.coordinationClass().equals("OTHER"), foil + ": " + f);
        }
        // Fe: feff8l model, no FEFF 9 energy scale: aligned, with the reason
        org.xaneslce.spectrum.Spectrum fe = org.xaneslce.spectrum.io.SpectrumFormats.read(Fixtures.resource("spectra/athena_json_kind.prj")).get(0);
        PredictionRecord feCal = service.classify(fe, "Fe", 0.9, Predictor.Placement.CALIBRATED);
        assertEquals(service.classify(fe, "Fe", 0.9, Predictor.Placement.ALIGN).shiftEv(), feCal.shiftEv(), 1e-12);
        assertTrue(feCal.warnings().stream().anyMatch(w -> w.contains("no calibrated energy scale for the Fe model (feff8l")), feCal.warnings().toString());
    }

    @Test
    void folders_walkedByContent_otherFilesSkippedAndCounted() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("beamtime/day1"));
        Files.copy(Fixtures.resource("spectra/cu.xmu"), d.resolve("scan_001.txt"));
        Files.copy(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi"), d.resolve("CuO.dat"));
        Files.writeString(d.resolve("README.md"), "# notes\nsample was cold\n");
        byte[] png = new byte[512];
        new java.util.Random(2).nextBytes(png);
        Files.write(d.resolve("photo.png"), png);
        PredictService.Batch b = service.predict(List.of(tmp.resolve("beamtime")), ReadOptions.NONE, null);
        assertEquals(2, b.records().size(), b.records().toString());
        assertEquals(0, b.failed());
        assertEquals(Map.of("binary", 1, "no spectrum format and fewer than 10 rows of numbers", 1), b.skipped());
        assertTrue(b.records().get(0).file().endsWith("CuO.dat"));
    }

    @Test
    void elementAndEdge_fromTheUser_whenTheFileIsSilent() throws Exception {
        Path two = Files.writeString(tmp.resolve("plain.txt"), Files.readString(Fixtures.resource("spectra/cu.xmu")));
        PredictionRecord guessed = service.predict(List.of(two), ReadOptions.NONE, null).records().get(0);
        assertEquals("edge energy", guessed.absorberSource());
        PredictionRecord given = service.predict(List.of(two), ReadOptions.of(null, null, "Cu", "K"), null).records().get(0);
        assertEquals("given", given.absorberSource());
        assertEquals(guessed.probabilities(), given.probabilities());
        PredictionRecord l3 = service.predict(List.of(two), ReadOptions.of(null, null, "Cu", "L3"), null).records().get(0);
        assertEquals("Cu L3 edge: no model; models exist for Ti, V, Cr, Mn, Fe, Co, Ni, Cu K edges", l3.error());
    }

    @Test
    void uploads_areReadFromBytes_underTheirBaseNameOnly() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi"));
        List<PredictionRecord> r = service.predictBytes("../../etc/CuO.xdi", bytes, ReadOptions.NONE);
        assertEquals("CuO.xdi", r.get(0).file());
        assertTrue(r.get(0).ok());
        assertEquals(service.predict(List.of(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")), ReadOptions.NONE, null).records().get(0)
            .probabilities(), r.get(0).probabilities());
    }

    @Test
    void predictor_8threadsX2000_equalTheSequentialAnswers() throws Exception {
        Classifier c = org.xaneslce.model.ModelFiles.read(service.modelsDir().resolve("Cu-cnn.json"));
        int d = c.grid().count();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        float[][] inputs = new float[2000][d];
        for (float[] x : inputs) {
            for (int i = 0; i < d; i++) {
                x[i] = (float) (i / (double) d + 0.1 * rng.nextGaussian());
            }
        }
        float[][] sequential = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            sequential[i] = c.predictOne(inputs[i]).probabilities();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> f = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                f.add(pool.submit(() -> {
                    int differ = 0;
                    for (int i = 0; i < inputs.length; i++) {
                        if (!java.util.Arrays.equals(sequential[i], c.predictOne(inputs[i]).probabilities())) {
                            differ++;
                        }
                    }
                    return differ;
                }));
            }
            for (Future<Integer> x : f) {
                assertEquals(0, x.get());
            }
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(sequential[0], c.predictOne(inputs[0]).probabilities());
        assertFalse(sequential[0][0] == sequential[1][0] && sequential[0][1] == sequential[1][1], "inputs differ, answers differ");
    }
}
