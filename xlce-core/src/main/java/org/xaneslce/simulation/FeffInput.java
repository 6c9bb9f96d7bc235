package org.xaneslce.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.Neighbour;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.NeighbourRule;
import org.xaneslce.structure.Structure;

/**
 * A FEFF input for the K-edge XANES of one site: a cluster cut from the periodic structure around
 * the site (absorber at the origin), potentials by element (ipot 0 the absorber, then one per
 * element in order of first appearance in the structure, written only for elements present in the
 * cluster, as feff8l requires), and the cards of the engine (docs/SCIENCE.md section 6).
 *
 * @param text the feff.inp text
 * @param atoms the cluster's atoms (absorber first), with their ipot
 * @param potentials ipot to element
 */
public record FeffInput(String text, List<Atom> atoms, Map<Integer, String> potentials) {
    /**
     * One cluster atom.
     *
     * @param element element symbol
     * @param ipot potential index
     * @param xyz position relative to the absorber, Angstrom
     * @param distance distance from the absorber, Angstrom
     */
    public record Atom(String element, int ipot, double[] xyz, double distance) {
        public Atom {
            xyz = xyz.clone();
        }

        @Override
        public double[] xyz() {
            return xyz.clone();
        }
    }

    /** Which FEFF and its cards. */
    public enum Engine {
        /** Debian's FEFF 8.5 light: no full multiple scattering, no SCF: path expansion (EXAFS card) near the edge too. */
        FEFF8L,
        /** FEFF 9 or 10 by path: the Materials Project's XANES cards (SCF, FMS, XANES, core hole). */
        FEFF9
    }

    public FeffInput {
        atoms = List.copyOf(atoms);
        potentials = Map.copyOf(potentials);
    }

    /**
     * A fingerprint of the cluster: SHA-256 of its atoms' elements and distances from the absorber
     * (rounded to 1e-3 Angstrom), in sorted order. Sites of one structure with the same fingerprint
     * see the same elements at the same distances and share one FEFF run.
     */
    public String clusterSha256() {
        List<String> keys = new ArrayList<>();
        for (Atom a : atoms) {
            keys.add(String.format(Locale.ROOT, "%s@%.3f", a.element(), a.distance()));
        }
        java.util.Collections.sort(keys);
        return org.xaneslce.util.Sha256.of(String.join(";", keys));
    }

    /** The default cluster radius, Angstrom (as the Materials Project inputs in the shared data). */
    public static final double DEFAULT_RADIUS_ANGSTROM = 9.0;

    /** Builds the input for site {@code site} of {@code s} with the engine's default cards. */
    public static FeffInput of(Structure s, int site, double radiusAngstrom, Engine engine) {
        return of(s, site, radiusAngstrom, engine == Engine.FEFF8L ? FeffCards.feff8l() : FeffCards.mp(FeffCards.Code.FEFF9));
    }

    /** Builds the input for site {@code site} of {@code s} with {@code cards}. */
    public static FeffInput of(Structure s, int site, double radiusAngstrom, FeffCards cards) {
        String absorber = s.site(site).element();
        List<Neighbour> shell = new NeighbourFinder(s).within(site, radiusAngstrom, NeighbourRule.allAtoms(1.0));
        Set<String> present = new LinkedHashSet<>();
        for (Neighbour n : shell) {
            present.add(n.element());
        }
        Map<String, Integer> ipotOf = new LinkedHashMap<>();
        Map<Integer, String> potentials = new LinkedHashMap<>();
        potentials.put(0, absorber);
        for (int i = 0; i < s.size(); i++) {
            String el = s.site(i).element();
            if (present.contains(el) && !ipotOf.containsKey(el)) {
                int ipot = ipotOf.size() + 1;
                ipotOf.put(el, ipot);
                potentials.put(ipot, el);
            }
        }
        List<Atom> atoms = new ArrayList<>();
        atoms.add(new Atom(absorber, 0, new double[3], 0));
        for (Neighbour n : shell) {
            atoms.add(new Atom(n.element(), ipotOf.get(n.element()), n.vectorAngstrom(), n.distanceAngstrom()));
        }
        StringBuilder b = new StringBuilder();
        b.append("* feff.inp written by xanes-lce for ").append(s.id()).append(" site ").append(site).append(" (").append(absorber)
            .append(" K edge, ").append(cards.code()).append(" cards ").append(cards.name()).append(")\n");
        b.append("TITLE ").append(s.id()).append(" site ").append(site).append(' ').append(s.composition()).append('\n');
        b.append("EDGE K\n");
        b.append(cards.text());
        b.append("\nPOTENTIALS\n*  ipot   Z  tag\n");
        for (Map.Entry<Integer, String> p : potentials.entrySet()) {
            b.append(String.format(Locale.ROOT, "   %3d %4d  %-3s%n", p.getKey(), Element.atomicNumber(p.getValue()).orElseThrow(), p.getValue()));
        }
        b.append("\nATOMS\n*        x           y           z     ipot  tag    distance\n");
        for (Atom a : atoms) {
            b.append(String.format(Locale.ROOT, "  %11.6f %11.6f %11.6f %4d  %-3s %11.6f%n", a.xyz[0], a.xyz[1], a.xyz[2], a.ipot, a.element, a.distance));
        }
        b.append("END\n");
        return new FeffInput(b.toString(), atoms, potentials);
    }
}
