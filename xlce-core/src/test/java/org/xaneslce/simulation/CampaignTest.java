package org.xaneslce.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.store.SpectralDatabase;

/** Real feff8l runs (Debian's feff85exafs; .ci/run installs it). Skipped where feff8l is not installed. */
class CampaignTest {
    @TempDir
    Path tmp;

    /** Cu sites of the fixture structures: mp-622110 sites 3, 4, 5 and mp-780217 sites 14, 15. */
    private static List<Campaign.SiteRef> sites() {
        Path a = Fixtures.resource("structures/POSCAR-mp-622110");
        Path b = Fixtures.resource("structures/POSCAR-mp-780217");
        return List.of(new Campaign.SiteRef("mp-622110", 3, a), new Campaign.SiteRef("mp-622110", 4, a),
            new Campaign.SiteRef("mp-622110", 5, a), new Campaign.SiteRef("mp-780217", 14, b), new Campaign.SiteRef("mp-780217", 15, b));
    }

    @Test
    void campaign_runsFeff8l_storesLabelledSpectra_andRecordsFailures() throws Exception {
        assumeTrue(FeffRunner.available("feff8l"), "needs feff8l (apt-get install feff85exafs)");
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("c.db"))) {
            Campaign c = Campaign.open(db, "t", "Cu", FeffInput.Engine.FEFF8L, "feff8l", 6.0, 120);
            List<Campaign.SiteRef> refs = new ArrayList<>(sites().subList(0, 2));
            // Site 0 of mp-622110 is Ba: refused with the reason, never run.
            refs.add(new Campaign.SiteRef("mp-622110", 0, Fixtures.resource("structures/POSCAR-mp-622110")));
            assertEquals(3, c.plan(refs));
            assertEquals(0, c.plan(refs), "planning again adds nothing");
            List<Campaign.Outcome> outcomes = new ArrayList<>();
            c.run(2, tmp.resolve("work"), false, 0, o -> {
                synchronized (outcomes) {
                    outcomes.add(o);
                }
            });
            assertEquals(3, outcomes.size());
            Campaign.Status s = c.status();
            assertEquals(2, s.done());
            assertEquals(1, s.failed());
            assertEquals("S:5", db.query("SELECT label FROM labelled_spectra WHERE material_id = 'mp-622110' AND site_index = 3").get(0).get("label"));
            assertTrue(db.query("SELECT reason FROM campaign_sites WHERE site_index = 0").get(0).get("reason").toString().contains("is Ba, not Cu"));
            assertEquals("feff8l", db.query("SELECT level_of_theory FROM sources WHERE kind = 'feff-campaign'").get(0).get("level_of_theory"));
            long n = db.count("SELECT n_points FROM spectra LIMIT 1");
            assertTrue(n > 100, "points " + n);
            c.run(2, tmp.resolve("work"), false, 0, o -> outcomes.add(o));
            assertEquals(3, outcomes.size(), "a finished campaign runs nothing again");
        }
    }

    @Test
    void aClaimOutlivesTheRunnersTimeout_evenForACampaignRestoredWithoutOne() throws Exception {
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("lease.db"))) {
            // as `xlce db import` creates a campaign from an archive: no timeout recorded
            Campaign.open(db, "restored", "Cu", FeffCards.feff8l(), new FeffRunner("(restored)", 0), 6.0, 0);
            Campaign c = Campaign.open(db, "restored", "Cu", FeffCards.feff8l(), new FeffRunner("feff8l", 7200), 6.0, 7200);
            c.plan(sites().subList(0, 1));
            long before = System.currentTimeMillis();
            assertTrue(c.claim("host:1:0").isPresent());
            long lease = ((Number) db.query("SELECT lease_until_ms FROM campaign_sites").get(0).get("lease_until_ms")).longValue();
            assertTrue(lease - before >= 1000L * (7200 + Campaign.LEASE_MARGIN_SECONDS),
                "lease " + (lease - before) / 1000 + " s for runs of up to 7200 s");
        }
    }

    @Test
    void aWorkerWhoseClaimWasTakenOver_storesNothing_soASiteIsStoredOnce() throws Exception {
        assumeTrue(FeffRunner.available("feff8l"), "needs feff8l (apt-get install feff85exafs)");
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("takeover.db"))) {
            Campaign c = Campaign.open(db, "t", "Cu", FeffInput.Engine.FEFF8L, "feff8l", 6.0, 120);
            c.plan(sites().subList(0, 1));
            Campaign.SiteRef first = c.claim("host:1:0").orElseThrow();
            db.update("UPDATE campaign_sites SET lease_until_ms = 0");
            Campaign.SiteRef second = c.claim("host:2:0").orElseThrow();
            assertEquals(first, second, "the lapsed claim is taken over");
            Campaign.Outcome late = c.work(first, tmp.resolve("w1"), false, "host:1:0");
            assertTrue(!late.ok() && late.reason().contains("another worker") && late.reason().contains("host:2:0"), late.toString());
            assertEquals(0, db.count("SELECT COUNT(*) FROM spectra"), "the first worker's run is not stored");
            assertEquals("running", db.query("SELECT status FROM campaign_sites").get(0).get("status"));
            Campaign.Outcome owner = c.work(second, tmp.resolve("w2"), false, "host:2:0");
            assertTrue(owner.ok(), owner.toString());
            assertEquals(1, db.count("SELECT COUNT(*) FROM spectra"));
            assertEquals(1, c.status().done());
        }
    }

    @Test
    void campaignKilledMidway_resumes_andHoldsEachSiteExactlyOnce() throws Exception {
        assumeTrue(FeffRunner.available("feff8l"), "needs feff8l (apt-get install feff85exafs)");
        Path dbFile = tmp.resolve("k.db");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CampaignChild.class.getName(), dbFile.toString(), tmp.resolve("work").toString()));
        for (Campaign.SiteRef r : sites()) {
            cmd.add(r.material());
            cmd.add(Integer.toString(r.site()));
            cmd.add(r.structureFile().toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        int done = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("site ") && ++done == 2) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, done);
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            Campaign c = Campaign.open(db, "kill-test", "Cu", FeffInput.Engine.FEFF8L, "feff8l", 6.0, 120);
            Campaign.Status killed = c.status();
            assertTrue(killed.done() >= 2 && killed.done() < 5, killed.toString());
            int doneBefore = killed.done();
            List<Campaign.Outcome> resumed = new ArrayList<>();
            c.run(2, tmp.resolve("work"), false, 0, o -> {
                synchronized (resumed) {
                    resumed.add(o);
                }
            });
            assertEquals(5 - doneBefore, resumed.size(), "only unfinished sites run again");
            assertEquals(5, c.status().done());
            assertEquals(5, db.count("SELECT COUNT(*) FROM spectra"));
            assertEquals(5, db.count("SELECT COUNT(DISTINCT material_id || '_' || site_index) FROM spectra"));
            assertEquals("ok", db.query("PRAGMA integrity_check").get(0).values().iterator().next());
        }
    }
}
