package org.xaneslce.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.Neighbour;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.NeighbourRule;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * The shell geometry of a dataset's sites: the coordination number (oxygen within 1.2 x d_min, the
 * rule of the labels) and the mean absorber-neighbour distance of that shell, the two quantities
 * Torrisi et al. (2020) predict from K-edge XANES. Computed from the sites' structure files.
 */
public final class ShellGeometry {
    private ShellGeometry() {
    }

    /**
     * The shell of one site.
     *
     * @param cn coordination number
     * @param meanDistanceAngstrom mean distance of the shell's atoms, Angstrom
     */
    public record Shell(int cn, double meanDistanceAngstrom) {
    }

    /**
     * What {@link #annotate} did.
     *
     * @param dataset the dataset, with the geometry of every site it could compute
     * @param annotated entries given a geometry now
     * @param problems entries left without one: "material_site" to the reason (file, what is wrong)
     */
    public record Result(Dataset dataset, int annotated, Map<String, String> problems) {
    }

    /** The shell of {@code site} under {@code rule} (no counted atom within the rule's radius: coordination number 0, distance NaN). */
    public static Shell of(NeighbourFinder finder, int site, NeighbourRule rule) {
        List<Neighbour> shell = finder.shell(site, rule);
        double sum = 0;
        for (Neighbour n : shell) {
            sum += n.distanceAngstrom();
        }
        return new Shell(shell.size(), shell.isEmpty() ? Double.NaN : sum / shell.size());
    }

    /**
     * Gives every entry of {@code d} that lacks one its shell geometry, from the structure file of
     * its material ({@code <id>.cif} or {@code <id>/POSCAR}) in {@code structureDirs}: the first file
     * whose site has the absorber and a shell that agrees with the entry's class (T4 needs 4
     * neighbours, S5 5, O6 6), so that a CIF whose sites are ordered differently from the POSCAR the
     * label came from is passed over. An entry no file agrees with is left without geometry and
     * reported; nothing is dropped.
     */
    public static Result annotate(Dataset d, List<Path> structureDirs) {
        return annotate(d, m -> {
            List<Path> files = new ArrayList<>();
            for (Path dir : structureDirs) {
                for (Path p : List.of(dir.resolve(m + ".cif"), dir.resolve(m).resolve("POSCAR"))) {
                    if (java.nio.file.Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            }
            return files;
        }, "no structure file under " + structureDirs);
    }

    /**
     * As {@link #annotate(Dataset, List)}, with the candidate structure files of a material from
     * {@code locator} ({@code missing} says where it looked when it finds none).
     */
    public static Result annotate(Dataset d, java.util.function.Function<String, List<Path>> locator, String missing) {
        Map<Path, Object> structures = new HashMap<>();
        Map<String, String> problems = new TreeMap<>();
        List<Dataset.Entry> out = new ArrayList<>(d.size());
        int annotated = 0;
        for (Dataset.Entry e : d.entries()) {
            if (e.hasGeometry()) {
                out.add(e);
                continue;
            }
            List<Path> files = locator.apply(e.material());
            if (files.isEmpty()) {
                problems.put(e.material() + "_" + e.site(), e.material() + ": " + missing);
                out.add(e);
                continue;
            }
            List<String> why = new ArrayList<>();
            Shell found = null;
            for (Path f : files) {
                Object o = structures.computeIfAbsent(f, p -> {
                    try {
                        return new NeighbourFinder(StructureFormats.read(p));
                    } catch (InputException ex) {
                        return ex.getMessage();
                    }
                });
                if (o instanceof String msg) {
                    why.add(msg);
                    continue;
                }
                String reason = disagreement((NeighbourFinder) o, e, d.element());
                if (reason != null) {
                    why.add(f + ": " + reason);
                    continue;
                }
                found = of((NeighbourFinder) o, e.site(), NeighbourRule.DEFAULT);
                break;
            }
            if (found == null) {
                problems.put(e.material() + "_" + e.site(), String.join("; ", why));
                out.add(e);
                continue;
            }
            out.add(e.withGeometry(found.cn(), found.meanDistanceAngstrom()));
            annotated++;
        }
        Map<String, String> prov = new LinkedHashMap<>(d.provenance());
        prov.put("shell_geometry", NeighbourRule.DEFAULT.describe() + "; cn and mean distance from the structure files");
        return new Result(new Dataset(d.element(), d.grid(), d.levelOfTheory(), out, prov), annotated, problems);
    }

    /** Why the structure of {@code finder} cannot be the one entry {@code e} was labelled from (null when it can). */
    private static String disagreement(NeighbourFinder finder, Dataset.Entry e, String element) {
        Structure s = finder.structure();
        if (e.site() >= s.size()) {
            return "has " + s.size() + " sites, no site " + e.site();
        }
        if (!s.site(e.site()).element().equals(element)) {
            return "site " + e.site() + " is " + s.site(e.site()).element() + ", not " + element;
        }
        int cn = finder.shell(e.site(), NeighbourRule.DEFAULT).size();
        int expected = switch (e.coordinationClass()) {
            case T4 -> 4;
            case S5 -> 5;
            case O6 -> 6;
            default -> -1;
        };
        if (expected > 0 && cn != expected) {
            return "site " + e.site() + " has " + cn + " O neighbours, its class " + e.coordinationClass() + " needs " + expected;
        }
        return null;
    }
}
