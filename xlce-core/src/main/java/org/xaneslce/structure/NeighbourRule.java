package org.xaneslce.structure;

import java.util.Set;
import java.util.TreeSet;
import org.xaneslce.util.Checks;

/**
 * Which atoms count as the coordination shell of a site (docs/SCIENCE.md section 1): atoms within
 * {@code factor} x d_min, where d_min is the distance to the nearest counted atom.
 *
 * @param factor the shell factor; the paper uses 1.2
 * @param elements the elements that count as neighbours; {O} is the oxide convention (the
 *     default); the empty set counts every atom
 * @param maxRadiusAngstrom no neighbour farther than this counts (default 5 A, as pymatgen's
 *     neighbour query in the reference labels: a site whose nearest O is farther is not
 *     O-coordinated at all)
 */
public record NeighbourRule(double factor, Set<String> elements, double maxRadiusAngstrom) {
    /** The default search radius, Angstrom. */
    public static final double DEFAULT_MAX_RADIUS_ANGSTROM = 5.0;

    /** The paper's rule: O within 1.2 x the shortest centre-O distance (and within 5 A). */
    public static final NeighbourRule DEFAULT = new NeighbourRule(1.2, Set.of("O"), DEFAULT_MAX_RADIUS_ANGSTROM);

    /** Distances equal to the cutoff within this many Angstrom still count (ties in symmetric cells). */
    public static final double TOLERANCE_ANGSTROM = 1e-6;

    public NeighbourRule {
        Checks.finite(factor, "factor");
        if (factor < 1.0 || factor > 3.0) {
            throw new IllegalArgumentException("neighbour factor must be in [1, 3], was " + factor);
        }
        Checks.positive(maxRadiusAngstrom, "maxRadiusAngstrom");
        if (maxRadiusAngstrom > 20) {
            throw new IllegalArgumentException("maxRadiusAngstrom must be at most 20, was " + maxRadiusAngstrom);
        }
        Set<String> canonical = new TreeSet<>();
        for (String e : elements) {
            canonical.add(Element.canonical(e).orElseThrow(() -> new IllegalArgumentException("unknown element '" + e + "'")));
        }
        elements = Set.copyOf(canonical);
    }

    /** Every atom counts, within {@code factor} x d_min. */
    public static NeighbourRule allAtoms(double factor) {
        return new NeighbourRule(factor, Set.of(), DEFAULT_MAX_RADIUS_ANGSTROM);
    }

    /** True when an atom of {@code element} can be a neighbour under this rule. */
    public boolean counts(String element) {
        return elements.isEmpty() || elements.contains(element);
    }

    /** A short description: "O within 1.2 x d_min" or "all atoms within 1.2 x d_min". */
    public String describe() {
        return (elements.isEmpty() ? "all atoms" : String.join(",", new TreeSet<>(elements))) + " within " + factor + " x d_min";
    }
}
