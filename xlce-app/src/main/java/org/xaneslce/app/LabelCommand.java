package org.xaneslce.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.coordination.CsmEngine;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.io.Problem;
import org.xaneslce.structure.Neighbour;
import org.xaneslce.structure.NeighbourRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xlce label}: coordination labels of the 3d-metal sites of structure files. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Label every 3d-metal site (or the sites asked for) with its lowest-CSM polyhedron.",
        "Reads CIF, POSCAR/CONTCAR, pymatgen Structure JSON and feff.inp (its absorber); folders are walked."})
final class LabelCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Structure files or folders.")
    List<Path> inputs;

    @Option(names = "--site", paramLabel = "N", description = "0-based site index to label (repeatable).")
    List<Integer> sites = new ArrayList<>();

    @Option(names = "--element", paramLabel = "EL", description = "Label sites of this element (repeatable); default: every 3d metal.")
    List<String> elements = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; json = one object per line).")
    Format format;

    @Option(names = "--factor", defaultValue = "1.2", description = "Shell factor: neighbours within FACTOR x d_min (default ${DEFAULT-VALUE}).")
    double factor;

    @Option(names = "--all-atoms", description = "Count every atom as a neighbour, not only O.")
    boolean allAtoms;

    @Option(names = "--neighbours", paramLabel = "EL", split = ",", description = "Elements that count as neighbours (default O).")
    List<String> neighbourElements = new ArrayList<>(List.of("O"));

    @Option(names = "--max-radius", defaultValue = "5.0", description = "No neighbour beyond this many Angstrom (default ${DEFAULT-VALUE}).")
    double maxRadius;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: one per core).")
    int threads;

    @Option(names = "--no-progress", description = "Do not show the progress line.")
    boolean noProgress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NeighbourRule rule;
        BatchLabeler.Selection selection;
        try {
            rule = new NeighbourRule(factor, allAtoms ? Set.of() : Set.copyOf(neighbourElements), maxRadius);
            selection = new BatchLabeler.Selection(Set.copyOf(sites), Set.copyOf(elements));
        } catch (IllegalArgumentException e) {
            err.println("xlce label: " + e.getMessage());
            return 2;
        }
        BatchLabeler.Expansion expansion = BatchLabeler.expandAll(inputs);
        List<Path> files = expansion.files();
        expansion.problems().forEach(p -> err.println("xlce label: " + p));
        BatchLabeler batch = new BatchLabeler(new CoordinationLabeler(CsmEngine.chemenv(), rule), selection);
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Progress progress = new Progress(err, "files", files.size(), !noProgress && files.size() > 20);
        int[] counts = new int[4]; // files read, sites labelled, files rejected, sites refused
        Map<String, Integer> reasons = new TreeMap<>();
        counts[2] += expansion.problems().size();
        expansion.problems().forEach(p -> reasons.merge(reasonOf(p.message()), 1, Integer::sum));
        Map<String, Integer> classes = new TreeMap<>();
        if (format == Format.table) {
            out.println(String.format(Locale.ROOT, "%-28s %5s %-3s %3s %-7s %-6s %9s %8s  %s",
                "structure", "site", "el", "CN", "label", "class", "CSM", "margin", "all CSMs"));
        } else if (format == Format.csv) {
            out.println("structure,site,element,cn,dmin_angstrom,label,class,csm,margin,candidates,file");
        }
        batch.run(files, workers, r -> {
            progress.step();
            if (r.readFailed()) {
                counts[2]++;
            } else {
                counts[0]++;
            }
            for (Problem p : r.problems()) {
                err.println("xlce label: " + p);
                reasons.merge(reasonOf(p.message()), 1, Integer::sum);
                if (!r.readFailed()) {
                    counts[3]++;
                }
            }
            for (SiteLabel l : r.labels()) {
                counts[1]++;
                classes.merge(l.coordinationClass().name(), 1, Integer::sum);
                print(out, l, r.file());
            }
        });
        out.flush();
        err.println(String.format(Locale.ROOT, "%d files read, %d sites labelled %s, %d files rejected, %d sites refused",
            counts[0], counts[1], classes, counts[2], counts[3]));
        if (!reasons.isEmpty()) {
            err.println("rejections by reason: " + reasons);
        }
        return counts[2] + counts[3] > 0 ? 1 : 0;
    }

    /** A short reason category for the summary: the message up to its first quote or digit-heavy part. */
    static String reasonOf(String message) {
        String m = message.replaceAll("'[^']*'", "'...'").replaceAll("\\d+(\\.\\d+)?", "N");
        return m.length() > 60 ? m.substring(0, 60) + "..." : m;
    }

    private void print(PrintWriter out, SiteLabel l, Path file) {
        switch (format) {
            case table:
                out.println(String.format(Locale.ROOT, "%-28s %5d %-3s %3d %-7s %-6s %9.4f %8.4f  %s",
                    l.structureId(), l.siteIndex(), l.element(), l.cn(), l.label(), l.coordinationClass(),
                    l.bestCsm(), l.margin(), candidates(l, " ")));
                break;
            case csv:
                out.println(String.join(",", csv(l.structureId()), Integer.toString(l.siteIndex()), l.element(),
                    Integer.toString(l.cn()), fmt(l.dminAngstrom()), l.label(), l.coordinationClass().name(),
                    fmt(l.bestCsm()), fmt(l.margin()), candidates(l, ";"), csv(file.toString())));
                break;
            default:
                ObjectNode o = JSON.createObjectNode();
                o.put("structure", l.structureId());
                o.put("file", file.toString());
                o.put("site", l.siteIndex());
                o.put("element", l.element());
                o.put("cn", l.cn());
                o.put("dmin_angstrom", l.dminAngstrom());
                o.put("label", l.label());
                o.put("class", l.coordinationClass().name());
                putNumber(o, "csm", l.bestCsm());
                putNumber(o, "margin", l.margin());
                ObjectNode all = o.putObject("csm_all");
                l.csm().forEach(all::put);
                ArrayNode nbs = o.putArray("neighbours");
                for (Neighbour n : l.neighbours()) {
                    ObjectNode nb = nbs.addObject();
                    nb.put("site", n.siteIndex());
                    nb.put("element", n.element());
                    nb.put("distance_angstrom", n.distanceAngstrom());
                }
                out.println(o.toString());
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static String candidates(SiteLabel l, String sep) {
        Map<String, Double> m = new LinkedHashMap<>(l.csm());
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + String.format(Locale.ROOT, "%.4f", v)));
        return String.join(sep, parts);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
