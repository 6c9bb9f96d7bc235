package org.xaneslce.structure;

import java.util.List;
import java.util.Optional;

/**
 * A crystal structure (periodic, with a lattice) or a finite cluster (no lattice, as read from the
 * ATOMS block of feff.inp). Immutable.
 *
 * @param id an identifier, usually the Materials Project id or the file name
 * @param lattice the lattice, or empty for a finite cluster
 * @param sites the atoms, in file order (site indices are 0-based positions in this list)
 */
public record Structure(String id, Optional<Lattice> lattice, List<Site> sites) {
    public Structure {
        if (id == null) {
            throw new IllegalArgumentException("structure id must not be null");
        }
        lattice = lattice == null ? Optional.empty() : lattice;
        sites = List.copyOf(sites);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("structure " + id + " has no atoms");
        }
    }

    /** A periodic structure. */
    public static Structure periodic(String id, Lattice lattice, List<Site> sites) {
        return new Structure(id, Optional.of(lattice), sites);
    }

    /** A finite cluster. */
    public static Structure cluster(String id, List<Site> sites) {
        return new Structure(id, Optional.empty(), sites);
    }

    /** True when the structure has a lattice. */
    public boolean isPeriodic() {
        return lattice.isPresent();
    }

    /** Number of atoms. */
    public int size() {
        return sites.size();
    }

    /** Site {@code i}, 0-based. */
    public Site site(int i) {
        return sites.get(i);
    }

    /** The reduced-free formula as "Cu2O1" style counts in order of first appearance. */
    public String composition() {
        java.util.LinkedHashMap<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Site s : sites) {
            counts.merge(s.element(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(k).append(v));
        return b.toString();
    }
}
