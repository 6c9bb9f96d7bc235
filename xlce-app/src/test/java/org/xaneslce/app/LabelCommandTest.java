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
}
