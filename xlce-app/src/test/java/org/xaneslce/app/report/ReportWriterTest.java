package org.xaneslce.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.Study;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;

class ReportWriterTest {
    @TempDir
    Path tmp;

    @Test
    void tinyStudyOnCu_writesEveryTableFigureAndNumber() throws Exception {
        Dataset cu = DatasetFiles.read(Path.of("../data/dataset/Cu.csv.gz"));
        Spectrum feff = SpectrumFormats.read(Path.of("../examples/theory-vs-experiment/CuO-mp-1692-000_Cu.xmu.dat")).get(0);
        Spectrum exp = SpectrumFormats.read(Path.of("../examples/theory-vs-experiment/CuO_tenorite_13K_01.xdi")).get(0);
        Study.Options o = new Study.Options("test", 2, 2, false, List.of("Cu"), 1, 1, 2);
        Study.Result r = Study.run(Map.of("Cu", cu), o, List.of(new Study.TheoryPair("CuO", feff, exp)), (s, d, t) -> { });
        assertEquals(4, r.elements().get("Cu").results().size());
        assertEquals(2, r.curves().size());
        assertEquals(13, r.curves().get(0).x().length);
        Study.TheoryResult th = r.theory().get(0);
        assertTrue(th.alignment().pearson() > 0.9, "CuO r " + th.alignment().pearson());
        assertFalse(th.alignment().onBoundary());
        assertTrue(Math.abs(th.alignment().shiftEv()) < 15, "shift " + th.alignment().shiftEv());

        ReportWriter.write(r, Map.of("code_version", "test", "created_at", "now"), tmp);
        String html = Files.readString(tmp.resolve("index.html"));
        for (String s : new String[] {"Table I", "Table II", "Table III", "Fig. 2", "Fig. 3", "Fig. 4", "Fig. 5 and 6", "Provenance",
            "energy (eV)", "macro F1", "0.86(2)", "differ from the paper"}) {
            assertTrue(html.contains(s), "report lacks " + s);
        }
        assertTrue(html.split("<svg").length > 6, "figures");
        List<String> t2 = Files.readAllLines(tmp.resolve("table2_f1.csv"));
        assertEquals(5, t2.size());
        assertTrue(t2.get(1).startsWith("Cu,mlp,stratified,"), t2.get(1));
        assertTrue(Files.readString(tmp.resolve("table3_pre_edge_delta.csv")).contains("late,cnn,Cu,"));
        assertTrue(Files.readString(tmp.resolve("theory_vs_experiment.csv")).contains("CuO,"));
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("results.json").toFile());
        assertEquals(2, json.at("/absorbers/Cu/cnn/fold_macro_f1").size());
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void beyondThePaper_openSetAndGeometry_areReportedBesideThePapersModel() throws Exception {
        Dataset cr = DatasetFiles.read(Path.of("../data/dataset/Cr.csv.gz"));
        Dataset crOpen = DatasetFiles.read(Path.of("../data/dataset-open/Cr.csv.gz"));
        Study.Options o = new Study.Options("test", 2, 3, true, List.of(), 1, 1, 2);
        Study.Result r = Study.run(Map.of("Cr", cr), o, List.of(), (s, d, t) -> { });
        org.xaneslce.evaluation.BeyondPaper.Result b = org.xaneslce.evaluation.BeyondPaper.run(Map.of("Cr", cr), Map.of("Cr", crOpen), o,
            (s, d, t) -> { });
        org.xaneslce.evaluation.BeyondPaper.ElementResult x = b.elements().get("Cr");
        assertEquals(2, x.openSet().folds().size());
        assertEquals(crOpen.classCounts()[3], x.openCounts()[3]);
        assertEquals(crOpen.size(), x.geometry().spectra(), "every open-set site gets a CN prediction");
        assertEquals("open-set", x.geometryData());
        org.xaneslce.model.ModelOptions mo = new org.xaneslce.model.ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false,
            org.xaneslce.model.ModelOptions.Augment.none, 2, 32, 1e-3, 0.3, 1, false);
        org.xaneslce.trust.TrustModel.Measured cal = org.xaneslce.trust.TrustModel.fit(crOpen, mo).shipped().measured();
        ReportWriter.write(r, b, Map.of("Cr", cal), Map.of("code_version", "test"), tmp);
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("Beyond the paper") && html.contains("recall OTHER") && html.contains("Torrisi"), "section missing");
        assertTrue(html.contains("calibrated probabilities and conformal sets") && html.contains("Cr: reliability"), "calibration section missing");
        List<String> calCsv = Files.readAllLines(tmp.resolve("calibration.csv"));
        assertEquals(2, calCsv.size());
        assertTrue(calCsv.get(1).startsWith("Cr,\"next-fold, nll, 1 model, 10 stratified folds\"," + crOpen.size() + ","), calCsv.get(1));
        assertTrue(calCsv.get(1).contains(String.format(java.util.Locale.ROOT, ",%.4f,", cal.report().eceAfter())), calCsv.get(1));
        List<String> csv = Files.readAllLines(tmp.resolve("beyond_paper.csv"));
        assertEquals(2, csv.size());
        String[] head = csv.get(0).split(",");
        String[] row = csv.get(1).split(",", -1);
        assertEquals(head.length, row.length);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", x.geometry().r2()), row[java.util.Arrays.asList(head).indexOf("distance_r2")]);
        assertEquals(Integer.toString(crOpen.size()), row[1]);
        // Without the part, no section and no file.
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        ReportWriter.write(r, Map.of("code_version", "test"), plain);
        assertFalse(Files.readString(plain.resolve("index.html")).contains("Beyond the paper"));
        assertFalse(Files.exists(plain.resolve("beyond_paper.csv")));
    }

    @Test
    void feff8lAbsorber_hasNoPreEdgeStudy_andIsMarkedInTheReport() throws Exception {
        Dataset fe = DatasetFiles.read(Path.of("../data/dataset/Fe.csv.gz"));
        Dataset cu = DatasetFiles.read(Path.of("../data/dataset/Cu.csv.gz"));
        assertEquals("feff8l", fe.levelOfTheory());
        assertFalse(Study.hasPreEdge(fe));
        assertTrue(Study.hasPreEdge(cu));
        Study.Options o = new Study.Options("test", 2, 1, false, List.of(), 1, 1, 2);
        Study.Result r = Study.run(new java.util.TreeMap<>(Map.of("Fe", fe, "Cu", cu)), o, List.of(), (s, d, t) -> { });
        Study.ElementResult fr = r.elements().get("Fe");
        assertEquals(List.of("mlp", "cnn"), List.copyOf(fr.results().keySet()));
        assertEquals(0, fr.preEdgePoints());
        assertEquals(null, fr.pcaPreEdge());
        assertEquals(4, r.elements().get("Cu").results().size());

        ReportWriter.write(r, Map.of("code_version", "test", "created_at", "now"), tmp);
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("Fe: no pre-edge study"), "footnote");
        assertTrue(html.contains("<td class=\"ours\">feff8l</td>"), "Table I names the level of theory");
        assertTrue(html.contains("Fe come from our own feff8l campaign"), "differences name the feff8l data");
        String t3 = Files.readString(tmp.resolve("table3_pre_edge_delta.csv"));
        assertTrue(t3.contains("late,mlp,Cu,") && !t3.contains("Fe"), t3);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("results.json").toFile());
        assertEquals("feff8l", json.at("/absorbers/Fe/level_of_theory").asText());
        assertTrue(json.at("/absorbers/Fe/pre-edge mlp").isMissingNode());
    }

    @Test
    void ticks_areRoundAndCoverTheRange() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), SvgPlot.ticks(0, 1));
        List<Double> t = SvgPlot.ticks(8986, 9035.5);
        assertEquals(8990.0, t.get(0));
        assertTrue(t.get(t.size() - 1) <= 9035.5);
    }
}
