package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.app.report.ReportWriter;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.evaluation.Study;
import org.xaneslce.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xlce reproduce}: the paper's whole study, written as an HTML report plus CSV and JSON. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Run the paper's study on the bundled datasets (or a database) and write a self-contained HTML report",
        "plus every number as CSV/JSON. quick: minutes (3 folds, 15 epochs); full: the paper's protocol (10 folds, 50 epochs)."})
final class ReproduceCommand extends XlceCommand {
    enum Profile { quick, full }

    @Option(names = "--profile", defaultValue = "quick", description = "quick or full (default ${DEFAULT-VALUE}).")
    Profile profile;

    @Option(names = "--out", description = "Report folder (default reports/<profile>).")
    Path out;

    @Option(names = "--element", description = "Only these absorbers (repeatable; default: every bundled one).")
    List<String> elements = new ArrayList<>();

    @Option(names = "--pair", paramLabel = "COMPUTED=MEASURED", description = "A theory/experiment pair for Fig. 4 (repeatable; "
        + "default: examples/theory-vs-experiment).")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "0", description = "Models trained at once (default: one per core).")
    int threads;

    @Mixin
    DataOptions data;

    @Option(names = "--no-beyond", description = "Leave out the part beyond the paper (open set, coordination number and distance).")
    boolean noBeyond;

    @Override
    protected Integer run(PrintWriter w, PrintWriter err) throws Exception {
        long t0 = System.nanoTime();
        Map<String, Dataset> sets = new LinkedHashMap<>();
        Map<String, String> prov = new LinkedHashMap<>();
        for (String el : PaperTables.rows().keySet()) {
            if (!elements.isEmpty() && !elements.contains(el)) {
                continue;
            }
            if (!data.source().has(el)) {
                continue;
            }
            try {
                sets.put(el, data.load(el));
                prov.put("data " + el, data.hash(el));
            } catch (IllegalArgumentException e) {
                err.println("xlce reproduce: skipping " + el + ": " + e.getMessage());
            }
        }
        if (sets.isEmpty()) {
            err.println("xlce reproduce: no datasets found (" + data.source().dir() + "); give --data or --db");
            return 1;
        }
        List<Study.TheoryPair> tp = new ArrayList<>();
        List<String> given = new ArrayList<>(pairs);
        Path examples = org.xaneslce.api.Installation.home().orElse(Path.of("")).resolve("examples/theory-vs-experiment");
        if (given.isEmpty() && Files.exists(examples.resolve("CuO-mp-1692-000_Cu.xmu.dat"))) {
            given.add(examples.resolve("CuO-mp-1692-000_Cu.xmu.dat") + "=" + examples.resolve("CuO_tenorite_13K_01.xdi"));
        }
        for (String p : given) {
            String[] f = p.split("=", 2);
            if (f.length != 2) {
                err.println("xlce reproduce: --pair needs COMPUTED=MEASURED, got '" + p + "'");
                return 2;
            }
            try {
                tp.add(ModelService.theoryPair(Path.of(f[0]), Path.of(f[1])));
            } catch (InputException e) {
                err.println("xlce reproduce: theory pair skipped: " + e.getMessage());
            }
        }
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Study.Options o = profile == Profile.quick ? Study.Options.quick(workers) : Study.Options.full(workers, new ArrayList<>(sets.keySet()));
        w.printf(Locale.ROOT, "xlce reproduce --profile %s: %s; %d folds, %d epochs, %d threads%n", profile, String.join(" ", sets.keySet()),
            o.repeats(), o.epochs(), workers);
        Map<String, Progress> bars = new LinkedHashMap<>();
        long[] stageStart = {System.nanoTime()};
        Study.Result r = ModelService.reproduce(sets, o, tp, (stage, done, total) -> {
            String key = stage.replaceAll(" \\(.*", "");
            Progress p = bars.computeIfAbsent(key, k -> new Progress(err, k, total, true, stageStart[0]));
            p.step();
            if (done == total) {
                stageStart[0] = System.nanoTime();
            }
        });
        Map<String, Dataset> open = new LinkedHashMap<>();
        // The open-set datasets sit beside the dataset folder (data/dataset -> data/dataset-open); a database run has none.
        Path openDir = data.source().database().isEmpty()
            ? data.source().dir().resolveSibling(data.source().dir().getFileName() + "-open") : null;
        if (!noBeyond && openDir != null && Files.isDirectory(openDir)) {
            ModelService.Source openSource = new ModelService.Source(java.util.Optional.of(openDir), java.util.Optional.empty());
            for (String el : sets.keySet()) {
                if (openSource.has(el)) {
                    open.put(el, openSource.load(el));
                    prov.put("open-set data " + el, openSource.hash(el));
                }
            }
        }
        org.xaneslce.evaluation.BeyondPaper.Result beyond = noBeyond ? null : ModelService.beyondPaper(sets, open, o, (stage, done, total) -> {
            String key = stage.replaceAll(" \\(.*", "");
            Progress p = bars.computeIfAbsent(key, k -> new Progress(err, k, total, true, stageStart[0]));
            p.step();
        });
        prov.put("profile", profile.name());
        prov.put("folds", o.repeats() + " test folds of a 10-fold partition");
        prov.put("epochs", Integer.toString(o.epochs()));
        prov.put("splits", o.materialSplit() ? "stratified and by material" : "stratified");
        prov.put("robustness", String.join(", ", o.robustnessElements()) + " (" + o.robustnessFolds() + " fold" + (o.robustnessFolds() == 1 ? "" : "s") + ")");
        prov.put("seed", Long.toString(o.seed()));
        prov.put("threads", Integer.toString(o.threads()));
        org.xaneslce.Provenance p = org.xaneslce.Provenance.now(null, o.seed(), null, null);
        prov.put("code_version", p.codeVersion());
        prov.put("git_commit", p.gitCommit());
        prov.put("created_at", p.createdAt());
        prov.put("machine", String.format(Locale.ROOT, "%s %s, %d cores, Java %s", System.getProperty("os.name"), System.getProperty("os.arch"),
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        prov.put("wall_seconds", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9));
        Path dir = out != null ? out : Path.of("reports", profile.name());
        ReportWriter.write(r, beyond, beyond == null ? Map.of() : org.xaneslce.api.TrustService.measured(java.util.Optional.empty(), "cnn"), prov, dir);
        w.printf(Locale.ROOT, "report: %s (%s s)%n", dir.resolve("index.html"), prov.get("wall_seconds"));
        return 0;
    }
}
