package org.xaneslce.spectrum.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Spectrum;

/** Files as beamlines and libraries write them (reader-zoo issue), and one policy for non-finite values. */
class ColumnReadersTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** A Cu K-edge-like step: 40 points from 8900 eV. */
    private static String rows(String format, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double e = 8900 + 5 * i;
            double i0 = 1e5;
            double it = i0 * Math.exp(-(0.2 + (e > 8980 ? 1.0 : 0.0)));
            b.append(String.format(java.util.Locale.ROOT, format, i, e, i0, it)).append('\n');
        }
        return b.toString();
    }

    private String message(Path p, ReadOptions o) {
        return assertThrows(InputException.class, () -> SpectrumFormats.read(p, o)).getMessage();
    }

    @Test
    void xdiWithoutSpace_countsGiveTransmissionMu_andTheEdgeIsKept() throws Exception {
        Path p = write("x.xdi", "#XDI/1.1  GSE/2.0\n# Column.1: energy eV\n# Column.2: i0\n# Column.3: itrans\n# Element.symbol:  Cu\n"
            + "# Element.edge:  K\n#----\n#  energy i0 itrans\n" + rows("%2$.1f %3$.1f %4$.3f", 40));
        Spectrum s = SpectrumFormats.read(p).get(0);
        assertEquals("Cu", s.absorber().orElseThrow());
        assertEquals("K", s.notes().get("edge"));
        assertEquals("ln(i0/itrans)", s.notes().get("mu_definition"));
        assertEquals(0.2, s.mu()[0], 1e-6);
        assertEquals(1.2, s.mu()[39], 1e-6);
        Path l3 = write("l3.xdi", "# XDI/1.0\n# Column.1: energy\n# Column.2: mutrans\n# Element.symbol: W\n# Element.edge: L3\n#---\n"
            + rows("%2$.1f %4$.3f", 20));
        Spectrum w = SpectrumFormats.read(l3).get(0);
        assertEquals("L3", w.notes().get("edge"));
        assertEquals("mutrans", w.notes().get("mu_definition"));
    }

    @Test
    void specScan_energyByName_neverThePointNumber_muByExpression() throws Exception {
        Path p = write("scan.dat", "#S 12 ascan mono_energy 8900 9100\n#L Pt_No  mono_energy  ch1  ch2\n" + rows("%1$d %2$.1f %3$.1f %4$.3f", 40));
        assertTrue(message(p, ReadOptions.NONE).contains("give --mu"), message(p, ReadOptions.NONE));
        Spectrum s = SpectrumFormats.read(p, ReadOptions.of(null, "ln(ch1/ch2)", null, null)).get(0);
        assertEquals("mono_energy", s.notes().get("energy_column"));
        assertEquals(8900, s.minEnergyEv(), 1e-9);
        assertEquals("ln(ch1/ch2)", s.notes().get("mu_definition"));
        assertEquals(1.2, s.mu()[39], 1e-6);
        assertTrue(message(p, ReadOptions.of("Pt_No", "ch1", null, null)).contains("holds point numbers"));
        assertTrue(message(p, ReadOptions.of(null, "ln(ch1/ch9)", null, null)).contains("no column 'ch9'"));
        // The user's column numbers work too; A/B is fluorescence-style.
        Spectrum ratio = SpectrumFormats.read(p, ReadOptions.of("2", "col4/col3", null, null)).get(0);
        assertEquals(Math.exp(-0.2), ratio.mu()[0], 1e-6);
    }

    @Test
    void unlabelledPointNumbers_areNotEnergy_andTwoColumnXmuDatIsColumnsNotFeff() throws Exception {
        Path p = write("pts.txt", rows("%1$d %2$.1f %4$.3f", 30));
        Spectrum s = SpectrumFormats.read(p).get(0);
        assertEquals(8900, s.minEnergyEv(), 1e-9, "the point-number column is neither energy nor mu");
        assertEquals("col3", s.notes().get("mu_definition"));
        Path four = write("four.txt", rows("%2$.1f %3$.1f %4$.3f %4$.3f", 30));
        assertTrue(message(four, ReadOptions.NONE).contains("cannot tell how mu is made"), "3 candidate columns without names: mu must be said");
        Path x = write("sample.xmu.dat", "# a measured spectrum\n" + rows("%2$.1f %4$.3f", 30));
        Spectrum c = SpectrumFormats.read(x).get(0);
        assertTrue(c.measured(), "read as measured columns");
        assertEquals(30, c.size());
    }

    @Test
    void nonFiniteValues_droppedAndCounted_inEveryReader() throws Exception {
        String body = rows("%2$.1f %4$.3f", 10) + "8950.5 nan\n8951.5 inf\n8952.5 -Infinity\n";
        Spectrum cols = SpectrumFormats.read(write("nf.txt", body)).get(0);
        assertEquals("3", cols.notes().get("dropped_non_finite"));
        assertEquals(10, cols.size());
        String feff = Files.readString(Fixtures.resource("spectra/xmu-mp-622110-003.dat"));
        int first = feff.indexOf('\n', feff.lastIndexOf("#")) + 1;
        String[] f = feff.substring(first, feff.indexOf('\n', first)).trim().split("\\s+");
        f[3] = "inf";
        Path xmu = write("xmu.dat", feff.substring(0, first) + String.join(" ", f) + feff.substring(feff.indexOf('\n', first)));
        Spectrum fe = SpectrumFormats.read(xmu).get(0);
        assertEquals("1", fe.notes().get("dropped_non_finite"));
        assertTrue(!fe.measured());
        Path bad = write("bad.txt", rows("%2$.1f %4$.3f", 10) + "8960 12x\n");
        assertTrue(message(bad, ReadOptions.NONE).contains("bad.txt:11: bad number '12x' in column 2"), message(bad, ReadOptions.NONE));
    }

    @Test
    void energies_keVConverted_decreasingOrImplausibleRefusedNamingTheColumn() throws Exception {
        StringBuilder k = new StringBuilder("# energy mu\n");
        for (int i = 0; i < 20; i++) {
            k.append(8.9 + 0.005 * i).append(' ').append(i).append('\n');
        }
        Spectrum kev = SpectrumFormats.read(write("kev.txt", k.toString())).get(0);
        assertEquals(8900, kev.minEnergyEv(), 1e-6);
        assertEquals("keV converted to eV", kev.notes().get("energy_unit"));
        StringBuilder down = new StringBuilder("# energy mu\n");
        for (int i = 0; i < 20; i++) {
            down.append(9000 - i).append(' ').append(i).append('\n');
        }
        assertTrue(message(write("down.txt", down.toString()), ReadOptions.NONE).contains("column 'energy' decreases"));
        assertTrue(message(write("small.txt", "# t mu\n" + "200 1\n300 2\n400 3\n"), ReadOptions.NONE).contains("not energies in eV or keV"));
    }

    @Test
    void countLineBeforeData_isSkipped_binaryAndHugeFilesRefused() throws Exception {
        Spectrum s = SpectrumFormats.read(write("old.dat", " 1PL 2/ 0/ .01; 24; 7;HeN in I0;\n 40 \n" + rows("%2$.2f %3$.0f %4$.1f", 40)),
            ReadOptions.of(null, "ln(col2/col3)", null, null)).get(0);
        assertEquals("1", s.notes().get("skipped_header_rows"));
        assertEquals(40, s.size());
        Path bin = tmp.resolve("image.dat");
        byte[] b = new byte[2000];
        new java.util.Random(1).nextBytes(b);
        Files.write(bin, b);
        assertTrue(message(bin, ReadOptions.NONE).contains("binary data"), message(bin, ReadOptions.NONE));
        Path huge = tmp.resolve("huge.dat");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(65L << 20);
        }
        assertTrue(message(huge, ReadOptions.NONE).contains("inputs larger than 64 MB are refused"), message(huge, ReadOptions.NONE));
        assertEquals("binary", SpectrumFormats.notASpectrum(bin).orElseThrow());
    }

    @Test
    void readerZoo_everyXdiRead_withElementEdgeAndMuDefinition() throws Exception {
        Path zoo = Fixtures.sharedData().map(d -> d.resolve("reader-zoo/xdi")).filter(Files::isDirectory).orElse(null);
        assumeTrue(zoo != null, "needs ../shared/data/reader-zoo");
        List<Path> files;
        try (Stream<Path> s = Files.list(zoo)) {
            files = s.filter(p -> p.toString().endsWith(".xdi")).sorted().toList();
        }
        assertEquals(66, files.size());
        Map<String, String> expected = Map.of("Au", "Au", "Pb", "Pb", "Se", "Se", "WO", "W", "W_", "W", "as", "As", "Zn", "Zn", "Ch", "Zn");
        List<String> wrong = new ArrayList<>();
        for (Path f : files) {
            Spectrum s = SpectrumFormats.read(f).get(0);
            String n = f.getFileName().toString();
            String el = expected.get(n.substring(0, 2));
            String edge = n.contains("_L1_") ? "L1" : n.contains("_L2_") ? "L2" : n.contains("L3") || n.startsWith("W") ? "L3" : "K";
            if (!s.absorber().orElse("?").equals(el) || !edge.equals(s.notes().get("edge"))
                || !s.notes().getOrDefault("mu_definition", "").matches("ln\\(i0/itrans\\)|mutrans|mufluor|ifluor/i0")) {
                wrong.add(n + " " + s.absorber() + " " + s.notes().get("edge") + " " + s.notes().get("mu_definition"));
            }
            double e0 = Normalization.findE0(s);
            double tab = org.xaneslce.spectrum.Edges.of(el, edge).orElseThrow().energyEv();
            if (Math.abs(e0 - tab) > 25) {
                wrong.add(n + " edge at " + e0 + " eV, tabulated " + tab);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void readerZoo_specScans_giveTheCeL3Edge_withTheRightColumns() throws Exception {
        Path zoo = Fixtures.sharedData().map(d -> d.resolve("reader-zoo/spec")).filter(Files::isDirectory).orElse(null);
        assumeTrue(zoo != null, "needs ../shared/data/reader-zoo");
        for (String n : List.of("Ce-foil_EXAFS_23315.dat", "Ce-foil_EXAFS_23316.dat", "Ce-foil_EXAFS_23317.dat")) {
            Path f = zoo.resolve(n);
            String m = message(f, ReadOptions.NONE);
            assertTrue(m.contains("cannot tell how mu is made") && m.contains("mono1_energy_acs") && m.contains("--mu"), m);
            Spectrum s = SpectrumFormats.read(f, ReadOptions.of(null, "ln(albaem02_ch1/albaem02_ch3)", null, null)).get(0);
            assertEquals("mono1_energy_acs", s.notes().get("energy_column"));
            assertEquals(5723, Normalization.findE0(s), 10, n);
        }
        Spectrum old = SpectrumFormats.read(zoo.resolve("CE0074.DAT"), ReadOptions.of(null, "ln(col2/col3)", null, null)).get(0);
        assertEquals(5723, Normalization.findE0(old), 10);
    }
}
