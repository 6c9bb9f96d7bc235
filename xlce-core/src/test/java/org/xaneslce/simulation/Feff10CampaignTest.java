package org.xaneslce.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.io.InputException;
import org.xaneslce.store.SpectralDatabase;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * The FEFF10 code path with a stand-in installation (CI has no FEFF10: building it takes minutes
 * and part of it is GPL): a run-feff10.sh that refuses to run without the glibc setting or with
 * other cards than the campaign's, and otherwise leaves a real FEFF 9 xmu.dat. Then the archive
 * round trip: export, restore into a fresh database, nothing run twice.
 */
class Feff10CampaignTest {
    @TempDir
    Path tmp;

    private Path fakeFeff10(String expectedCard) throws Exception {
        Path home = tmp.resolve("feff10");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path xmu = Fixtures.resource("spectra/xmu-mp-622110-003.dat");
        Files.writeString(bin.resolve("run-feff10.sh"), "#!/bin/sh\n"
            + "cd \"$1\" || exit 2\n"
            + "case \"$GLIBC_TUNABLES\" in *mmap_max=0*) ;; *) echo 'no glibc setting' >&2; exit 5;; esac\n"
            + "grep -q '^" + expectedCard + "' feff.inp || { echo 'wrong cards' >&2; exit 6; }\n"
            + "cp '" + xmu + "' xmu.dat\n");
        Files.writeString(bin.resolve("xsph"), "#!/bin/sh\n");
        for (String f : List.of("run-feff10.sh", "xsph")) {
            Files.setPosixFilePermissions(bin.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    /** A FEFF10 whose SCF oscillates ("Bad counts found repeatedly") with the cards' mixing, and converges with gentler mixing unless {@code never}. */
    private Path oscillatingFeff10(boolean never) throws Exception {
        Path home = tmp.resolve(never ? "feff10-never" : "feff10-gentle");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path xmu = Fixtures.resource("spectra/xmu-mp-622110-003.dat");
        Files.writeString(bin.resolve("run-feff10.sh"), "#!/bin/sh\n"
            + "cd \"$1\" || exit 2\n"
            + "if " + (never ? "true" : "grep -q '^SCF 4.5 0 30 0.2 1$' feff.inp") + "; then\n"
            + "  printf ' Found bad counts.\\nBad counts found repeatedly - pot will exit now.\\n' > feff10.log\n"
            + "  echo \"run-feff10: module pot failed (exit 0)\" >&2; exit 3\n"
            + "fi\n"
            + "grep -q '^SCF 4.5 0 100 0.05 1$' feff.inp || { echo 'not the gentle cards' >&2; exit 6; }\n"
            + "cp '" + xmu + "' xmu.dat\n");
        Files.writeString(bin.resolve("xsph"), "#!/bin/sh\n");
        for (String f : List.of("run-feff10.sh", "xsph")) {
            Files.setPosixFilePermissions(bin.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    @Test
    void gentleScf_changesOnlyTheMixing_andKeepsTheLevelOfTheory() {
        FeffCards fast = FeffCards.preset("fast").orElseThrow();
        FeffCards gentle = fast.gentleScf().orElseThrow();
        assertEquals(fast.text().replace("SCF 4.5 0 30 0.2 1\n", "SCF 4.5 0 100 0.05 1\n"), gentle.text());
        assertEquals(fast.levelOfTheory(), gentle.levelOfTheory());
        assertNotEquals(fast.sha256(), gentle.sha256());
        assertTrue(gentle.gentleScf().isEmpty(), "already gentle");
        assertTrue(FeffCards.feff8l().gentleScf().isEmpty(), "no SCF card");
        assertTrue(FeffCards.mp(FeffCards.Code.FEFF10).gentleScf().orElseThrow().text().contains("SCF 7.0 0 100 0.05 3\n"), "nmix kept");
    }

    @Test
    void oscillatingScf_isRetriedWithGentlerMixing_noted_archived_andFailuresCanBeRetried() throws Exception {
        FeffCards fast = FeffCards.preset("fast").orElseThrow();
        List<Campaign.SiteRef> one = List.of(sites().get(0));
        Path archive = tmp.resolve("osc.csv.gz");
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("osc.db"))) {
            Campaign c = Campaign.open(db, "Cu-feff10-fast", "Cu", fast, FeffRunner.feff10(oscillatingFeff10(false), 60), 9.0, 60);
            c.plan(one, true);
            c.run(1, tmp.resolve("work-osc"), false, 0, o -> { });
            assertEquals(1, c.status().done());
            String note = (String) db.query("SELECT reason FROM campaign_sites").get(0).get("reason");
            assertTrue(note.contains("converged with SCF 4.5 0 100 0.05 1") && note.contains(fast.gentleScf().orElseThrow().sha256()), note);
            CampaignArchive.export(db, "Cu-feff10-fast", archive);
        }
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("osc2.db"))) {
            Path st = Files.createDirectories(tmp.resolve("st2/mp-622110"));
            Files.copy(Fixtures.resource("structures/POSCAR-mp-622110"), st.resolve("POSCAR"));
            CampaignArchive.Restored r = CampaignArchive.restore(db, archive, List.of(tmp.resolve("st2")));
            assertEquals(1, r.done(), "a done site with a note is restored as done");
            assertTrue(((String) db.query("SELECT reason FROM campaign_sites").get(0).get("reason")).contains("0.05"), "the note travels");
        }
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("never.db"))) {
            Campaign c = Campaign.open(db, "Cu-feff10-fast", "Cu", fast, FeffRunner.feff10(oscillatingFeff10(true), 60), 9.0, 60);
            c.plan(one, true);
            List<Campaign.Outcome> out = new ArrayList<>();
            c.run(1, tmp.resolve("work-never"), false, 0, out::add);
            assertEquals(1, c.status().failed());
            assertTrue(out.get(0).reason().contains("Bad counts found repeatedly") && out.get(0).reason().contains("retried with SCF 4.5 0 100 0.05 1"),
                out.get(0).reason());
            assertEquals(1, db.query("SELECT COUNT(*) AS n FROM rejections WHERE stage = 'simulate'").get(0).get("n") instanceof Number n ? n.intValue() : -1);
            assertEquals(0, c.retryFailed("timeout"), "only failures whose reason matches");
            assertEquals(1, c.retryFailed("Bad counts"));
            assertEquals(1, c.status().pending());
            assertEquals(0, ((Number) db.query("SELECT COUNT(*) AS n FROM rejections WHERE stage = 'simulate'").get(0).get("n")).intValue(),
                "the old failure is forgotten");
        }
    }

    private static List<Campaign.SiteRef> sites() {
        Path a = Fixtures.resource("structures/POSCAR-mp-622110");
        return List.of(new Campaign.SiteRef("mp-622110", 3, a), new Campaign.SiteRef("mp-622110", 4, a), new Campaign.SiteRef("mp-622110", 0, a));
    }

    @Test
    void cards_haveStableHashes_andLevels() {
        FeffCards fast = FeffCards.preset("fast").orElseThrow();
        assertEquals("FEFF10:fast", fast.levelOfTheory());
        assertEquals("FEFF9", FeffCards.mp(FeffCards.Code.FEFF10).levelOfTheory(), "FEFF10 with the FEFF 9 cards gives FEFF 9 spectra");
        assertEquals("feff8l", FeffCards.feff8l().levelOfTheory());
        assertNotEquals(fast.sha256(), FeffCards.preset("medium").orElseThrow().sha256());
        assertTrue(fast.text().contains("SCF 4.5 0 30 0.2 1\nFMS 6.0 0\n"));
        assertEquals(64, fast.sha256().length());
        assertThrows(IllegalArgumentException.class, () -> FeffCards.Code.parse("feff7"));
        FeffCards low = FeffCards.preset("mp-low").orElseThrow();
        assertEquals(FeffCards.MP_CARDS.replace("k_grid -1 0 0.04", "k_grid -1.5 0 0.04"), low.text(), "only the grid start differs from mp");
        assertEquals("FEFF10:mp-low", low.levelOfTheory(), "not FEFF 9 level until a validation says so");
    }

    @Test
    void missingInstallation_saysHowToGetOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeffRunner.feff10(tmp.resolve("nothing"), 60));
        assertTrue(e.getMessage().contains("no FEFF10 installation in " + tmp.resolve("nothing")), e.getMessage());
        assertTrue(e.getMessage().contains("docs/SIMULATION.md") && e.getMessage().contains(FeffRunner.FEFF10_HOME_ENV), e.getMessage());
    }

    @Test
    void clusterFingerprint_equalForEquivalentSites_differentOtherwise() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-622110"));
        FeffCards fast = FeffCards.preset("fast").orElseThrow();
        List<String> cu = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.site(i).element().equals("Cu")) {
                cu.add(FeffInput.of(s, i, 9.0, fast).clusterSha256());
            }
        }
        // Fingerprints depend on the cluster only: a second call gives the same, and the cards do not matter.
        assertEquals(cu.get(0), FeffInput.of(s, 3, 9.0, FeffCards.feff8l()).clusterSha256());
        assertEquals(3, cu.size(), "Cu sites 3, 4, 5");
        assertEquals(cu.get(0), cu.get(1), "sites 3 and 4 are equivalent");
        assertNotEquals(cu.get(0), cu.get(2), "site 5 is not");
        assertNotEquals(FeffInput.of(s, 3, 9.0, fast).clusterSha256(), FeffInput.of(s, 3, 8.0, fast).clusterSha256(),
            "a smaller radius is a different cluster");
    }

    @Test
    void feff10Campaign_runsWithItsCards_exportsAndRestores() throws Exception {
        FeffCards fast = FeffCards.preset("fast").orElseThrow();
        Path archive = tmp.resolve("data/campaigns/Cu-feff10-fast.csv.gz");
        Map<String, Object> first;
        int done;
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("a.db"))) {
            Campaign c = Campaign.open(db, "Cu-feff10-fast", "Cu", fast, FeffRunner.feff10(fakeFeff10("SCF 4.5"), 60), 9.0, 60);
            Campaign.Plan plan = c.plan(sites(), true);
            assertEquals(new Campaign.Plan(2, 1, 1), plan, "site 4 has the cluster of site 3; site 0 is Ba (no fingerprint)");
            c.run(1, tmp.resolve("work"), true, 0, o -> { });
            Campaign.Status st = c.status();
            assertEquals(1, st.failed(), "site 0 is Ba");
            assertEquals(plan.added() - 1, st.done());
            done = st.done();
            assertTrue(done >= 1);
            assertEquals("FEFF10:fast", db.query("SELECT level_of_theory FROM sources WHERE kind = 'feff-campaign'").get(0).get("level_of_theory"));
            assertEquals(fast.sha256(), db.query("SELECT cards_sha256 FROM campaigns").get(0).get("cards_sha256"));
            first = db.query("SELECT energy_ev, mu FROM spectra WHERE site_index = 3").get(0);
            assertEquals(plan.added(), CampaignArchive.export(db, "Cu-feff10-fast", archive));
            org.xaneslce.spectrum.EnergyGrid grid = org.xaneslce.spectrum.AbsorberGrids.forElement("Cu").orElseThrow();
            assertEquals(0, org.xaneslce.dataset.DatasetBuilder.build(db, "Cu", grid, true).dataset().size(),
                "no FEFF 9 spectra: the grid's level alone gives nothing");
            org.xaneslce.dataset.DatasetBuilder.Result mixed = org.xaneslce.dataset.DatasetBuilder.build(db, "Cu", grid, true, List.of("FEFF10:fast"));
            assertEquals(done, mixed.labelledSites().values().stream().mapToInt(Integer::intValue).sum(), "every FEFF10 site is considered");
            assertEquals(done, mixed.dataset().size() + mixed.outsideGrid().size(), mixed.outsideGrid().toString());
            assertEquals("FEFF10:fast", mixed.dataset().levelOfTheory());
        }
        assertTrue(CampaignArchive.isArchive(archive));
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("b.db"))) {
            // Fixture structures are named POSCAR-<id>: give them the archive's layout.
            Path st = Files.createDirectories(tmp.resolve("st/mp-622110"));
            Files.copy(Fixtures.resource("structures/POSCAR-mp-622110"), st.resolve("POSCAR"));
            CampaignArchive.Restored r = CampaignArchive.restore(db, archive, List.of(tmp.resolve("st")));
            assertEquals(new CampaignArchive.Restored("Cu-feff10-fast", done, 1, 0, 0), r);
            Map<String, Object> again = db.query("SELECT energy_ev, mu FROM spectra WHERE site_index = 3").get(0);
            double[] e0 = json(first.get("energy_ev"));
            double[] e1 = json(again.get("energy_ev"));
            double[] m0 = json(first.get("mu"));
            double[] m1 = json(again.get("mu"));
            assertEquals(e0.length, e1.length);
            for (int i = 0; i < e0.length; i++) {
                assertEquals(e0[i], e1[i], 1e-4);
                assertEquals(m0[i], m1[i], 1e-6 * Math.abs(m0[i]) + 1e-12);
            }
            assertEquals(0, CampaignArchive.restore(db, archive, List.of(tmp.resolve("st"))).done(), "restoring again adds nothing");
            Campaign c = Campaign.open(db, "Cu-feff10-fast", "Cu", fast, FeffRunner.feff10(fakeFeff10("SCF 4.5"), 60), 9.0, 60);
            c.plan(sites(), true);
            List<Campaign.Outcome> ran = new ArrayList<>();
            c.run(1, tmp.resolve("work2"), false, 0, ran::add);
            assertEquals(List.of(), ran, "a restored campaign runs nothing that the archive holds");
        }
    }

    @Test
    void restore_refusesOtherCards_andBrokenFiles() throws Exception {
        Path bad = tmp.resolve("bad.csv.gz");
        try (var w = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad))) {
            w.write((CampaignArchive.MAGIC + "\n# campaign: x\n# element: Cu\n# code: feff10\n# cards: fast\n# cards_sha256: 00\n"
                + "# radius_angstrom: 9.0\nmaterial_id,site_index,status,seconds,peak_kb,cluster_sha256,reason,energy_ev,mu\n").getBytes());
        }
        try (SpectralDatabase db = SpectralDatabase.open(tmp.resolve("c.db"))) {
            InputException e = assertThrows(InputException.class, () -> CampaignArchive.restore(db, bad, List.of()));
            assertTrue(e.getMessage().contains("bad.csv.gz") && e.getMessage().contains("differ"), e.getMessage());
            Path notArchive = Files.writeString(tmp.resolve("x.csv.gz"), "hello");
            assertTrue(!CampaignArchive.isArchive(notArchive));
        }
    }

    @Test
    void feff10Run_failsWithTheScriptsMessage_whenCardsAreWrong() throws Exception {
        FeffRunner r = FeffRunner.feff10(fakeFeff10("FMS 9.9"), 60);
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-622110"));
        String inp = FeffInput.of(s, 3, 9.0, FeffCards.preset("fast").orElseThrow()).text();
        InputException e = assertThrows(InputException.class, () -> r.run(tmp.resolve("w"), inp, "x"));
        assertTrue(e.getMessage().contains("wrong cards"), e.getMessage());
    }

    private static double[] json(Object v) {
        String[] p = v.toString().replace("[", "").replace("]", "").split(",");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Double.parseDouble(p[i].trim());
        }
        return d;
    }
}
