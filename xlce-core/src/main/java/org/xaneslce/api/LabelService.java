package org.xaneslce.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.coordination.CsmEngine;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.io.Problem;
import org.xaneslce.structure.Neighbour;
import org.xaneslce.structure.NeighbourRule;

/**
 * Label: the coordination label of every 3d-metal site (or the sites asked for) of structure
 * files, and the one way labels are written as text (table, CSV, JSON lines), so that the command
 * line and the Spark job give the same rows. Thread-safe.
 */
public final class LabelService {
    /**
     * What to label and how.
     *
     * @param factor shell factor: neighbours within factor x d_min
     * @param neighbourElements elements that count as neighbours (empty: every atom)
     * @param maxRadiusAngstrom no neighbour beyond this
     * @param sites 0-based site indices to label (empty: every site of the elements)
     * @param elements elements whose sites are labelled (empty: every 3d metal)
     */
    public record Request(double factor, Set<String> neighbourElements, double maxRadiusAngstrom, Set<Integer> sites, Set<String> elements) {
        public Request {
            neighbourElements = Set.copyOf(neighbourElements);
            sites = Set.copyOf(sites);
            elements = Set.copyOf(elements);
        }

        /** The paper's rule: O neighbours within 1.2 x d_min, at most 5 A; every 3d-metal site. */
        public static Request paper() {
            return new Request(1.2, Set.of("O"), 5.0, Set.of(), Set.of());
        }
    }

    /**
     * One file's labels.
     *
     * @param file the file
     * @param labels its sites' labels
     * @param problems what was wrong (file, line, message)
     * @param readFailed whether the file could not be read at all
     */
    public record FileLabels(Path file, List<SiteLabel> labels, List<Problem> problems, boolean readFailed) {
    }

    /** Inputs expanded to files, and the paths that could not be used. */
    public record Inputs(List<Path> files, List<Problem> problems) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CSV header of {@link #csvRow}. */
    public static final String CSV_HEADER = "structure,site,element,cn,dmin_angstrom,label,class,csm,margin,candidates,file";

    private final BatchLabeler batch;

    /**
     * A labeller for {@code request}.
     *
     * @throws IllegalArgumentException for an impossible request (factor below 1, unknown element)
     */
    public LabelService(Request request) {
        NeighbourRule rule = new NeighbourRule(request.factor(), request.neighbourElements(), request.maxRadiusAngstrom());
        this.batch = new BatchLabeler(new CoordinationLabeler(CsmEngine.chemenv(), rule),
            new BatchLabeler.Selection(request.sites(), request.elements()));
    }

    /** Files as given and structure files found in folders (recursively, sorted); missing paths as problems. */
    public static Inputs expand(List<Path> inputs) {
        BatchLabeler.Expansion e = BatchLabeler.expandAll(inputs);
        return new Inputs(e.files(), e.problems());
    }

    /** Labels one file. */
    public FileLabels labelFile(Path file) {
        BatchLabeler.FileResult r = batch.labelFile(file);
        return new FileLabels(r.file(), r.labels(), r.problems(), r.readFailed());
    }

    /** Labels {@code files} with {@code threads} workers (0: one per core); {@code sink} gets results in input order. */
    public void label(List<Path> files, int threads, Consumer<FileLabels> sink) {
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        batch.run(files, workers, r -> sink.accept(new FileLabels(r.file(), r.labels(), r.problems(), r.readFailed())));
    }

    /** The header line of the table format. */
    public static String tableHeader() {
        return String.format(Locale.ROOT, "%-28s %5s %-3s %3s %-7s %-6s %9s %8s  %s", "structure", "site", "el", "CN", "label", "class", "CSM",
            "margin", "all CSMs");
    }

    /** One site as a table line. */
    public static String tableRow(SiteLabel l) {
        return String.format(Locale.ROOT, "%-28s %5d %-3s %3d %-7s %-6s %9.4f %8.4f  %s", l.structureId(), l.siteIndex(), l.element(), l.cn(),
            l.label(), l.coordinationClass(), l.bestCsm(), l.margin(), candidates(l, " "));
    }

    /** One site as a CSV row ({@link #CSV_HEADER}). */
    public static String csvRow(SiteLabel l, Path file) {
        return String.join(",", csv(l.structureId()), Integer.toString(l.siteIndex()), l.element(), Integer.toString(l.cn()),
            fmt(l.dminAngstrom()), l.label(), l.coordinationClass().name(), fmt(l.bestCsm()), fmt(l.margin()), candidates(l, ";"),
            csv(file.toString()));
    }

    /** One site as a JSON object on one line. */
    public static String jsonRow(SiteLabel l, Path file) {
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
        return o.toString();
    }

    /** A short reason category for summaries: quoted parts and numbers masked, at most 60 characters. */
    public static String reasonOf(String message) {
        String m = message.replaceAll("'[^']*'", "'...'").replaceAll("\\d+(\\.\\d+)?", "N");
        return m.length() > 60 ? m.substring(0, 60) + "..." : m;
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
