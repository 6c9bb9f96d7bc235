package org.xaneslce.spectrum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Absorption edge energies (eV; tabulated values as in Larch's xraydb, rounded to 1 eV) of the
 * elements whose edges lie in the hard x-ray range where a 3d-metal K edge could be confused with
 * them: K edges of K..Ag, L edges of the lanthanides and heavy metals. Used to name what a
 * spectrum is when it is not a Ti..Cu K edge.
 */
public final class Edges {
    /**
     * One edge.
     *
     * @param element symbol
     * @param edge K, L1, L2 or L3
     * @param energyEv tabulated energy, eV
     */
    public record Edge(String element, String edge, double energyEv) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s (%.0f eV)", element, edge, energyEv);
        }
    }

    private static final List<Edge> EDGES = build();

    private Edges() {
    }

    private static List<Edge> build() {
        List<Edge> e = new ArrayList<>();
        Object[][] k = {{"K", 3608}, {"Ca", 4038}, {"Sc", 4492}, {"Ti", 4966}, {"V", 5465}, {"Cr", 5989}, {"Mn", 6539}, {"Fe", 7112},
            {"Co", 7709}, {"Ni", 8333}, {"Cu", 8979}, {"Zn", 9659}, {"Ga", 10367}, {"Ge", 11103}, {"As", 11867}, {"Se", 12658},
            {"Br", 13474}, {"Kr", 14326}, {"Rb", 15200}, {"Sr", 16105}, {"Y", 17038}, {"Zr", 17998}, {"Nb", 18986}, {"Mo", 20000},
            {"Ru", 22117}, {"Rh", 23220}, {"Pd", 24350}, {"Ag", 25514}};
        for (Object[] x : k) {
            e.add(new Edge((String) x[0], "K", (Integer) x[1]));
        }
        Object[][] l3 = {{"Ba", 5247}, {"La", 5483}, {"Ce", 5723}, {"Pr", 5964}, {"Nd", 6208}, {"Sm", 6716}, {"Eu", 6977}, {"Gd", 7243},
            {"Tb", 7514}, {"Dy", 7790}, {"Ho", 8071}, {"Er", 8358}, {"Tm", 8648}, {"Yb", 8944}, {"Lu", 9244}, {"Hf", 9561}, {"Ta", 9881},
            {"W", 10207}, {"Re", 10535}, {"Os", 10871}, {"Ir", 11215}, {"Pt", 11564}, {"Au", 11919}, {"Hg", 12284}, {"Pb", 13035},
            {"Bi", 13419}, {"U", 17166}};
        for (Object[] x : l3) {
            e.add(new Edge((String) x[0], "L3", (Integer) x[1]));
        }
        Object[][] l12 = {{"W", "L2", 11544}, {"W", "L1", 12100}, {"Pt", "L2", 13273}, {"Pt", "L1", 13880}, {"Au", "L2", 13734},
            {"Au", "L1", 14353}, {"Pb", "L2", 15200}, {"Pb", "L1", 15861}, {"Ce", "L2", 6164}, {"Ce", "L1", 6549}};
        for (Object[] x : l12) {
            e.add(new Edge((String) x[0], (String) x[1], (Integer) x[2]));
        }
        e.sort(Comparator.comparingDouble(Edge::energyEv));
        return List.copyOf(e);
    }

    /** Every edge in the table, by energy. */
    public static List<Edge> all() {
        return EDGES;
    }

    /** The tabulated edge of {@code element} and {@code edge}, if in the table. */
    public static Optional<Edge> of(String element, String edge) {
        return EDGES.stream().filter(x -> x.element().equals(element) && x.edge().equalsIgnoreCase(edge)).findFirst();
    }

    /** The edges within {@code withinEv} of {@code energyEv}, nearest first. */
    public static List<Edge> near(double energyEv, double withinEv) {
        return EDGES.stream().filter(x -> Math.abs(x.energyEv() - energyEv) <= withinEv)
            .sorted(Comparator.comparingDouble(x -> Math.abs(x.energyEv() - energyEv))).toList();
    }
}
