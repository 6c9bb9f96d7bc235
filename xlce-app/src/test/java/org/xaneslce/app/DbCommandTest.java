package org.xaneslce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        return Paths.get("../xlce-core/src/test/resources/fixtures/" + name).toAbsolutePath().normalize();
    }

    @Test
    void importStatsExport_onARealCampaignAndGridSet() throws Exception {
        String db = tmp.resolve("t.db").toString();
        LabelCommandTest.Run imp = LabelCommandTest.run("db", "import", "--db", db, "--no-progress", fixture("campaign").toString());
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("rejected: 2 {energy range too short for the grid=1, failed FEFF run=1}"), imp.out());
        LabelCommandTest.Run again = LabelCommandTest.run("db", "import", "--db", db, "--no-progress", fixture("campaign").toString());
        assertTrue(again.out().contains("0 spectra stored from 0 units (11 units already imported)"), again.out());
        LabelCommandTest.Run grid = LabelCommandTest.run("db", "import", "--db", db, "--no-progress", "--structures",
            fixture("grid/cifs").toString(), fixture("grid").toString());
        assertEquals(0, grid.code(), grid.err());
        LabelCommandTest.Run stats = LabelCommandTest.run("db", "stats", "--db", db);
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("Table I"), stats.out());
        assertTrue(stats.out().lines().anyMatch(l -> l.startsWith("Cu   |") && l.endsWith("290   183   366    839")), stats.out());
        assertTrue(stats.out().contains("failed FEFF run"), stats.out());
        LabelCommandTest.Run export = LabelCommandTest.run("db", "export", "--db", db, "--out", tmp.resolve("out").toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.exists(tmp.resolve("out/Ti.csv.gz")), export.out());
        LabelCommandTest.Run typo = LabelCommandTest.run("db", "export", "--db", db, "--also-level", "FEFF10:fst", "--out",
            tmp.resolve("out2").toString());
        assertEquals(1, typo.code(), typo.out());
        assertTrue(typo.err().contains("no spectra of level of theory 'FEFF10:fst' here (levels: FEFF9"), typo.err());
        assertTrue(!Files.exists(tmp.resolve("out2")), "nothing written");
    }

    @Test
    void geometry_addsTheShellToAnExportedDataset_reportsWhatItCannot_andGoesOn() throws Exception {
        String db = tmp.resolve("g.db").toString();
        LabelCommandTest.Run grid = LabelCommandTest.run("db", "import", "--db", db, "--no-progress", "--structures",
            fixture("grid/cifs").toString(), fixture("grid").toString());
        assertEquals(0, grid.code(), grid.err());
        LabelCommandTest.Run export = LabelCommandTest.run("db", "export", "--db", db, "--out", tmp.resolve("out").toString());
        assertEquals(0, export.code(), export.err());
        // Strip the shell columns back to a version 1 file, as the datasets bundled before 2026-12-02 were.
        Path v2 = tmp.resolve("out/Ti.csv.gz");
        StringBuilder v1 = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(Files.newInputStream(v2))))) {
            for (String l; (l = in.readLine()) != null;) {
                if (l.startsWith("# format_version")) {
                    l = "# format_version: 1";
                } else if (!l.startsWith("#")) {
                    String[] f = l.split(",", -1);
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < f.length; i++) {
                        if (i != 6 && i != 7) {
                            b.append(b.length() == 0 ? "" : ",").append(f[i]);
                        }
                    }
                    l = b.toString();
                }
                v1.append(l).append('\n');
            }
        }
        Path old = tmp.resolve("Ti.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(old))) {
            out.write(v1.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path notData = Files.writeString(tmp.resolve("notes.csv.gz"), "not gzip");
        LabelCommandTest.Run g = LabelCommandTest.run("db", "geometry", "--structures", fixture("grid/cifs").toString(), notData.toString(),
            old.toString());
        assertEquals(1, g.code(), "one file could not be read: " + g.err());
        assertTrue(g.err().contains("notes.csv.gz") && g.err().contains("file left as it was"), g.err());
        org.xaneslce.dataset.Dataset before = org.xaneslce.dataset.DatasetFiles.read(v2);
        org.xaneslce.dataset.Dataset after = org.xaneslce.dataset.DatasetFiles.read(old);
        assertTrue(g.out().contains(before.size() + " spectra, " + before.size() + " given a geometry now"), g.out());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.entries().get(i).cn(), after.entries().get(i).cn());
            assertEquals(before.entries().get(i).meanDistanceAngstrom(), after.entries().get(i).meanDistanceAngstrom(), 5e-5);
        }
        LabelCommandTest.Run missing = LabelCommandTest.run("db", "geometry", "--structures", tmp.resolve("empty").toString(), v2.toString());
        assertEquals(0, missing.code(), "a file that has every geometry already needs nothing: " + missing.err());
        assertTrue(missing.out().contains("0 given a geometry now, " + before.size() + " with one"), missing.out());
        Path old2 = tmp.resolve("again/Ti.csv.gz");
        Files.createDirectories(old2.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(old2))) {
            out.write(v1.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        LabelCommandTest.Run none = LabelCommandTest.run("db", "geometry", "--structures", tmp.resolve("empty").toString(), old2.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no structure file under") && none.err().contains(before.size() + " spectra left without a geometry"),
            none.err());
        assertEquals(before.size(), org.xaneslce.dataset.DatasetFiles.read(old2).size(), "nothing dropped");
    }

    @Test
    void statsWithoutDatabase_saysSo() {
        LabelCommandTest.Run r = LabelCommandTest.run("db", "stats", "--db", tmp.resolve("none.db").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such database"), r.err());
    }
}
