package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xaneslce.api.LabelService;
import org.xaneslce.io.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xlce label}: coordination labels of the 3d-metal sites of structure files. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Label every 3d-metal site (or the sites asked for) with its lowest-CSM polyhedron.",
        "Reads CIF, POSCAR/CONTCAR, pymatgen Structure JSON and feff.inp (its absorber); folders are walked."})
final class LabelCommand extends XlceCommand {
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

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        LabelService service;
        try {
            service = new LabelService(new LabelService.Request(factor, allAtoms ? Set.of() : Set.copyOf(neighbourElements), maxRadius,
                Set.copyOf(sites), Set.copyOf(elements)));
        } catch (IllegalArgumentException e) {
            err.println("xlce label: " + e.getMessage());
            return 2;
        }
        LabelService.Inputs in = LabelService.expand(inputs);
        List<Path> files = in.files();
        in.problems().forEach(p -> err.println("xlce label: " + p));
        Progress progress = new Progress(err, "files", files.size(), !noProgress && files.size() > 20);
        int[] counts = new int[4]; // files read, sites labelled, files rejected, sites refused
        Map<String, Integer> reasons = new TreeMap<>();
        counts[2] += in.problems().size();
        in.problems().forEach(p -> reasons.merge(LabelService.reasonOf(p.message()), 1, Integer::sum));
        if (format == Format.table) {
            out.println(LabelService.tableHeader());
        } else if (format == Format.csv) {
            out.println(LabelService.CSV_HEADER);
        }
        service.label(files, threads, r -> {
            progress.step();
            counts[r.readFailed() ? 2 : 0]++;
            for (Problem p : r.problems()) {
                err.println("xlce label: " + p);
                reasons.merge(LabelService.reasonOf(p.message()), 1, Integer::sum);
                if (!r.readFailed()) {
                    counts[3]++;
                }
            }
            r.labels().forEach(l -> {
                counts[1]++;
                classes.merge(l.coordinationClass().name(), 1, Integer::sum);
                out.println(switch (format) {
                    case table -> LabelService.tableRow(l);
                    case csv -> LabelService.csvRow(l, r.file());
                    default -> LabelService.jsonRow(l, r.file());
                });
            });
        });
        out.flush();
        err.println(String.format(Locale.ROOT, "%d files read, %d sites labelled %s, %d files rejected, %d sites refused",
            counts[0], counts[1], classes, counts[2], counts[3]));
        if (!reasons.isEmpty()) {
            err.println("rejections by reason: " + reasons);
        }
        return counts[2] + counts[3] > 0 ? 1 : 0;
    }

    private final Map<String, Integer> classes = new TreeMap<>();
}
