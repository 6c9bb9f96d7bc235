package org.xaneslce.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.store.SpectralDatabase;

/**
 * Bad inputs to every command: each case asserts the message, the exit code, and that valid
 * inputs beside the bad ones are still processed and stored (docs/ROBUSTNESS.md lists the cases).
 */
class RobustnessTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        return Paths.get("../xlce-core/src/test/resources/fixtures/" + name).toAbsolutePath().normalize();
    }

    @Test
    void dbImport_nothingImportable_exitsNonZero_andAddsNoSource() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing here\n");
        Path db = tmp.resolve("x.db");
        LabelCommandTest.Run r = LabelCommandTest.run("db", "import", "--db", db.toString(), "--no-progress", empty.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(empty + ": nothing importable"), r.err());
        assertFalse(Files.exists(db), "no database is made for nothing");
        // Beside a good source, the good one is imported and the exit code still says something failed.
        LabelCommandTest.Run both = LabelCommandTest.run("db", "import", "--db", db.toString(), "--no-progress", empty.toString(),
            fixture("campaign").toString());
        assertEquals(1, both.code());
        assertTrue(both.out().contains("spectra stored from 11 units"), both.out());
        try (SpectralDatabase d = SpectralDatabase.open(db)) {
            assertEquals(1, d.count("SELECT COUNT(*) FROM sources"), "only the campaign's source row");
        }
    }

    @Test
    void dbImport_notADatabase_folder_andUnwritablePath_sayWhatToDo() throws Exception {
        Path text = Files.writeString(tmp.resolve("labels.csv"), "structure,site\nmp-1,0\n");
        LabelCommandTest.Run notDb = LabelCommandTest.run("db", "import", "--db", text.toString(), fixture("campaign").toString());
        assertEquals(1, notDb.code());
        assertTrue(notDb.err().contains(text + " is not an xlce database"), notDb.err());
        assertEquals("structure,site\nmp-1,0\n", Files.readString(text), "the file is left as it was");
        LabelCommandTest.Run dir = LabelCommandTest.run("db", "import", "--db", tmp.toString(), fixture("campaign").toString());
        assertEquals(1, dir.code());
        assertTrue(dir.err().contains("is a folder; --db names a database file"), dir.err());
        LabelCommandTest.Run nowhere = LabelCommandTest.run("db", "import", "--db", "/proc/xlce-test.db", fixture("campaign").toString());
        assertEquals(1, nowhere.code());
        assertTrue(nowhere.err().contains("/proc/xlce-test.db cannot be written"), nowhere.err());
        assertFalse(notDb.err().contains("SQLITE_") || notDb.err().contains("org.sqlite"), "no driver internals: " + notDb.err());
    }

    @Test
    void simulate_everySiteFailing_exitsNonZero_andNothingToRunSaysWhy() throws Exception {
        Path fake = tmp.resolve("feff-fails");
        Files.writeString(fake, "#!/bin/sh\necho 'potential did not converge' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        String db = tmp.resolve("s.db").toString();
        LabelCommandTest.Run r = LabelCommandTest.run("simulate", "--code", "feff9", "--feff", fake.toString(), "--element", "Cu",
            "--sites", fixture("structures/POSCAR-mp-780217").toString(), "--db", db, "--work", tmp.resolve("w").toString(), "--workers", "1");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("FEFF error (exit 3): potential did not converge"), r.err());
        assertTrue(r.err().contains("every site of this run failed"), r.err());
        assertTrue(r.out().contains("ran 1 sites (1 failed)"), r.out());
        LabelCommandTest.Run again = LabelCommandTest.run("simulate", "--code", "feff9", "--feff", fake.toString(), "--element", "Cu",
            "--sites", fixture("structures/POSCAR-mp-780217").toString(), "--db", db, "--work", tmp.resolve("w").toString());
        assertTrue(again.out().contains("nothing to run: every planned site is finished (0 done, 1 failed)"), again.out());
        assertEquals(1, again.code());
        LabelCommandTest.Run noTi = LabelCommandTest.run("simulate", "--code", "feff9", "--feff", fake.toString(), "--element", "Ti",
            "--sites", fixture("structures/POSCAR-mp-780217").toString(), "--db", db, "--work", tmp.resolve("w").toString());
        assertTrue(noTi.out().contains("nothing to run: no Ti site in the inputs (skipped: {structures without Ti=1})"), noTi.out());
        assertEquals(1, noTi.code());
        LabelCommandTest.Run noFeff10 = LabelCommandTest.run("simulate", "--code", "feff10", "--feff-home", tmp.resolve("none").toString(),
            "--element", "Cu", "--sites", fixture("structures/POSCAR-mp-780217").toString(), "--db", db);
        assertEquals(2, noFeff10.code());
        assertTrue(noFeff10.err().contains("no FEFF10 installation in") && noFeff10.err().contains("docs/SIMULATION.md"), noFeff10.err());
    }

    @Test
    void compare_incompatibleSpectra_areRefused() {
        String cu = Paths.get("../examples/theory-vs-experiment/CuO-mp-1692-000_Cu.xmu.dat").toAbsolutePath().toString();
        LabelCommandTest.Run other = LabelCommandTest.run("compare", cu, fixture("spectra/co_metal_rt.xdi").toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("the computed spectrum is of Cu, the measured one of Co"), other.err());
        LabelCommandTest.Run ok = LabelCommandTest.run("compare", cu, fixture("spectra/CuO_tenorite_13K_01.xdi").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("Pearson r = 0.9"), ok.out());
    }

    @Test
    void predict_emptyTruncatedBinaryAndWrongElementFiles_beside_aGoodOne() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(d.resolve("empty.xdi"), "");
        String good = Files.readString(fixture("spectra/cu.xmu"));
        String lastLine = good.strip().substring(good.strip().lastIndexOf('\n') + 1);
        Files.writeString(d.resolve("truncated.dat"), good.strip() + "\n" + lastLine.trim().split("\\s+")[0] + "\n");
        Files.write(d.resolve("binary.xdi"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 12, 13});
        Files.writeString(d.resolve("good.xmu"), good);
        List<String> args = List.of("predict", "--format", "csv", d.resolve("empty.xdi").toString(), d.resolve("truncated.dat").toString(),
            d.resolve("binary.xdi").toString(), d.resolve("good.xmu").toString());
        LabelCommandTest.Run r = LabelCommandTest.run(args.toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.out().contains("empty.xdi,,,,,,,,,,,,,,,,,,,,,,,,empty file"), r.out());
        assertTrue(r.out().contains("binary.xdi,,,,,,,,,,,,,,,,,,,,,,,,\"binary data"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("truncated.dat") && l.contains("columns, expected")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("good.xmu,Cu,K,Cu-cnn@")), "the good file is classified: " + r.out());
        LabelCommandTest.Run wrong = LabelCommandTest.run("predict", "--element", "Fe", d.resolve("good.xmu").toString());
        assertEquals(1, wrong.code(), "Cu data told to be Fe cannot be aligned to the Fe model");
        assertTrue(wrong.err().contains("good.xmu"), wrong.err());
    }

    @Test
    void dbImport_aNanRow_isDroppedWithAWarning_notSilently() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("camp/mp-622110/FEFF-XANES/003_Cu"));
        Files.copy(fixture("structures/POSCAR-mp-622110"), tmp.resolve("camp/mp-622110/POSCAR"));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(fixture("spectra/xmu-mp-622110-003.dat")));
        int row = 0;
        for (int i = 0, data = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("#") && !lines.get(i).isBlank() && ++data == 6) {
                row = i;
            }
        }
        String[] f = lines.get(row).trim().split("\\s+");
        f[3] = "NaN";
        lines.set(row, String.join("  ", f));
        Files.write(run.resolve("xmu.dat"), lines);
        Path db = tmp.resolve("w.db");
        LabelCommandTest.Run r = LabelCommandTest.run("db", "import", "--db", db.toString(), "--no-progress", tmp.resolve("camp").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 spectra stored") && r.out().contains("stored with warnings: {non-finite points dropped (spectrum stored)=1}"),
            r.out());
        try (SpectralDatabase d = SpectralDatabase.open(db)) {
            assertTrue(d.query("SELECT detail FROM rejections WHERE stage = 'warning'").get(0).get("detail").toString()
                .contains("1 point(s) with a non-finite value (NaN or inf) dropped"));
        }
    }
}
