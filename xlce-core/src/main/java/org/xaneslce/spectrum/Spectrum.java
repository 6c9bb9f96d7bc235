package org.xaneslce.spectrum;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An absorption spectrum mu(E): strictly increasing, finite energies (eV) and finite mu values.
 * Immutable; arrays are copied in and out. Readers clean raw data (sorting, merging duplicate
 * energies, dropping non-finite points) and say what they changed in {@code notes}.
 *
 * @param id an identifier (file name, MP spectrum id, "mp-123_004")
 * @param absorber the absorbing element, if known
 * @param energyEv energies, eV, strictly increasing
 * @param mu absorption, arbitrary units
 * @param measured true for measured spectra (normalized and aligned before use), false for computed
 * @param notes what the reader did or noticed (metadata, dropped points), by key
 */
public record Spectrum(String id, Optional<String> absorber, double[] energyEv, double[] mu, boolean measured,
                       Map<String, String> notes) {
    public Spectrum {
        if (energyEv.length != mu.length) {
            throw new IllegalArgumentException(id + ": " + energyEv.length + " energies but " + mu.length + " mu values");
        }
        if (energyEv.length < 2) {
            throw new IllegalArgumentException(id + ": a spectrum needs at least 2 points, has " + energyEv.length);
        }
        for (int i = 0; i < energyEv.length; i++) {
            if (!Double.isFinite(energyEv[i]) || !Double.isFinite(mu[i])) {
                throw new IllegalArgumentException(id + ": non-finite value at point " + i);
            }
            if (i > 0 && !(energyEv[i] > energyEv[i - 1])) {
                throw new IllegalArgumentException(id + ": energies must increase strictly (point " + i + ": "
                    + energyEv[i - 1] + " then " + energyEv[i] + ")");
            }
        }
        energyEv = energyEv.clone();
        mu = mu.clone();
        absorber = absorber == null ? Optional.empty() : absorber;
        notes = Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    /** A computed spectrum with no notes. */
    public static Spectrum computed(String id, String absorber, double[] energyEv, double[] mu) {
        return new Spectrum(id, Optional.ofNullable(absorber), energyEv, mu, false, Map.of());
    }

    @Override
    public double[] energyEv() {
        return energyEv.clone();
    }

    @Override
    public double[] mu() {
        return mu.clone();
    }

    /** Number of points. */
    public int size() {
        return energyEv.length;
    }

    /** Energy of point {@code i}, eV. */
    public double energyAt(int i) {
        return energyEv[i];
    }

    /** mu at point {@code i}. */
    public double muAt(int i) {
        return mu[i];
    }

    /** Lowest energy, eV. */
    public double minEnergyEv() {
        return energyEv[0];
    }

    /** Highest energy, eV. */
    public double maxEnergyEv() {
        return energyEv[energyEv.length - 1];
    }

    /** The same spectrum with other mu values (same length). */
    public Spectrum withMu(double[] newMu) {
        return new Spectrum(id, absorber, energyEv, newMu, measured, notes);
    }

    /** The same spectrum with every energy shifted by {@code shiftEv}. */
    public Spectrum shifted(double shiftEv) {
        double[] e = energyEv.clone();
        for (int i = 0; i < e.length; i++) {
            e[i] += shiftEv;
        }
        return new Spectrum(id, absorber, e, mu, measured, notes);
    }

    /** The points with energies in [fromEv, toEv] (a shorter scan of the same spectrum). */
    public Spectrum window(double fromEv, double toEv) {
        int i0 = 0;
        while (i0 < energyEv.length && energyEv[i0] < fromEv) {
            i0++;
        }
        int i1 = i0;
        while (i1 < energyEv.length && energyEv[i1] <= toEv) {
            i1++;
        }
        return new Spectrum(id, absorber, java.util.Arrays.copyOfRange(energyEv, i0, i1), java.util.Arrays.copyOfRange(mu, i0, i1), measured,
            notes);
    }

    /** The same spectrum with its absorber set. */
    public Spectrum withAbsorber(String element) {
        return new Spectrum(id, Optional.of(element), energyEv, mu, measured, notes);
    }

    /** The largest mu value. */
    public double maxMu() {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : mu) {
            m = Math.max(m, v);
        }
        return m;
    }
}
