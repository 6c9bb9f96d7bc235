package org.xaneslce.coordination;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.Neighbour;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.NeighbourRule;
import org.xaneslce.structure.Structure;

/**
 * Labels sites with the lowest-CSM ideal polyhedron of their coordination shell (the paper's
 * Module II). Thread-safe.
 */
public final class CoordinationLabeler {
    private final CsmEngine engine;
    private final NeighbourRule rule;

    /** A labeller with the given engine and neighbour rule. */
    public CoordinationLabeler(CsmEngine engine, NeighbourRule rule) {
        this.engine = engine;
        this.rule = rule;
    }

    /** The paper's labeller: ChemEnv's geometries, O neighbours within 1.2 x d_min. */
    public static CoordinationLabeler paper() {
        return new CoordinationLabeler(CsmEngine.chemenv(), NeighbourRule.DEFAULT);
    }

    /** The neighbour rule in use. */
    public NeighbourRule rule() {
        return rule;
    }

    /** Labels site {@code siteIndex} of a structure. */
    public SiteLabel label(Structure structure, int siteIndex) {
        return label(new NeighbourFinder(structure), siteIndex);
    }

    /** Labels a site, reusing a finder built for its structure (faster for many sites). */
    public SiteLabel label(NeighbourFinder finder, int siteIndex) {
        Structure s = finder.structure();
        List<Neighbour> shell = finder.shell(siteIndex, rule);
        return fromShell(s.id(), siteIndex, s.site(siteIndex).element(), shell);
    }

    /**
     * Labels a site that must be of {@code expectedElement}; refuses (InputException) a site of
     * another element, as happens when a structure changed since a spectrum was computed for it.
     */
    public SiteLabel label(NeighbourFinder finder, int siteIndex, String expectedElement, String source) throws InputException {
        Structure s = finder.structure();
        if (siteIndex < 0 || siteIndex >= s.size()) {
            throw new InputException(source, 0, "site " + siteIndex + " does not exist in " + s.id() + " (" + s.size() + " sites)");
        }
        String actual = s.site(siteIndex).element();
        if (!actual.equals(expectedElement)) {
            throw new InputException(source, 0, "site " + siteIndex + " of " + s.id() + " is " + actual
                + ", not the expected " + expectedElement + " (structure changed since the spectrum was computed?)");
        }
        return label(finder, siteIndex);
    }

    /** Labels a shell given directly as neighbour vectors (Angstrom, centre at the origin). */
    public SiteLabel fromShell(String structureId, int siteIndex, String element, List<Neighbour> shell) {
        int cn = shell.size();
        if (cn == 0 || engine.library().forCoordination(cn).isEmpty() || cn > CsmEngine.MAX_EXACT_CN) {
            return new SiteLabel(structureId, siteIndex, element, shell, Map.of(), SiteLabel.NONE, CoordinationClass.OTHER, Double.NaN);
        }
        double[][] v = new double[cn][];
        for (int i = 0; i < cn; i++) {
            v[i] = shell.get(i).vectorAngstrom();
        }
        Map<String, Double> csm = engine.csmAll(v);
        Iterator<Map.Entry<String, Double>> it = csm.entrySet().iterator();
        Map.Entry<String, Double> best = it.next();
        double margin = it.hasNext() ? it.next().getValue() - best.getValue() : Double.NaN;
        return new SiteLabel(structureId, siteIndex, element, shell, csm, best.getKey(),
            CoordinationClass.ofSymbol(best.getKey()), margin);
    }
}
