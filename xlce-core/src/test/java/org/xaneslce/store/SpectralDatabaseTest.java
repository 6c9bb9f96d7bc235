package org.xaneslce.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetBuilder;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.spectrum.EnergyGrid;

class SpectralDatabaseTest {
    @TempDir
    Path tmp;

    private static final Importer.Listener QUIET = (item, skipped) -> { };

    private static Importer.Report importCampaign(Path dbFile) throws Exception {
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            return new Importer(db, CoordinationLabeler.paper()).importFeffCampaign(Fixtures.resource("campaign"), "FEFF9", QUIET);
        }
    }

    /** Every table's content in a stable order, without row ids and timestamps. */
    static List<String> dump(Path dbFile) throws SQLException {
        List<String> out = new ArrayList<>();
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            String[] queries = {
                "SELECT kind, location, level_of_theory, code_version FROM sources ORDER BY kind, location",
                "SELECT * FROM materials ORDER BY id",
                "SELECT * FROM structures ORDER BY material_id",
                "SELECT * FROM sites ORDER BY material_id, site_index",
                "SELECT * FROM labels ORDER BY material_id, site_index, rule",
                "SELECT material_id, site_index, element, edge, n_points, e_min_ev, e_max_ev, energy_ev, mu, sha256 FROM spectra"
                    + " ORDER BY material_id, site_index, element",
                "SELECT item, stage, reason, detail FROM rejections ORDER BY item, stage",
                "SELECT item FROM imported ORDER BY item"};
            for (String q : queries) {
                for (Map<String, Object> r : db.query(q)) {
                    out.add(r.toString());
                }
            }
        }
        return out;
    }

    @Test
    void campaignImport_joinsLabels_recordsTheFailedRun_andIsIdempotent() throws Exception {
        Path f = tmp.resolve("a.db");
        Importer.Report first = importCampaign(f);
        assertEquals(11, first.units());
        assertTrue(first.spectra() >= 5, "spectra " + first.spectra());
        assertEquals(Map.of("failed FEFF run", 1, "energy range too short for the grid", 1), first.rejected());
        List<String> before = dump(f);
        Importer.Report again = importCampaign(f);
        assertEquals(0, again.units());
        assertEquals(11, again.skipped());
        assertEquals(0, again.spectra());
        assertEquals(before, dump(f));
        try (SpectralDatabase db = SpectralDatabase.open(f)) {
            Map<String, Object> fail = db.query("SELECT item, stage, detail FROM rejections WHERE stage = 'read'").get(0);
            assertEquals("mp-1101124/001_Cu", fail.get("item"));
            assertTrue(fail.get("detail").toString().contains("no xmu.dat (folder holds: log.dat)"), fail.toString());
            Map<String, Object> s5 = db.query("SELECT label, class, cn FROM labelled_spectra WHERE material_id = 'mp-622110' AND site_index = 3").get(0);
            assertEquals("S:5", s5.get("label"));
            assertEquals(first.spectra(), db.count("SELECT COUNT(*) FROM labelled_spectra"));
            assertEquals(SpectralDatabase.SCHEMA_VERSION, db.schemaVersion());
        }
    }

    @Test
    void importKilledMidway_thenResumed_equalsAnUninterruptedImport() throws Exception {
        Path reference = tmp.resolve("ref.db");
        importCampaign(reference);
        Path killed = tmp.resolve("killed.db");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(), killed.toString(),
            Fixtures.resource("campaign").toString()).redirectErrorStream(true).start();
        int units = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("unit ") && ++units == 4) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(4, units, "child should have committed 4 units before the kill");
        long committed;
        try (SpectralDatabase db = SpectralDatabase.open(killed)) {
            committed = db.count("SELECT COUNT(*) FROM imported");
            assertTrue(committed >= 4 && committed < 11, "committed " + committed);
            assertEquals("ok", db.query("PRAGMA integrity_check").get(0).values().iterator().next());
        }
        Importer.Report resumed = importCampaign(killed);
        assertEquals(committed, resumed.skipped());
        assertEquals(dump(reference), dump(killed));
    }

    @Test
    void gridSetImport_labelsFromCifs_andExportRoundTrips() throws Exception {
        Path f = tmp.resolve("g.db");
        try (SpectralDatabase db = SpectralDatabase.open(f)) {
            Importer.Report r = new Importer(db, CoordinationLabeler.paper())
                .importGridSet(Fixtures.resource("grid"), "Ti", Fixtures.resource("grid/cifs"), QUIET);
            int rejected = r.rejected().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(40, r.spectra() + rejected, r.toString());
            assertTrue(r.spectra() >= 20, r.toString());
            DatasetBuilder.Result built = DatasetBuilder.build(db, "Ti", AbsorberGrids.forElement("Ti").orElseThrow());
            Dataset d = built.dataset();
            assertEquals(100, d.grid().count());
            for (Dataset.Entry e : d.entries()) {
                float max = 0;
                for (float v : e.mu()) {
                    max = Math.max(max, v);
                }
                assertEquals(1.0f, max, 1e-6f);
            }
            int candidates = d.size() + built.duplicates().values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(built.outsideGrid().isEmpty(), built.outsideGrid().toString());
            assertTrue(built.noGeometry().isEmpty(), built.noGeometry().toString());
            for (Dataset.Entry e : d.entries()) {
                assertEquals(e.coordinationClass().ordinal() + 4, e.cn(), "the shell from the stored structure agrees with the class: " + e.material());
                assertTrue(e.meanDistanceAngstrom() > 1.6 && e.meanDistanceAngstrom() < 2.6, e.material() + " " + e.meanDistanceAngstrom());
            }
            EnergyGrid ti = AbsorberGrids.forElement("Ti").orElseThrow();
            DatasetBuilder.Result beyond = DatasetBuilder.build(db, "Ti", EnergyGrid.spanning(ti.startEv(), ti.endEv() + 1.0, 100));
            assertEquals(0, beyond.dataset().size());
            assertEquals(candidates, beyond.outsideGrid().size(), "every T4/S5/O6 spectrum is reported, none dropped silently");
            assertTrue(beyond.outsideGrid().values().iterator().next().contains("the grid needs"));
            assertTrue(beyond.dataset().provenance().get("outside_grid").startsWith(candidates + " "));
            Path out = tmp.resolve("Ti.csv.gz");
            DatasetFiles.write(d, out);
            Dataset back = DatasetFiles.read(out);
            assertEquals(d.size(), back.size());
            assertTrue(back.grid().sameAs(d.grid()));
            for (int i = 0; i < d.size(); i++) {
                assertEquals(d.entries().get(i).material(), back.entries().get(i).material());
                assertEquals(d.entries().get(i).coordinationClass(), back.entries().get(i).coordinationClass());
                assertEquals(d.entries().get(i).cn(), back.entries().get(i).cn());
                assertEquals(d.entries().get(i).meanDistanceAngstrom(), back.entries().get(i).meanDistanceAngstrom(), 5e-5);
                for (int k = 0; k < 100; k++) {
                    assertEquals(d.entries().get(i).value(k), back.entries().get(i).value(k), 6e-6);
                }
            }
        }
    }

    @Test
    void newerSchemaVersion_isRefusedClearly() throws Exception {
        Path f = tmp.resolve("new.db");
        try (SpectralDatabase db = SpectralDatabase.open(f)) {
            db.update("PRAGMA user_version = 99");
        }
        SQLException e = assertThrows(SQLException.class, () -> SpectralDatabase.open(f));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void bundledDataset_loads_andHasTheDocumentedShape() throws Exception {
        Path dir = Path.of("../data/dataset");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir));
        Dataset cu = DatasetFiles.read(dir.resolve("Cu.csv.gz"));
        assertEquals("Cu", cu.element());
        assertTrue(cu.grid().sameAs(AbsorberGrids.forElement("Cu").orElseThrow()));
        int[] c = cu.classCounts();
        assertTrue(c[0] > 100 && c[1] > 100 && c[2] > 100, java.util.Arrays.toString(c));
        assertEquals("FEFF9", cu.levelOfTheory());
        for (String el : new String[] {"Fe", "Mn"}) {
            Dataset d = DatasetFiles.read(dir.resolve(el + ".csv.gz"));
            assertEquals("feff8l", d.levelOfTheory(), el);
            assertEquals(AbsorberGrids.levelOf(el).orElseThrow(), d.levelOfTheory(), el);
            assertTrue(d.grid().sameAs(AbsorberGrids.forElement(el).orElseThrow()), el + " " + d.grid());
            int[] k = d.classCounts();
            assertTrue(d.size() > 500 && k[0] > 50 && k[1] > 50 && k[2] > 50 && k[3] == 0, el + " " + java.util.Arrays.toString(k));
            assertEquals(3, d.classCount(), "a base dataset is three-class");
        }
        Path truncated = tmp.resolve("t.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("Cu.csv.gz")), 300));
        assertThrows(org.xaneslce.io.InputException.class, () -> DatasetFiles.read(truncated));
    }

    @Test
    void twoImportsAtOnce_countEachUnitOnce_andEqualOneImport() throws Exception {
        Path single = tmp.resolve("single.db");
        Importer.Report one = importCampaign(single);
        Path shared = tmp.resolve("shared.db");
        SpectralDatabase.open(shared).close();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Importer.Report> a = pool.submit(() -> importCampaign(shared));
            java.util.concurrent.Future<Importer.Report> b = pool.submit(() -> importCampaign(shared));
            Importer.Report ra = a.get();
            Importer.Report rb = b.get();
            assertEquals(one.units(), ra.units() + rb.units(), "each unit imported by exactly one of the two");
            assertEquals(one.units(), ra.skipped() + rb.skipped(), "and skipped by the other");
            assertEquals(one.spectra(), ra.spectra() + rb.spectra());
        } finally {
            pool.shutdown();
        }
        assertEquals(dump(single), dump(shared), "two imports at once leave what one import leaves");
    }

    @Test
    void rejections_storePrintableTextOnly() throws Exception {
        assertEquals("bad ?? in 'a?b' \u00c5ngstr\u00f6m\tok", SpectralDatabase.printable("bad \u0000\u0007 in 'a\uFFFDb' \u00c5ngstr\u00f6m\tok"));
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("p.db"))) {
            long src = db.source("test", "here", "FEFF9");
            db.reject(src, "mp-1/001_Cu", "read", "bad number", "line 3: bad number '\u0001\u0002PK\u0003\u0004'");
            assertEquals("line 3: bad number '??PK??'", db.query("SELECT detail FROM rejections").get(0).get("detail"));
        }
    }
}
