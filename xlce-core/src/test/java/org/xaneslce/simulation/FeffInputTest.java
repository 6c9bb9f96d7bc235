package org.xaneslce.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xaneslce.Fixtures;
import org.xaneslce.io.TextFiles;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.FeffInpReader;
import org.xaneslce.structure.io.StructureFormats;

class FeffInputTest {
    private static final Pattern POT = Pattern.compile("^\\s+(\\d+)\\s+(\\d+)\\s+([A-Z][a-z]?)\\s");

    /** Same atoms (by position) and same potentials (ipot to element) as a reference feff.inp for the same site. */
    static void assertSameClusterAndPotentials(Structure s, int site, Path reference) throws Exception {
        FeffInput ours = FeffInput.of(s, site, FeffInput.DEFAULT_RADIUS_ANGSTROM, FeffInput.Engine.FEFF9);
        Structure ref = new FeffInpReader().parse(reference.toString(), "ref", TextFiles.read(reference));
        assertEquals(ref.size(), ours.atoms().size(), reference + ": atom count");
        List<FeffInput.Atom> left = new ArrayList<>(ours.atoms());
        for (Site r : ref.sites()) {
            FeffInput.Atom match = null;
            for (FeffInput.Atom a : left) {
                double[] x = a.xyz();
                if (Math.abs(x[0] - r.coordinate(0)) < 1e-3 && Math.abs(x[1] - r.coordinate(1)) < 1e-3 && Math.abs(x[2] - r.coordinate(2)) < 1e-3) {
                    match = a;
                    break;
                }
            }
            assertTrue(match != null, reference + ": no atom of ours at " + java.util.Arrays.toString(r.cartesianAngstrom()));
            assertEquals(r.element(), match.element(), reference.toString());
            left.remove(match);
        }
        List<String> refPots = new ArrayList<>();
        boolean inPot = false;
        for (String line : Files.readAllLines(reference)) {
            if (line.startsWith("POTENTIALS")) {
                inPot = true;
            } else if (line.startsWith("ATOMS")) {
                inPot = false;
            } else if (inPot) {
                Matcher m = POT.matcher(line);
                if (m.find()) {
                    refPots.add(m.group(1) + ":" + m.group(3));
                }
            }
        }
        List<String> ourPots = new ArrayList<>();
        ours.potentials().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .forEach(e -> ourPots.add(e.getKey() + ":" + e.getValue()));
        assertEquals(refPots, ourPots, reference + ": potentials");
    }

    @Test
    void bundledReference_sameAtomsAndPotentials() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-1036393"));
        assertSameClusterAndPotentials(s, 15, Fixtures.resource("structures/feff-mp-1036393-015.inp"));
    }

    @Test
    void everySharedFeff9Input_sameAtomsAndPotentials() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Fixtures.sharedData().isPresent(), "needs ../shared/data");
        Path cu = Fixtures.sharedData().get().resolve("feff9-cu");
        List<Path> inputs;
        try (Stream<Path> w = Files.walk(cu)) {
            inputs = w.filter(p -> p.getFileName().toString().equals("feff.inp")).sorted().toList();
        }
        assertTrue(inputs.size() >= 40, "inputs " + inputs.size());
        for (Path in : inputs) {
            Path material = in.getParent().getParent().getParent();
            int site = Integer.parseInt(in.getParent().getFileName().toString().split("_")[0]);
            assertSameClusterAndPotentials(StructureFormats.read(material.resolve("POSCAR")), site, in);
        }
    }

    @Test
    void feff8lInput_hasNoFeff9Cards_andOnlyPotentialsPresentInTheCluster() throws Exception {
        Structure s = StructureFormats.read(Fixtures.resource("structures/POSCAR-mp-1036393"));
        FeffInput small = FeffInput.of(s, 15, 2.5, FeffInput.Engine.FEFF8L);
        for (String card : new String[] {"COREHOLE", "SCF", "FMS", "XANES", "EGRID"}) {
            assertTrue(!small.text().contains("\n" + card), card);
        }
        // Within 2.5 A of the Cu site there are only O atoms: Ca and Mg get no potential.
        assertEquals(java.util.Map.of(0, "Cu", 1, "O"), small.potentials());
        assertEquals(7, small.atoms().size());
    }
}
