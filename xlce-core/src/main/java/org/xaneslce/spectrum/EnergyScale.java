package org.xaneslce.spectrum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where FEFF 9's absolute energies lie against a calibrated experiment, per absorber. Beamlines
 * calibrate energy so that the first inflection point of the metal foil's K edge falls at the
 * tabulated value ({@link Edges}); FEFF's absolute energies are off from that by several eV.
 *
 * <p>The offset is measured on a reference pair: a measured oxide whose scan's calibration is
 * checked (its reference foil channel inflects at the tabulated edge), and the FEFF 9 run of the
 * same compound; the offset is the shift that best aligns the two ({@link #pairOffset}) corrected
 * by the scan's own calibration error. Computed metal foils do not serve: FEFF places a metal's edge
 * several eV away from an oxide's (measured on Cu: docs/CLASSIFIERS.md, "Energy scale"). The pairs
 * are listed in the resource {@code energy-scale.tsv} of this package, written from bench
 * {@code energy-scale}; an absorber without a pair has no calibrated scale.
 */
public final class EnergyScale {
    /** The broadening (Gaussian sigma, eV) of the FEFF partner of a pair: a measured spectrum's resolution and lifetime. */
    public static final double PAIR_BROADENING_EV = 1.0;

    /** The window of a pair's alignment: the FEFF partner's first eV. */
    public static final double PAIR_WINDOW_EV = 35.0;

    /**
     * One absorber's offset.
     *
     * @param element the absorber
     * @param offsetEv add this to an energy on a calibrated scale to place it on FEFF 9's
     * @param measured the measured spectrum of the pair
     * @param computed the FEFF 9 run of the pair
     * @param check how the measured scan's calibration was checked
     */
    public record Reference(String element, double offsetEv, String measured, String computed, String check) {
    }

    private final Map<String, Reference> references;

    private EnergyScale(Map<String, Reference> references) {
        this.references = Collections.unmodifiableMap(new TreeMap<>(references));
    }

    private static volatile EnergyScale feff9;

    /** The scale of the FEFF 9 datasets (resource {@code energy-scale.tsv}). */
    public static EnergyScale feff9() {
        EnergyScale s = feff9;
        if (s == null) {
            Map<String, Reference> m = new TreeMap<>();
            try (InputStream in = EnergyScale.class.getResourceAsStream("energy-scale.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("resource energy-scale.tsv missing from this build");
                }
                int line = 0;
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    line++;
                    if (l.isBlank() || l.startsWith("#")) {
                        continue;
                    }
                    String[] f = l.split("\t");
                    if (f.length != 5) {
                        throw new IllegalStateException("energy-scale.tsv line " + line + ": 5 tab-separated fields expected, found " + f.length);
                    }
                    m.put(f[0], new Reference(f[0], Double.parseDouble(f[1]), f[2], f[3], f[4]));
                }
            } catch (IOException e) {
                throw new IllegalStateException("energy-scale.tsv is unreadable: " + e.getMessage(), e);
            }
            s = new EnergyScale(m);
            feff9 = s;
        }
        return s;
    }

    /** The absorber's offset, when a reference pair exists for it. */
    public Optional<Reference> reference(String element) {
        return Optional.ofNullable(references.get(element));
    }

    /** Every absorber's offset. */
    public List<Reference> references() {
        return new ArrayList<>(references.values());
    }

    /**
     * The shift to add to {@code measured}'s energies to align it with {@code computed} (FEFF):
     * the measured spectrum normalized as predict normalizes it, the computed one broadened by
     * {@link #PAIR_BROADENING_EV} on a 0.05 eV grid, Pearson r over the computed spectrum's first
     * {@link #PAIR_WINDOW_EV} eV, shifts within +-40 eV that keep the window covered.
     */
    public static Alignment pairOffset(Spectrum measured, Spectrum computed) {
        Spectrum flat = measured.withMu(Normalization.auto(measured).flat());
        double lo = computed.minEnergyEv();
        // an even 0.05 eV grid over the window and 5 eV beyond, within what the run covers
        int n = (int) Math.floor(Math.min(PAIR_WINDOW_EV + 5, computed.maxEnergyEv() - lo) / 0.05) + 1;
        double[] e = new double[n];
        double[] mu = new double[n];
        CubicSpline sp = new CubicSpline(computed.energyEv(), computed.mu());
        for (int i = 0; i < n; i++) {
            e[i] = lo + 0.05 * i;
            mu[i] = sp.value(e[i]);
        }
        double[] mm = Resampler.gaussianSmoothed(mu, 0.05, PAIR_BROADENING_EV);
        Spectrum b = Spectrum.computed(computed.id() + " broadened", computed.absorber().orElse(null), e, mm);
        return Alignment.align(flat, b, lo, lo + PAIR_WINDOW_EV, 40, 0.05);
    }

    /**
     * The first inflection point of a measured edge, as a foil's calibration point is defined:
     * {@link #firstInflection} within 25 eV of the edge that {@link Normalization#findE0} finds.
     */
    public static double firstInflectionMeasured(Spectrum s) {
        double e0 = Normalization.findE0(s);
        return firstInflection(s, 0, Math.max(s.minEnergyEv() + 1, e0 - 25), Math.min(s.maxEnergyEv() - 1, e0 + 25));
    }

    /**
     * The first inflection point of an edge: the spectrum broadened by a Gaussian of
     * {@code sigmaEv} (0: as it is) on a 0.05 eV grid, its derivative, and the lowest-energy local
     * maximum of the derivative in [fromEv, toEv] that reaches half the derivative's largest value there.
     */
    public static double firstInflection(Spectrum s, double sigmaEv, double fromEv, double toEv) {
        double step = 0.05;
        double lo = Math.max(s.minEnergyEv(), fromEv - 5 - 4 * sigmaEv);
        double hi = Math.min(s.maxEnergyEv(), toEv + 5 + 4 * sigmaEv);
        int n = (int) Math.floor((hi - lo) / step) + 1;
        if (n < 20) {
            throw new IllegalArgumentException(s.id() + ": too short to find an edge (" + String.format(Locale.ROOT, "%.1f", hi - lo) + " eV)");
        }
        CubicSpline spline = new CubicSpline(s.energyEv(), s.mu());
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = spline.value(lo + i * step);
        }
        if (sigmaEv > 0) {
            y = Resampler.gaussianSmoothed(y, step, sigmaEv);
        }
        double[] d = new double[n];
        for (int i = 1; i + 1 < n; i++) {
            d[i] = (y[i + 1] - y[i - 1]) / (2 * step);
        }
        int from = Math.max(1, (int) Math.ceil((fromEv - lo) / step));
        int to = Math.min(n - 2, (int) ((toEv - lo) / step));
        double max = 0;
        for (int i = from; i <= to; i++) {
            max = Math.max(max, d[i]);
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException(s.id() + ": " + String.format(Locale.ROOT, "no rising edge between %.1f and %.1f eV", fromEv, toEv));
        }
        for (int i = from; i <= to; i++) {
            if (d[i] >= 0.5 * max && d[i] >= d[i - 1] && d[i] >= d[i + 1]) {
                // parabolic refinement of the maximum
                double den = d[i - 1] - 2 * d[i] + d[i + 1];
                double frac = den == 0 ? 0 : 0.5 * (d[i - 1] - d[i + 1]) / den;
                return lo + (i + Math.max(-0.5, Math.min(0.5, frac))) * step;
            }
        }
        throw new IllegalArgumentException(s.id() + ": no inflection point found");
    }
}
