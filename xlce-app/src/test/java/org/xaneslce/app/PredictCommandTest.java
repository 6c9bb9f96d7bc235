package org.xaneslce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict as a beamline user runs it: from any folder, machine-readable output, exit codes. */
class PredictCommandTest {
    @TempDir
    Path tmp;

    private static String spectrum(String name) {
        return Paths.get("../xlce-core/src/test/resources/fixtures/spectra/" + name).toAbsolutePath().normalize().toString();
    }

    /** Runs xlce in a child JVM whose working directory is {@code dir} (no models/ there). */
    private static LabelCommandTest.Run inFolder(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("XLCE_HOME");
        pb.environment().remove("XLCE_MODELS");
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new LabelCommandTest.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void fromAnotherFolder_jsonToAFile_exitCodes() throws Exception {
        LabelCommandTest.Run ok = inFolder(tmp, "predict", "--format", "json", "--out", "result.json", spectrum("CuO_tenorite_13K_01.xdi"),
            spectrum("cu.xmu"));
        assertEquals(0, ok.code(), ok.err());
        assertEquals("", ok.out(), "with --out nothing goes to standard output");
        JsonNode a = new ObjectMapper().readTree(tmp.resolve("result.json").toFile());
        assertEquals(2, a.size());
        assertEquals(spectrum("CuO_tenorite_13K_01.xdi"), a.get(0).get("file").asText(), "the file as given");
        assertEquals("Cu", a.get(1).get("element").asText());
        assertEquals("OTHER", a.get(0).get("class").asText(),
            "measured square-planar CuO is none of T4/S5/O6, and the shipped open-set Cu model says so: " + a.get(0));
        assertTrue(a.get(0).get("probabilities").get("OTHER").asDouble() > 0.9, a.get(0).toString());
        assertEquals("edge energy", a.get(1).get("absorber_source").asText());
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(), "no temporary file left");
        }

        LabelCommandTest.Run some = inFolder(tmp, "predict", "--format", "csv", spectrum("cu.xmu"), "nothing-here.xdi");
        assertEquals(1, some.code(), "one input failed");
        assertEquals(3, some.out().split("\n").length, some.out());
        assertTrue(some.out().contains("nothing-here.xdi,,,,,,,,,,,,,,,,,,,,,,,,no such file or folder"), some.out());
        assertTrue(some.err().contains("1 spectra classified, 1 inputs failed"), some.err());

        LabelCommandTest.Run usage = inFolder(tmp, "predict", "--format", "xml", spectrum("cu.xmu"));
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--format must be table, json or csv"), usage.err());
    }

    @Test
    void table_showsWholeNames_evenWithALongCommonPrefix() throws Exception {
        String prefix = "beamline_2026-11-30_sample_series_A_position_";
        Files.copy(Path.of(spectrum("cu.xmu")), tmp.resolve(prefix + "001.dat"));
        Files.copy(Path.of(spectrum("cu.xmu")), tmp.resolve(prefix + "002.dat"));
        LabelCommandTest.Run r = LabelCommandTest.run("predict", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(tmp.resolve(prefix + "001.dat").toString()), r.out());
        assertTrue(r.out().contains(tmp.resolve(prefix + "002.dat").toString()), r.out());
        assertTrue(r.out().contains("P(OTHER)") && r.out().contains("\nOTHER: none of T4, S5, O6"), "the open-set class is explained: " + r.out());
    }

    @Test
    void readerZoo_throughPredictJson_everyFileReadOrRefusedWithAReason() throws Exception {
        Path zoo = Paths.get("../../shared/data/reader-zoo").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(zoo), "needs ../shared/data/reader-zoo");
        LabelCommandTest.Run r = LabelCommandTest.run("predict", "--format", "json", zoo.resolve("xdi").toString());
        assertEquals(1, r.code(), "no Ti..Cu K edge in the zoo: every file is refused");
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertEquals(66, a.size());
        for (JsonNode n : a) {
            assertTrue(n.get("error").asText().matches("(Zn|As|Se) K edge: no model; models exist for Ti, V, Cr, Mn, Fe, Co, Ni, Cu K edges"
                + "|(W|Au|Pb) L[123] edge: no model; models exist for Ti, V, Cr, Mn, Fe, Co, Ni, Cu K edges"), n.toString());
        }
        LabelCommandTest.Run spec = LabelCommandTest.run("predict", "--format", "json", zoo.resolve("spec/Ce-foil_EXAFS_23315.dat").toString());
        assertTrue(new ObjectMapper().readTree(spec.out()).get(0).get("error").asText().contains("give --mu"), spec.out());
        LabelCommandTest.Run chosen = LabelCommandTest.run("predict", "--format", "json", "--mu", "ln(albaem02_ch1/albaem02_ch3)",
            zoo.resolve("spec/Ce-foil_EXAFS_23315.dat").toString());
        String err = new ObjectMapper().readTree(chosen.out()).get(0).get("error").asText();
        assertTrue(err.contains("the edge at 57") && err.contains("near Ce L3 (5723 eV)"), err);
    }
}
