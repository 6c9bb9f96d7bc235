package org.xaneslce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCommandTest {
    @TempDir
    Path tmp;

    /** Result of one run: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixtures() {
        return Paths.get("../xlce-core/src/test/resources/fixtures/structures").toAbsolutePath().normalize();
    }

    @Test
    void labelFolder_printsEveryMetalSite_andSummary() {
        Run r = run("label", fixtures().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("POSCAR-mp-622110"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("POSCAR-mp-622110") && l.contains(" 3 Cu") && l.contains("S:5")), r.out());
        assertTrue(r.err().contains("5 files read, 9 sites labelled"), r.err());
        assertTrue(r.err().contains("0 files rejected"), r.err());
    }

    @Test
    void jsonFormat_givesAllCandidatesAndNeighbours() throws Exception {
        Run r = run("label", "--format", "json", "--site", "3", fixtures().resolve("POSCAR-mp-622110").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
        assertEquals("S:5", n.get("label").asText());
        assertEquals("S5", n.get("class").asText());
        assertEquals(5, n.get("neighbours").size());
        assertEquals(1.5677791974722965, n.get("csm_all").get("S:5").asDouble(), 1e-6);
        assertEquals(3, n.get("csm_all").size());
    }

    @Test
    void csvFormat_andElementFilter() {
        Run r = run("label", "--format", "csv", "--element", "Ti", fixtures().toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("is Cu, not Ti"), r.err());
        assertTrue(r.err().contains("1 sites refused"), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("structure,site,element,cn,dmin_angstrom,label,class,csm,margin,candidates,file", lines[0]);
        // mp-9771 has two Ti sites; the feff.inp cluster's absorber is Cu and is refused.
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[1].startsWith("mp-9771,1,Ti,6,"), lines[1]);
    }

    @Test
    void allAtoms_changesTheShell() {
        Run oxide = run("label", "--format", "csv", "--site", "14", fixtures().resolve("POSCAR-mp-780217").toString());
        Run all = run("label", "--format", "csv", "--all-atoms", "--site", "14", fixtures().resolve("POSCAR-mp-780217").toString());
        assertEquals(4, Integer.parseInt(oxide.out().split("\n")[1].split(",")[3]));
        assertEquals(10, Integer.parseInt(all.out().split("\n")[1].split(",")[3]));
    }

    @Test
    void badFile_isReportedWithLine_runGoesOn_andExitCodeSaysSo() throws Exception {
        Files.copy(fixtures().resolve("mp-9771.cif"), tmp.resolve("good.cif"));
        Files.writeString(tmp.resolve("bad.cif"), Files.readString(fixtures().resolve("mp-9771.cif")).replace("  U  U0", "  Qq  U0"));
        Files.writeString(tmp.resolve("empty.cif"), "");
        Run r = run("label", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.cif:27: unknown element 'Qq'"), r.err());
        assertTrue(r.err().contains("empty.cif: empty file"), r.err());
        assertTrue(r.err().contains("1 files read, 2 sites labelled"), r.err());
        assertTrue(r.err().contains("2 files rejected"), r.err());
        assertTrue(r.out().contains("mp-9771") || r.out().contains("good"), r.out());
    }

    @Test
    void missingPath_andBadOption_areUsageOrInputErrors() {
        Run missing = run("label", tmp.resolve("nope.cif").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        Run badFactor = run("label", "--factor", "0.5", fixtures().toString());
        assertEquals(2, badFactor.code());
        assertTrue(badFactor.err().contains("factor must be in [1, 3]"), badFactor.err());
        Run unknownOption = run("label", "--frobnicate", fixtures().toString());
        assertEquals(2, unknownOption.code());
    }

    @Test
    void badPaths_absurdCells_andOverlappingAtoms_areErrors_andTheRunGoesOn() throws Exception {
        String cif = Files.readString(fixtures().resolve("mp-9771.cif"));
        Path ok = Files.writeString(tmp.resolve("ok.cif"), cif);
        Path huge = Files.writeString(tmp.resolve("huge.cif"), cif.replaceFirst("_cell_length_a\\s+\\S+", "_cell_length_a 1e308"));
        Path twice = Files.writeString(tmp.resolve("twice.cif"), cif.replace("  O  O5  1  0.65084273  0.65084273  0.89594275  1\n",
            "  O  O5  1  0.65084273  0.65084273  0.89594275  1\n  O  O6  1  0.65084273  0.65084273  0.89594275  1\n"));
        Path close = Files.writeString(tmp.resolve("close.cif"), cif.replace("  O  O5  1  0.65084273  0.65084273  0.89594275  1\n",
            "  O  O5  1  0.65084273  0.65084273  0.89594275  1\n  O  O6  1  0.67  0.65084273  0.89594275  1\n"));
        Run r = run("label", "--no-progress", tmp.resolve("missing.cif").toString(), huge.toString(), twice.toString(), close.toString(), ok.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("missing.cif: no such file or folder"), r.err());
        assertTrue(r.err().contains("huge.cif: cell vector a is Infinity A long; cell vectors must be 0.5..1000 A"), r.err());
        assertTrue(r.err().contains("twice.cif: atoms 8 (O) and 9 (O) are 0.000 A apart"), r.err());
        assertTrue(r.err().matches("(?s).*close\\.cif: atoms 8 \\(O\\) and 9 \\(O\\) are 0\\.\\d+ A apart.*"), r.err());
        assertTrue(r.out().lines().filter(l -> l.startsWith("ok ")).count() == 2, "the good file is still labelled: " + r.out());
        assertTrue(r.err().contains("1 files read, 2 sites labelled {O6=2}, 4 files rejected"), r.err());
    }
}
