package org.xaneslce.spectrum.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.io.InputException;
import org.xaneslce.io.Problem;
import org.xaneslce.spectrum.Spectrum;

class SpectrumReadersTest {
    @TempDir
    Path tmp;

    private static Spectrum one(String name) throws Exception {
        List<Spectrum> s = SpectrumFormats.read(Fixtures.resource("spectra/" + name));
        assertEquals(1, s.size(), name);
        return s.get(0);
    }

    private Problem failure(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        InputException e = assertThrows(InputException.class, () -> SpectrumFormats.read(p));
        return e.first();
    }

    @Test
    void feffXmu_readsOmegaAndMu_andTheAbsorber() throws Exception {
        Spectrum s = one("xmu-mp-622110-003.dat");
        assertEquals("Cu", s.absorber().orElseThrow());
        assertTrue(s.size() > 150, "points " + s.size());
        assertTrue(s.minEnergyEv() > 8960 && s.maxEnergyEv() < 9150, s.minEnergyEv() + ".." + s.maxEnergyEv());
        assertTrue(!s.measured());
    }

    @Test
    void feffRunFolder_withoutXmu_isAFailedRunNotACrash() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("001_Cu"));
        Files.writeString(run.resolve("log.dat"), "FEFF stopped\n");
        InputException e = assertThrows(InputException.class, () -> SpectrumFormats.read(run));
        assertTrue(e.getMessage().contains("failed FEFF run: no xmu.dat (folder holds: log.dat)"), e.getMessage());
        Files.writeString(run.resolve(".feff.error"), "x");
        Files.copy(Fixtures.resource("spectra/xmu-mp-622110-003.dat"), run.resolve("xmu.dat"));
        assertTrue(assertThrows(InputException.class, () -> SpectrumFormats.read(run)).getMessage().contains(".feff.error"));
    }

    @Test
    void plainColumns_cuXmu_readsAll612Points() throws Exception {
        Spectrum s = one("cu.xmu");
        assertEquals(612, s.size());
        assertEquals(8786.204, s.minEnergyEv(), 1e-3);
        assertEquals(1.013661, s.muAt(0), 1e-6);
        assertTrue(s.measured());
    }

    @Test
    void xdi_transmissionFromI0AndItrans_elementAndFields() throws Exception {
        Spectrum cuo = one("CuO_tenorite_13K_01.xdi");
        assertEquals("Cu", cuo.absorber().orElseThrow());
        assertEquals("ln(i0/itrans)", cuo.notes().get("mu_definition"));
        assertEquals(Math.log(46739.301 / 214243.319029), cuo.muAt(0), 1e-9);
        assertEquals("CuO", cuo.notes().get("xdi.Sample.formula"));
        Spectrum cu = one("cu_metal_rt.xdi");
        assertEquals("mutrans", cu.notes().get("mu_definition"));
        Spectrum co = one("co_metal_rt.xdi");
        assertEquals("Co", co.absorber().orElseThrow());
    }

    @Test
    void athenaPerlDump_gzip_readsEveryGroupWithShiftAndE0() throws Exception {
        List<Spectrum> groups = SpectrumFormats.read(Fixtures.resource("spectra/cu.prj"));
        assertTrue(groups.size() >= 3, "groups " + groups.size());
        Spectrum first = groups.get(0);
        assertEquals("cu010k.dat", first.notes().get("athena.label"));
        assertEquals("8977.58", first.notes().get("athena.bkg_e0"));
        assertEquals("Cu", first.absorber().orElseThrow());
        assertEquals(8786.204, first.minEnergyEv(), 1e-3);
        assertEquals(1.013661, first.muAt(0), 1e-6);
    }

    @Test
    void athenaJsonKind_readsFourFeGroups() throws Exception {
        List<Spectrum> groups = SpectrumFormats.read(Fixtures.resource("spectra/athena_json_kind.prj"));
        assertEquals(4, groups.size());
        assertEquals("FeXANES_DebbysSample.001", groups.get(0).notes().get("athena.label"));
        assertEquals(442, groups.get(0).size());
        assertEquals("merge", groups.get(3).notes().get("athena.label"));
    }

    @Test
    void athenaProject_truncatedGzip_andBadNumber_areReported() throws Exception {
        byte[] gz = Files.readAllBytes(Fixtures.resource("spectra/cu.prj"));
        Path cut = tmp.resolve("cut.prj");
        Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertTrue(assertThrows(InputException.class, () -> SpectrumFormats.read(cut)).getMessage().contains("gzip data is corrupt or truncated"));
        String text = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(Fixtures.resource("spectra/cu.prj"))).readAllBytes());
        Path bad = tmp.resolve("bad.prj");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(bad))) {
            o.write(text.replaceFirst("'8786.204'", "'87x6.204'").getBytes());
        }
        assertTrue(assertThrows(InputException.class, () -> SpectrumFormats.read(bad)).getMessage().contains("bad number '87x6.204' in @x"));
    }

    @Test
    void mpXasJson_documentWithSpectrumAndAbsorber() throws Exception {
        String doc = "{\"spectrum_id\": \"mp-1-XANES-Cu-K\", \"absorbing_element\": \"Cu\", \"absorbing_index\": 3, \"edge\": \"K\","
            + " \"spectrum\": {\"x\": [8980.0, 8981.0, 8982.5], \"y\": [0.1, 0.5, 1.2]}}";
        Path p = tmp.resolve("doc.json");
        Files.writeString(p, doc);
        Spectrum s = SpectrumFormats.read(p).get(0);
        assertEquals("mp-1-XANES-Cu-K", s.id());
        assertEquals("Cu", s.absorber().orElseThrow());
        assertEquals("3", s.notes().get("mp.absorbing_index"));
        Problem p2 = failure("nodata.json", "{\"absorbing_element\": \"Cu\"}");
        assertTrue(p2.message().contains("no x and y arrays"), p2.toString());
    }

    @Test
    void brokenColumns_andXdi_giveTheirSpecificErrors() throws Exception {
        Problem empty = failure("e.xmu", "");
        assertTrue(empty.message().contains("empty file"));
        Problem num = failure("n.xmu", "# e mu\n8980 0.1\n8981 0.x2\n");
        assertEquals(3, num.line());
        assertTrue(num.message().contains("bad number '0.x2'"), num.toString());
        Problem trunc = failure("t.xmu", "# e mu i0\n8980 0.1 5\n8981 0.2\n");
        assertTrue(trunc.message().contains("row has 2 columns, expected 3"), trunc.toString());
        Problem el = failure("x.xdi", "# XDI/1.0\n# Element.symbol: Qq\n# Column.1: energy eV\n# Column.2: mu\n#----\n8980 1\n8981 2\n");
        assertTrue(el.message().contains("unknown element 'Qq'"), el.toString());
    }

    @Test
    void messyColumns_areCleanedAndTheCleaningIsRecorded() throws Exception {
        Path p = tmp.resolve("messy.dat");
        Files.writeString(p, "# energy; mu\n8981,0; 0,5\n8980,0; 0,25\n8981,0; 0,7\n8982,0; nan\n8983,0; 0,9\n");
        Spectrum s = SpectrumFormats.read(p).get(0);
        assertEquals(3, s.size());
        assertEquals(0.6, s.muAt(1), 1e-12);
        assertEquals("1", s.notes().get("dropped_non_finite"));
        assertEquals("1", s.notes().get("merged_duplicate_energies"));
        assertEquals("true", s.notes().get("sorted_by_energy"));
    }
}
