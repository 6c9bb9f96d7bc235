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
    void statsWithoutDatabase_saysSo() {
        LabelCommandTest.Run r = LabelCommandTest.run("db", "stats", "--db", tmp.resolve("none.db").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such database"), r.err());
    }
}
