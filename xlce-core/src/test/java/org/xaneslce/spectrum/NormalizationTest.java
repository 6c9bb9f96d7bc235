package org.xaneslce.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xaneslce.Fixtures;
import org.xaneslce.spectrum.io.SpectrumFormats;

class NormalizationTest {
    private static Spectrum cu() throws Exception {
        List<Spectrum> s = SpectrumFormats.read(Fixtures.resource("spectra/cu.xmu"));
        assertEquals(1, s.size());
        return s.get(0);
    }

    /** docs/SCIENCE.md section 4: Larch 0.9.58 pre_edge on cu.xmu with e0 = 8977.58 eV. */
    @ParameterizedTest
    @CsvSource({
        "-180, -90, 25, 2384.89, 2, 2.298752, 0.006099, 0.291355, 1.070455, 0.887716, 0.692271",
        "-180, -60, 150, 2384.89, 2, 2.329811, 0.006172, 0.286896, 1.055517, 0.873998, 0.673770",
        "-150, -30, 150, 1000, 2, 2.419704, 0.008100, 0.273033, 1.012422, 0.828712, 0.581619"})
    void cuFoil_reproducesLarchGoldenTable(double pre1, double pre2, double norm1, double norm2, int nnorm, double step,
                                          double n0, double n100, double n150, double n300, double n600) throws Exception {
        Spectrum s = cu();
        assertEquals(612, s.size());
        Normalization n = Normalization.of(s, new Normalization.Params(8977.58, pre1, pre2, norm1, norm2, nnorm));
        assertEquals(step, n.edgeStep(), 1e-5);
        double[] norm = n.norm();
        assertEquals(n0, norm[0], 1e-5);
        assertEquals(n100, norm[100], 1e-5);
        assertEquals(n150, norm[150], 1e-5);
        assertEquals(n300, norm[300], 1e-5);
        assertEquals(n600, norm[600], 1e-5);
    }

    @Test
    void e0_isFoundAtTheCuEdge_andNormalizedSpectrumStepsFrom0To1() throws Exception {
        Spectrum s = cu();
        double e0 = Normalization.findE0(s);
        assertEquals(8979, e0, 3.0);
        Normalization n = Normalization.of(s, Normalization.Params.defaults(s.maxEnergyEv() - e0));
        double[] flat = n.flat();
        assertEquals(0.0, flat[5], 0.05);
        assertEquals(1.0, flat[flat.length - 5], 0.05);
        assertTrue(Double.isNaN(Normalization.Params.defaults(1000).e0Ev()));
        assertEquals(e0, n.params().e0Ev(), 1.0);
    }

    @Test
    void alignment_recoversAKnownShift_andFlagsTheBoundary() throws Exception {
        Spectrum s = cu();
        Spectrum moved = s.shifted(-3.7);
        Alignment a = Alignment.align(moved, s, 8960, 9030, 30);
        assertEquals(3.7, a.shiftEv(), 0.02);
        assertTrue(a.pearson() > 0.999, "r " + a.pearson());
        Alignment b = Alignment.align(s.shifted(-12), s, 8960, 9030, 5);
        assertTrue(b.onBoundary());
    }

    @Test
    void alignment_withCoverage_triesOnlyShiftsThatCoverTheWindow_andRefusesAScanTooShort() throws Exception {
        Spectrum s = cu();
        // a short scan (as the cathode spectra of measured-dev: 40 eV around the edge), moved by -1.5 eV
        Spectrum scan = s.window(8970, 9012).shifted(-1.5);
        Alignment a = Alignment.align(scan, s, 8975, 9005, 40, 0.05);
        assertEquals(1.5, a.shiftEv(), 0.05);
        assertTrue(!a.onBoundary() && !a.atCoverLimit());
        assertTrue(scan.minEnergyEv() <= 8975 - a.shiftEv() + 0.05 && scan.maxEnergyEv() >= 9005 - a.shiftEv() - 0.05);
        // a scan that ends 3 eV inside the window (true shift 0): only shifts of about +3 eV and more cover
        // the window, so the search stops at that limit and says so
        Spectrum early = s.window(8960, 9002);
        Alignment b = Alignment.align(early, s, 8975, 9005, 40, 0.05);
        double last = java.util.Arrays.stream(s.energyEv()).filter(x -> x <= 9005).max().orElseThrow();
        double limit = last - early.maxEnergyEv() - 0.05;
        assertTrue(b.atCoverLimit() && !b.onBoundary(), "shift " + b.shiftEv() + ", limit " + limit);
        assertTrue(b.shiftEv() >= limit - 1e-9 && b.shiftEv() < limit + 0.15, "shift " + b.shiftEv() + ", limit " + limit);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Alignment.align(s.window(8980, 9000), s, 8975, 9005, 40, 0.05));
        assertTrue(e.getMessage().contains("no shift within +-40 eV makes it cover"), e.getMessage());
    }

    @Test
    void resampling_reproducesASmoothFunction_andRefusesAGridOutsideTheData() {
        double[] e = new double[200];
        double[] mu = new double[200];
        for (int i = 0; i < e.length; i++) {
            e[i] = 8970 + 0.37 * i;
            mu[i] = Math.sin(e[i] / 7.0);
        }
        Spectrum s = Spectrum.computed("sine", "Cu", e, mu);
        EnergyGrid g = new EnergyGrid(8975, 0.5, 100);
        double[] v = Resampler.onto(s, g, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(Math.sin(g.energy(i) / 7.0), v[i], 1e-6);
        }
        IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Resampler.onto(s, new EnergyGrid(8960, 0.5, 100), 0));
        assertTrue(ex.getMessage().contains("covers 8970.00"), ex.getMessage());
        double[] m = Resampler.maxNormalized(new double[] {1, 4, 2});
        assertEquals(1.0, m[1]);
        assertEquals(0.25, m[0]);
    }
}
