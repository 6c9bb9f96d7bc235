package org.xaneslce.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * The training data of one absorber: spectra on one energy grid (max-normalized), each with its
 * material, site and class (T4, S5 or O6). Immutable.
 *
 * @param element the absorber
 * @param grid the energy grid of every spectrum
 * @param levelOfTheory "FEFF9", "feff8l", ...
 * @param entries the spectra
 * @param provenance where the data came from and how they were made
 */
public record Dataset(String element, EnergyGrid grid, String levelOfTheory, List<Entry> entries, Map<String, String> provenance) {
    /**
     * One spectrum.
     *
     * @param material Materials Project id
     * @param site 0-based site index
     * @param coordinationClass T4, S5 or O6
     * @param label ChemEnv symbol
     * @param csm CSM of the label
     * @param margin CSM margin to the runner-up
     * @param mu values on the grid, max-normalized
     */
    public record Entry(String material, int site, CoordinationClass coordinationClass, String label, double csm, double margin,
                        float[] mu) {
        public Entry {
            mu = mu.clone();
        }

        @Override
        public float[] mu() {
            return mu.clone();
        }

        /** Value {@code i} without copying. */
        public float value(int i) {
            return mu[i];
        }
    }

    public Dataset {
        for (Entry e : entries) {
            if (e.mu.length != grid.count()) {
                throw new IllegalArgumentException(e.material() + " site " + e.site() + " has " + e.mu.length
                    + " values, the grid " + grid.count());
            }
        }
        entries = List.copyOf(entries);
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    /** The classes a model of this dataset tells apart: T4, S5, O6, and OTHER when the dataset holds OTHER sites (open set). */
    public int classCount() {
        return classCounts()[3] > 0 ? 4 : 3;
    }

    /** Number of spectra. */
    public int size() {
        return entries.size();
    }

    /** Count per class, in T4, S5, O6, OTHER order (OTHER is 0 unless the dataset is open-set). */
    public int[] classCounts() {
        int[] c = new int[4];
        for (Entry e : entries) {
            c[e.coordinationClass().ordinal()]++;
        }
        return c;
    }

    /** The entries of the given indices, as a new dataset. */
    public Dataset subset(int[] indices) {
        List<Entry> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(entries.get(i));
        }
        return new Dataset(element, grid, levelOfTheory, out, provenance);
    }
}
