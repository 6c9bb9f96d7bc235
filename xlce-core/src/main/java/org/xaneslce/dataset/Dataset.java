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
     * @param cn coordination number under the label rule (oxygen within 1.2 x d_min; 0 when no oxygen
     *     lies within the rule's maximum radius); -1 when not known
     * @param meanDistanceAngstrom mean absorber-neighbour distance of that shell, Angstrom; NaN when not
     *     known or when the shell is empty
     * @param mu values on the grid, max-normalized
     */
    public record Entry(String material, int site, CoordinationClass coordinationClass, String label, double csm, double margin,
                        int cn, double meanDistanceAngstrom, float[] mu) {
        public Entry {
            if (cn < -1) {
                throw new IllegalArgumentException(material + " site " + site + ": negative coordination number " + cn);
            }
            if (cn > 0 && !(meanDistanceAngstrom > 0)) {
                throw new IllegalArgumentException(material + " site " + site + ": coordination number " + cn
                    + " needs a positive mean distance, not " + meanDistanceAngstrom);
            }
            mu = mu.clone();
        }

        /** An entry without its shell geometry (coordination number and mean distance unknown). */
        public Entry(String material, int site, CoordinationClass coordinationClass, String label, double csm, double margin, float[] mu) {
            this(material, site, coordinationClass, label, csm, margin, -1, Double.NaN, mu);
        }

        /** Whether the shell geometry is known (coordination number, and the mean distance when the shell is not empty). */
        public boolean hasGeometry() {
            return cn >= 0;
        }

        /** This entry with the given shell geometry. */
        public Entry withGeometry(int shellCn, double meanDistance) {
            return new Entry(material, site, coordinationClass, label, csm, margin, shellCn, meanDistance, mu);
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

    /** Number of entries whose shell geometry (coordination number, mean distance) is known. */
    public int geometryCount() {
        int n = 0;
        for (Entry e : entries) {
            if (e.hasGeometry()) {
                n++;
            }
        }
        return n;
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
