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
 * Where FEFF 9's absolute energies lie against an experiment's, per absorber. Beamlines calibrate
 * energy so that the first inflection point of the metal foil's K edge falls at the tabulated
 * value ({@link Edges}: the values beamlines and Athena calibrate to); FEFF's absolute energies are off by a few eV, by an amount that
 * depends mostly on the absorber (its core level), much less on the compound. The offset is
 * measured here on the foil itself: the foil's spectrum computed with the cards of the FEFF 9
 * datasets (FEFF10, cards "mp": identical spectra, docs/SIMULATION.md), its first inflection point
 * found as a measured foil's is, minus the tabulated value. A measured spectrum on a calibrated
 * energy scale is then placed on a model's grid by adding the offset, with no fitting to the
 * model (docs/CLASSIFIERS.md, "Energy scale").
 *
 * <p>The computed foils are resources of this package ({@code foils/<El>-<lattice>.feff10-mp.dat},
 * made by {@code xlce-bench foils} from {@code data/foils/<El>-<lattice>.cif}).
 */
public final class EnergyScale {
    /**
     * The resolution (Gaussian sigma, eV) a computed foil spectrum is broadened by before its
     * inflection point is found: a Si(111) monochromator's, about 1 eV FWHM at these edges.
     */
    public static final double FOIL_BROADENING_EV = 0.5;

    /** The foils known to this build, by absorber: the resource names. */
    private static final Map<String, String> FOILS = Map.of("Ti", "Ti-hcp", "V", "V-bcc", "Cr", "Cr-bcc", "Fe", "Fe-bcc",
        "Co", "Co-hcp", "Ni", "Ni-fcc", "Cu", "Cu-fcc");

    /**
     * One absorber's energy scale.
     *
     * @param element the absorber
     * @param foil the foil's name (resource {@code foils/<foil>.feff10-mp.dat})
     * @param tabulatedEv the tabulated foil edge
     * @param feffEv the first inflection point of the computed foil
     */
    public record Reference(String element, String foil, double tabulatedEv, double feffEv) {
        /** Add this to a calibrated measured energy to place it on FEFF 9's scale. */
        public double offsetEv() {
            return feffEv - tabulatedEv;
        }
    }

    private final Map<String, Reference> references;

    private EnergyScale(Map<String, Reference> references) {
        this.references = Collections.unmodifiableMap(new TreeMap<>(references));
    }

    private static volatile EnergyScale feff9;

    /** The scale of the FEFF 9 datasets, from the computed foils bundled with this build. */
    public static EnergyScale feff9() {
        EnergyScale s = feff9;
        if (s == null) {
            Map<String, Reference> m = new TreeMap<>();
            for (Map.Entry<String, String> f : FOILS.entrySet()) {
                readFoil(f.getValue()).ifPresent(sp -> m.put(f.getKey(),
                    new Reference(f.getKey(), f.getValue(), Edges.of(f.getKey(), "K").orElseThrow().energyEv(), firstInflectionComputed(sp))));
            }
            s = new EnergyScale(m);
            feff9 = s;
        }
        return s;
    }

    /** The absorber's scale, when a computed foil exists for it. */
    public Optional<Reference> reference(String element) {
        return Optional.ofNullable(references.get(element));
    }

    /** Every absorber's scale. */
    public List<Reference> references() {
        return new ArrayList<>(references.values());
    }

    /** The computed foil spectrum {@code foils/<name>.feff10-mp.dat}, if this build has it. */
    public static Optional<Spectrum> readFoil(String name) {
        try (InputStream in = EnergyScale.class.getResourceAsStream("foils/" + name + ".feff10-mp.dat")) {
            if (in == null) {
                return Optional.empty();
            }
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
            double[] e = new double[rows.size()];
            double[] mu = new double[rows.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = rows.get(i)[0];
                mu[i] = rows.get(i)[1];
            }
            return Optional.of(Spectrum.computed(name, name.substring(0, name.indexOf('-')), e, mu));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("foil resource " + name + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The first inflection point of a computed foil spectrum: {@link #firstInflection} from 0.5 eV
     * above its first point (a FEFF spectrum starts on its Fermi cut-off) to 40 eV, broadened by
     * {@link #FOIL_BROADENING_EV}.
     */
    public static double firstInflectionComputed(Spectrum s) {
        return firstInflection(s, FOIL_BROADENING_EV, s.minEnergyEv() + 0.5, s.minEnergyEv() + 40);
    }

    /**
     * The first inflection point of a measured edge: {@link #firstInflection} within 25 eV of
     * the edge that {@link Normalization#findE0} finds, not broadened further.
     */
    public static double firstInflectionMeasured(Spectrum s) {
        double e0 = Normalization.findE0(s);
        return firstInflection(s, 0, Math.max(s.minEnergyEv() + 1, e0 - 25), Math.min(s.maxEnergyEv() - 1, e0 + 25));
    }

    /**
     * The first inflection point of an edge, as a foil's calibration point is defined: the spectrum
     * broadened by a Gaussian of {@code sigmaEv} (0: as it is) on a 0.05 eV grid, its derivative,
     * and the lowest-energy local maximum of the derivative in [fromEv, toEv] that reaches half the
     * derivative's largest value there.
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
            y = gaussian(y, sigmaEv / step);
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
            throw new IllegalArgumentException(s.id() + ": no rising edge in the first 40 eV");
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

    /** Gaussian smoothing with {@code sigma} in points; the ends are held at their values. */
    public static double[] gaussian(double[] y, double sigma) {
        int half = (int) Math.ceil(4 * sigma);
        double[] w = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            w[k + half] = Math.exp(-0.5 * k * k / (sigma * sigma));
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0;
            double ws = 0;
            for (int k = -half; k <= half; k++) {
                int j = Math.max(0, Math.min(y.length - 1, i + k));
                s += w[k + half] * y[j];
                ws += w[k + half];
            }
            out[i] = s / ws;
        }
        return out;
    }
}
