package org.xaneslce.structure.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.io.InputException;
import org.xaneslce.io.Problem;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;

class StructureReadersTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Problem failure(Path file) {
        InputException e = assertThrows(InputException.class, () -> StructureFormats.read(file));
        assertTrue(e.first().source().endsWith(file.getFileName().toString()), e.getMessage());
        return e.first();
    }

    private static String cif() throws IOException {
        return Files.readString(Fixtures.resource("structures/mp-9771.cif"));
    }

    @Test
    void cif_realMaterialsProjectFile_readsCellAtomsAndSkipsBondLoop() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/mp-9771.cif"));
        assertEquals("mp-9771", s.id());
        assertEquals(9, s.size());
        assertEquals("U", s.site(0).element());
        assertEquals("Ti", s.site(1).element());
        assertEquals("O", s.site(8).element());
        assertEquals(112.64046251, s.lattice().orElseThrow().volume(), 1e-6);
    }

    @Test
    void cif_withSymmetryOperations_isExpandedAndDuplicatesMerged() throws Exception {
        String rutile = String.join("\n",
            "data_TiO2", "_cell_length_a 4.594", "_cell_length_b 4.594", "_cell_length_c 2.959",
            "_cell_angle_alpha 90", "_cell_angle_beta 90", "_cell_angle_gamma 90",
            "loop_", "_space_group_symop_operation_xyz",
            "'x, y, z'", "'-x, -y, z'", "'-y+1/2, x+1/2, z+1/2'", "'y+1/2, -x+1/2, z+1/2'",
            "'-x+1/2, y+1/2, -z+1/2'", "'x+1/2, -y+1/2, -z+1/2'", "'y, x, -z'", "'-y, -x, -z'",
            "'-x, -y, -z'", "'x, y, -z'", "'y+1/2, -x+1/2, -z+1/2'", "'-y+1/2, x+1/2, -z+1/2'",
            "'x+1/2, -y+1/2, z+1/2'", "'-x+1/2, y+1/2, z+1/2'", "'-y, -x, z'", "'y, x, z'",
            "loop_", "_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z",
            "Ti1 Ti4+ 0 0 0", "O1 O2- 0.3048(2) 0.3048(2) 0", "");
        Structure s = StructureFormats.read(write("rutile.cif", rutile));
        assertEquals(6, s.size());
        assertEquals(2, s.sites().stream().filter(x -> x.element().equals("Ti")).count());
        org.xaneslce.coordination.SiteLabel l = org.xaneslce.coordination.CoordinationLabeler.paper().label(s, 0);
        assertEquals("O:6", l.label());
    }

    @Test
    void cif_missingAtomLoop_saysSo() throws Exception {
        String text = cif().substring(0, cif().indexOf("loop_\n _atom_site_type_symbol"));
        Problem p = failure(write("noatoms.cif", text));
        assertTrue(p.message().contains("no _atom_site loop"), p.toString());
    }

    @Test
    void cif_truncatedInsideTheAtomLoop_namesTheLoop() throws Exception {
        String text = cif();
        text = text.substring(0, text.indexOf("0.72027799") + 5);
        Problem p = failure(write("truncated.cif", text));
        assertTrue(p.message().contains("not a multiple"), p.toString());
        assertTrue(p.line() > 0);
    }

    @Test
    void cif_badNumber_namesLineAndValue() throws Exception {
        String text = cif().replace("0.17765182  0.17765182", "0.17765182  0.1776x182");
        Problem p = failure(write("badnum.cif", text));
        assertEquals(28, p.line());
        assertTrue(p.message().contains("bad coordinate '0.1776x182'"), p.toString());
    }

    @Test
    void cif_unknownElement_namesIt() throws Exception {
        String text = cif().replace("  U  U0  1", "  Qq  U0  1");
        Problem p = failure(write("element.cif", text));
        assertTrue(p.message().contains("unknown element 'Qq'"), p.toString());
        assertEquals(27, p.line());
    }

    @Test
    void cif_badCell_andPartialOccupancy_areRefused() throws Exception {
        Problem cell = failure(write("cell.cif", cif().replace("_cell_length_b   5.28569103", "_cell_length_b   abc")));
        assertTrue(cell.message().contains("bad number 'abc' for _cell_length_b"), cell.toString());
        Problem occ = failure(write("occ.cif", cif().replace("0.00000000  1\n  Ti", "0.00000000  0.5\n  Ti")));
        assertTrue(occ.message().contains("occupancy 0.5"), occ.toString());
    }

    @Test
    void emptyFiles_areRefusedInEveryFormat() throws Exception {
        for (String name : List.of("empty.cif", "POSCAR", "empty.json", "feff.inp")) {
            Problem p = failure(write(name, ""));
            assertTrue(p.message().contains("empty file"), name + ": " + p);
        }
    }

    @Test
    void poscar_realFile_readsVasp5WithTrailingSymbols() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-622110"));
        assertEquals(13, s.size());
        assertEquals("Ba", s.site(0).element());
        assertEquals("Cu", s.site(3).element());
        assertEquals("O", s.site(12).element());
        double[] c = s.site(3).cartesianAngstrom();
        assertEquals(0.5 * 3.834762, c[0], 1e-9);
        assertEquals(0.144356 * 11.788769, c[2], 1e-9);
    }

    @Test
    void poscar_brokenInputs_giveTheirSpecificErrors() throws Exception {
        String text = Files.readString(Fixtures.resource("structures/POSCAR-mp-622110"));
        String[] lines = text.split("\n");
        String truncated = String.join("\n", java.util.Arrays.copyOf(lines, 12)) + "\n";
        Problem t = failure(write("POSCAR_truncated", truncated));
        assertTrue(t.message().contains("truncated: expected 13 atom lines, found 4"), t.toString());
        Problem bad = failure(write("POSCAR_badnum", text.replace("3.834762", "3.83q762")));
        assertEquals(3, bad.line());
        assertTrue(bad.message().contains("bad number '3.83q762'"), bad.toString());
        Problem el = failure(write("POSCAR_element", text.replace("Ba Er Cu O", "Ba Er Xx O")));
        assertTrue(el.message().contains("unknown element 'Xx'"), el.toString());
        Problem mismatch = failure(write("POSCAR_mismatch", text.replace("0.144356 Cu", "0.144356 Fe")));
        assertTrue(mismatch.message().contains("names Fe but the header puts Cu"), mismatch.toString());
    }

    @Test
    void pymatgenJson_roundTripsAStructure_andRefusesBrokenOnes() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-622110"));
        StringBuilder json = new StringBuilder("{\"@module\": \"pymatgen.core.structure\", \"lattice\": {\"matrix\": [");
        double[][] m = s.lattice().orElseThrow().matrix();
        for (int i = 0; i < 3; i++) {
            json.append(i > 0 ? "," : "").append("[").append(m[i][0]).append(",").append(m[i][1]).append(",").append(m[i][2]).append("]");
        }
        json.append("]}, \"sites\": [");
        for (int i = 0; i < s.size(); i++) {
            Site site = s.site(i);
            double[] c = site.cartesianAngstrom();
            json.append(i > 0 ? "," : "").append("{\"species\": [{\"element\": \"").append(site.element())
                .append("\", \"occu\": 1}], \"xyz\": [").append(c[0]).append(",").append(c[1]).append(",").append(c[2]).append("]}");
        }
        json.append("]}");
        Structure back = StructureFormats.read(write("s.json", json.toString()));
        assertEquals(s.size(), back.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.site(i).element(), back.site(i).element());
            for (int k = 0; k < 3; k++) {
                assertEquals(s.site(i).coordinate(k), back.site(i).coordinate(k), 1e-12);
            }
        }
        Problem truncated = failure(write("t.json", json.substring(0, json.length() / 2)));
        assertTrue(truncated.message().startsWith("invalid JSON"), truncated.toString());
        Problem el = failure(write("e.json", json.toString().replace("\"Cu\"", "\"Zz\"")));
        assertTrue(el.message().contains("unknown element 'Zz'"), el.toString());
        Problem num = failure(write("n.json", json.toString().replaceFirst("\"xyz\": \\[", "\"xyz\": [\"a\",")));
        assertTrue(num.message().contains("needs 3 numbers") || num.message().contains("not a number"), num.toString());
    }

    @Test
    void feffInp_realFile_readsClusterWithAbsorberAtOrigin() throws Exception {
        Structure c = StructureFormats.read(Fixtures.resource("structures/feff-mp-1036393-015.inp"));
        assertFalse(c.isPeriodic());
        int a = FeffInpReader.absorberIndex(c);
        assertEquals(0, a);
        assertEquals("Cu", c.site(a).element());
        assertEquals("O", c.site(1).element());
        assertEquals(-1.98825, c.site(1).coordinate(1), 1e-9);
    }

    @Test
    void feffInp_brokenInputs_giveTheirSpecificErrors() throws Exception {
        String text = Files.readString(Fixtures.resource("structures/feff-mp-1036393-015.inp"));
        Problem noAtoms = failure(write("feff.inp", text.substring(0, text.indexOf("ATOMS"))));
        assertTrue(noAtoms.message().contains("no ATOMS block"), noAtoms.toString());
        Path dir = Files.createDirectories(tmp.resolve("b"));
        Path bad = dir.resolve("feff.inp");
        Files.writeString(bad, text.replace("    0        -1.98825   0             4", "    0        -1.98x25   0             4"));
        Problem num = failure(bad);
        assertEquals(69, num.line());
        Files.writeString(bad, text.replace("      1   20  Ca", "      1   200  Ca"));
        assertTrue(failure(bad).message().contains("atomic number 200"));
    }

    @Test
    void unknownFormat_isSaidClearly() throws Exception {
        Problem p = failure(write("notes.txt", "hello\nworld\n"));
        assertTrue(p.message().startsWith("unknown format"), p.toString());
    }

    @Test
    void everySharedCifAndPoscar_sampleReads() throws Exception {
        assumeTrue(Fixtures.sharedData().isPresent(), "needs ../shared/data");
        Path shared = Fixtures.sharedData().get();
        int n = 0;
        try (Stream<Path> cifs = Files.list(shared.resolve("mp-structures"))) {
            for (Path p : (Iterable<Path>) cifs.sorted().limit(300)::iterator) {
                assertTrue(StructureFormats.read(p).size() > 0);
                n++;
            }
        }
        try (Stream<Path> dirs = Files.list(shared.resolve("feff9-cu"))) {
            for (Path d : (Iterable<Path>) dirs.sorted().limit(300)::iterator) {
                Path poscar = d.resolve("POSCAR");
                if (Files.exists(poscar)) {
                    assertEquals(d.getFileName().toString(), StructureFormats.read(poscar).id());
                    n++;
                }
            }
        }
        assertTrue(n > 500);
    }
}
