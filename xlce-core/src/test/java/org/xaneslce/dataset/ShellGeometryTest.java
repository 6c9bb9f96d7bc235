package org.xaneslce.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.NeighbourRule;
import org.xaneslce.structure.io.StructureFormats;

class ShellGeometryTest {
    @TempDir
    Path tmp;

    @Test
    void shellOfATitaniumSite_matchesAnIndependentPeriodicSum() throws Exception {
        // UTi2O6 (mp-9771), Ti site 1: six O within 1.2 x d_min; mean 1.97075 A from a brute-force
        // sum over periodic images written apart from the project (distances 1.8697 ... 2.1009 A).
        NeighbourFinder f = new NeighbourFinder(StructureFormats.read(Fixtures.resource("structures/mp-9771.cif")));
        ShellGeometry.Shell s = ShellGeometry.of(f, 1, NeighbourRule.DEFAULT);
        assertEquals(6, s.cn());
        assertEquals(1.970751, s.meanDistanceAngstrom(), 1e-5);
    }

    @Test
    void annotatingTheBundledDataset_reproducesItsStoredGeometry() throws Exception {
        assumeTrue(Fixtures.sharedData().isPresent(), "needs ../shared/data");
        Path shared = Fixtures.sharedData().get();
        Dataset stored = DatasetFiles.read(Path.of("../data/dataset/Cr.csv.gz"));
        assertEquals(stored.size(), stored.geometryCount(), "the bundled Cr dataset carries every site's geometry");
        List<Dataset.Entry> bare = new ArrayList<>();
        for (Dataset.Entry e : stored.entries()) {
            bare.add(new Dataset.Entry(e.material(), e.site(), e.coordinationClass(), e.label(), e.csm(), e.margin(), e.mu()));
        }
        Dataset stripped = new Dataset("Cr", stored.grid(), stored.levelOfTheory(), bare, stored.provenance());
        assertEquals(0, stripped.geometryCount());
        ShellGeometry.Result r = ShellGeometry.annotate(stripped, List.of(shared.resolve("mp-structures"), shared.resolve("feff9-cu")));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(stored.size(), r.annotated());
        for (int i = 0; i < stored.size(); i++) {
            Dataset.Entry a = stored.entries().get(i);
            Dataset.Entry b = r.dataset().entries().get(i);
            assertEquals(a.cn(), b.cn(), a.material());
            assertEquals(a.meanDistanceAngstrom(), b.meanDistanceAngstrom(), 5e-5, a.material());
            int expected = a.coordinationClass().ordinal() + 4;
            assertEquals(expected, b.cn(), "T4, S5, O6 sites have 4, 5, 6 neighbours");
            assertTrue(b.meanDistanceAngstrom() > 1.5 && b.meanDistanceAngstrom() < 4.5, a.material() + " " + b.meanDistanceAngstrom());
        }
    }

    @Test
    void missingOrContradictingStructures_areReportedAndNothingIsDropped() throws Exception {
        Dataset stored = DatasetFiles.read(Path.of("../data/dataset/Cr.csv.gz"));
        List<Dataset.Entry> few = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Dataset.Entry e = stored.entries().get(i);
            few.add(new Dataset.Entry(e.material(), e.site(), e.coordinationClass(), e.label(), e.csm(), e.margin(), e.mu()));
        }
        Dataset d = new Dataset("Cr", stored.grid(), "FEFF9", few, Map.of());
        ShellGeometry.Result none = ShellGeometry.annotate(d, List.of(tmp));
        assertEquals(5, none.dataset().size());
        assertEquals(5, none.problems().size());
        assertEquals(0, none.annotated());
        // A structure whose site is not Cr: the UTi2O6 file under the first material's name.
        Files.copy(Fixtures.resource("structures/mp-9771.cif"), tmp.resolve(few.get(0).material() + ".cif"));
        ShellGeometry.Result wrong = ShellGeometry.annotate(d, List.of(tmp));
        String why = wrong.problems().get(few.get(0).material() + "_" + few.get(0).site());
        assertTrue(why.contains("not Cr") || why.contains("no site"), why);
        assertFalse(wrong.dataset().entries().get(0).hasGeometry());
    }

    @Test
    void datasetFiles_roundTripTheGeometry_andReadVersionOne() throws Exception {
        Dataset stored = DatasetFiles.read(Path.of("../data/dataset-open/Cu.csv.gz"));
        List<Dataset.Entry> some = new ArrayList<>(stored.entries().subList(0, 40));
        some.add(new Dataset.Entry("mp-x", 0, CoordinationClass.OTHER, "none", Double.NaN, Double.NaN, some.get(0).mu()));
        some.add(new Dataset.Entry("mp-y", 1, CoordinationClass.OTHER, "none", Double.NaN, Double.NaN, 0, Double.NaN, some.get(0).mu()));
        Dataset d = new Dataset("Cu", stored.grid(), "FEFF9", some, Map.of());
        Path f = tmp.resolve("Cu.csv.gz");
        DatasetFiles.write(d, f);
        Dataset back = DatasetFiles.read(f);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(d.entries().get(i).cn(), back.entries().get(i).cn());
            assertEquals(d.entries().get(i).meanDistanceAngstrom(), back.entries().get(i).meanDistanceAngstrom(), 5e-5);
        }
        assertFalse(back.entries().get(40).hasGeometry(), "unknown stays unknown");
        assertTrue(back.entries().get(41).hasGeometry(), "CN 0 (no oxygen within 5 A) is a known geometry");
        assertTrue(Double.isNaN(back.entries().get(41).meanDistanceAngstrom()));

        String v1 = "# xanes-lce dataset\n# format_version: 1\n# element: Cu\n# grid_start_ev: 8986.0\n# grid_step_ev: 0.5\n# grid_count: 2\n"
            + "material,site,class,label,csm,margin,mu0,mu1\nmp-1,0,T4,T:4,0.1,2.0,0.5,1.0\n";
        Dataset old = DatasetFiles.read("v1", new ByteArrayInputStream(gzip(v1)));
        assertEquals(1, old.size());
        assertFalse(old.entries().get(0).hasGeometry());
        assertEquals(1.0f, old.entries().get(0).value(1));

        String bad = "# xanes-lce dataset\n# format_version: 2\n# element: Cu\n# grid_start_ev: 8986.0\n# grid_step_ev: 0.5\n# grid_count: 2\n"
            + "material,site,class,label,csm,margin,cn,mean_distance_angstrom,mu0,mu1\nmp-1,0,T4,T:4,0.1,2.0,4,,0.5,1.0\n";
        InputException e = assertThrows(InputException.class, () -> DatasetFiles.read("v2", new ByteArrayInputStream(gzip(bad))));
        assertTrue(e.getMessage().contains(":8") && e.getMessage().contains("mean distance"), e.getMessage());
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }
}
