package org.xaneslce.coordination;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xaneslce.structure.Neighbour;

/**
 * The coordination label of one site: its shell, the CSM against every geometry of its
 * coordination number, the lowest-CSM geometry, its class and the margin to the runner-up.
 *
 * @param structureId the structure's id
 * @param siteIndex 0-based site index in the structure
 * @param element the site's element
 * @param neighbours the coordination shell, by distance
 * @param csm CSM per geometry symbol, ascending (empty when no geometry has this CN)
 * @param label the lowest-CSM geometry symbol, or "none" when there is none
 * @param coordinationClass T4, S5, O6 or OTHER
 * @param margin CSM of the runner-up minus CSM of the label (NaN with fewer than two candidates);
 *     small margins mean an uncertain label
 */
public record SiteLabel(String structureId, int siteIndex, String element, List<Neighbour> neighbours,
                        Map<String, Double> csm, String label, CoordinationClass coordinationClass, double margin) {
    /** The label used when no ideal polyhedron has the site's coordination number. */
    public static final String NONE = "none";

    public SiteLabel {
        neighbours = List.copyOf(neighbours);
        csm = Collections.unmodifiableMap(new LinkedHashMap<>(csm));
    }

    /** The coordination number. */
    public int cn() {
        return neighbours.size();
    }

    /** Distance to the nearest neighbour, Angstrom (NaN when there is none). */
    public double dminAngstrom() {
        return neighbours.isEmpty() ? Double.NaN : neighbours.get(0).distanceAngstrom();
    }

    /** The CSM of the label (NaN when there is none). */
    public double bestCsm() {
        return csm.isEmpty() ? Double.NaN : csm.values().iterator().next();
    }

    /** Neighbour vectors relative to the centre (CN x 3, Angstrom), new arrays. */
    public double[][] neighbourVectors() {
        double[][] v = new double[neighbours.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = neighbours.get(i).vectorAngstrom();
        }
        return v;
    }
}
