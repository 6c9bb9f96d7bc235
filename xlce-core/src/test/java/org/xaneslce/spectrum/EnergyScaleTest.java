package org.xaneslce.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xaneslce.Fixtures;
import org.xaneslce.spectrum.io.SpectrumFormats;

/** The foil-based energy scale: the inflection finder on edges of known shape, and on measured and computed foils. */
class EnergyScaleTest {
    /** The FEFF 9 run of tenorite (mp-1692 site 0), as the theory-vs-experiment example ships it. */
    private static final java.nio.file.Path CUO_FEFF9 = java.nio.file.Paths.get("../examples/theory-vs-experiment/CuO-mp-1692-000_Cu.xmu.dat");
    /** An edge made of arctan steps (amplitude, centre, half-width), on 0.2 eV points from 4950 to 5060 eV. */
    private static Spectrum steps(double... aCw) {
        int n = 551;
        double[] e = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 4950 + 0.2 * i;
            for (int k = 0; k < aCw.length; k += 3) {
                mu[i] += aCw[k] * (0.5 + Math.atan((e[i] - aCw[k + 1]) / aCw[k + 2]) / Math.PI);
            }
        }
        return Spectrum.computed("steps", "Ti", e, mu);
    }

    @Test
    void anArctanEdge_inflectsAtItsCentre_broadenedOrNot() {
        Spectrum s = steps(1.0, 5000.3, 1.2);
        assertEquals(5000.3, EnergyScale.firstInflection(s, 0, 4960, 5040), 0.02);
        assertEquals(5000.3, EnergyScale.firstInflection(s, 0.5, 4960, 5040), 0.02);
        assertEquals(5000.3, EnergyScale.firstInflection(s, 2.0, 4960, 5040), 0.02);
    }

    @Test
    void aShoulderBelowTheMainRise_isTheFirstInflection_whenItIsSteepEnough() {
        // a step of 0.6 at 5000 (slope 0.27 per eV) below a step of 1.0 at 5006 (0.21 per eV): the shoulder counts
        assertEquals(5000.0, EnergyScale.firstInflection(steps(0.6, 5000, 0.7, 1.0, 5006, 1.5), 0, 4960, 5040), 0.05);
        // a weak pre-edge step (0.05 per eV, under half the main slope) does not
        assertEquals(5006.0, EnergyScale.firstInflection(steps(0.1, 5000, 0.7, 1.0, 5006, 1.5), 0, 4960, 5040), 0.05);
    }

    @Test
    void aFlatSpectrum_hasNoEdge_andSaysWhere() {
        double[] e = {5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010, 5011, 5012, 5013, 5014, 5015, 5016, 5017, 5018, 5019, 5020,
            5021, 5022, 5023, 5024, 5025};
        Spectrum flat = Spectrum.computed("flat", "Ti", e, new double[e.length]);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> EnergyScale.firstInflection(flat, 0, 5001, 5024));
        assertTrue(x.getMessage().contains("flat") && x.getMessage().contains("no rising edge"), x.getMessage());
    }

    @Test
    void theCuFoilOfLarchsExamples_inflectsWhereLarchPutsItsE0() throws Exception {
        // ../shared/data/README.md: Larch's pre_edge finds e0 = 8977.58 eV for cu.xmu, a point of the scan (0.48 eV
        // apart here); the spline's maximum lies between points, within half a step of it
        Spectrum s = SpectrumFormats.read(Fixtures.resource("spectra/cu.xmu")).get(0);
        assertEquals(8977.58, EnergyScale.firstInflectionMeasured(s), 0.25);
    }

    @Test
    void theCuOffset_isTheTenoritePairsOffset_correctedByItsReferenceChannel() throws Exception {
        Spectrum cuo = SpectrumFormats.read(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi")).get(0);
        Spectrum feff9 = SpectrumFormats.read(CUO_FEFF9).get(0);
        Spectrum foil = SpectrumFormats.read(Fixtures.resource("spectra/CuO_tenorite_13K_01.xdi"),
            org.xaneslce.spectrum.io.ReadOptions.of(null, "ln(itrans/irefer)", "Cu", "K")).get(0);
        Alignment a = EnergyScale.pairOffset(cuo, feff9);
        assertTrue(a.pearson() > 0.95 && !a.onBoundary() && !a.atCoverLimit(), a.toString());
        double calibrationError = EnergyScale.firstInflectionMeasured(foil) - 8979.0;
        assertEquals(0.0, calibrationError, 0.5, "the scan's reference foil inflects at the tabulated Cu edge: the scan is calibrated");
        // the shipped table holds what this computes
        assertEquals(a.shiftEv() + calibrationError, EnergyScale.feff9().reference("Cu").orElseThrow().offsetEv(), 0.005);
        // FEFF 9 lies several eV above experiment at the Cu K edge
        assertTrue(a.shiftEv() > 3 && a.shiftEv() < 8, "offset " + a.shiftEv());
    }

    @Test
    void pairOffset_recoversAKnownShift_ofAComputedSpectrumMadeToLookMeasured() throws Exception {
        Spectrum feff9 = SpectrumFormats.read(CUO_FEFF9).get(0);
        // the FEFF run, 150 eV of flat pre-edge in front, moved 4.2 eV down, broadened as the pair's partner is: offset +4.2
        double[] e0 = feff9.energyEv();
        double[] mu0 = feff9.mu();
        int pre = 300;
        double[] e = new double[pre + e0.length];
        double[] mu = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (i < pre ? e0[0] - 0.5 * (pre - i) : e0[i - pre]) - 4.2;
            mu[i] = i < pre ? mu0[0] : mu0[i - pre];
        }
        Spectrum measured = new Spectrum("moved", java.util.Optional.of("Cu"), e, mu, true, java.util.Map.of());
        assertEquals(4.2, EnergyScale.pairOffset(measured, feff9).shiftEv(), 0.3);
    }

    @Test
    void everyAbsorberOfTheTable_hasAFiniteOffsetAndSaysHowItWasChecked() {
        assertFalse(EnergyScale.feff9().references().isEmpty());
        for (EnergyScale.Reference r : EnergyScale.feff9().references()) {
            assertTrue(Double.isFinite(r.offsetEv()) && Math.abs(r.offsetEv()) < 20, r.toString());
            assertTrue(r.check().contains("reference"), r.toString());
            assertTrue(Edges.of(r.element(), "K").isPresent(), r.toString());
        }
    }
}
