package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.dataset.AbsorberGrids;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.store.DatasetBuilder;
import org.xaneslce.store.Importer;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.store.SpectralDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xlce db}: the spectral database. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "The spectral database (an SQLite file).",
    subcommands = {DbCommand.Import.class, DbCommand.Stats.class, DbCommand.Export.class, DbCommand.Archive.class})
final class DbCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --db option. */
    static final class DbOption {
        @Option(names = "--db", defaultValue = "xlce.db", description = "Database file (default ${DEFAULT-VALUE}).")
        Path db;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import spectra, join them to structures and labels; record every rejection.",
            "SOURCE: a FEFF campaign folder (<mp-id>/POSCAR + FEFF-XANES/<NNN>_<El>/xmu.dat), a feff9-grid folder",
            "(<El>_ids.txt + <El>_spectra.txt; structures from --structures), or MP XAS JSON (file or folder).",
            "Importing again adds nothing; an interrupted import continues where it stopped."})
    static final class Import implements Callable<Integer> {
        @Mixin
        DbOption dbOption;

        @Parameters(arity = "1..*", paramLabel = "SOURCE")
        List<Path> sources;

        @Option(names = "--structures", description = "CIF folder for feff9-grid sources (default: ../mp-structures beside the source).")
        Path structures;

        @Option(names = "--element", description = "Only these absorbers of a feff9-grid source (repeatable).")
        List<String> elements = new ArrayList<>();

        @Option(names = "--level", defaultValue = "FEFF9", description = "Level of theory of campaign spectra (default ${DEFAULT-VALUE}).")
        String level;

        @Option(names = "--no-progress", description = "Do not show the progress line.")
        boolean noProgress;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (Path src : sources) {
                String why = whyNotImportable(src);
                if (why != null) {
                    err.println("xlce db import: " + src + ": " + why);
                    failed++;
                }
            }
            if (failed == sources.size()) {
                return 1;
            }
            try (SpectralDatabase db = SpectralDatabase.open(dbOption.db)) {
                Importer importer = new Importer(db, CoordinationLabeler.paper());
                for (Path given : sources) {
                    Path src = given;
                    long t0 = System.nanoTime();
                    List<Importer.Report> reports = new ArrayList<>();
                    if (whyNotImportable(src) != null) {
                        continue;
                    }
                    if (Files.isDirectory(src) && CampaignArchive.isArchive(src.resolve("campaign.csv.gz"))) {
                        src = src.resolve("campaign.csv.gz");
                    }
                    if (CampaignArchive.isArchive(src)) {
                        List<Path> dirs = structures != null ? List.of(structures)
                            : List.of(Path.of("../shared/data/mp-structures"), Path.of("../shared/data/feff9-cu"));
                        CampaignArchive.Restored r = CampaignArchive.restore(db, src, dirs);
                        out.printf(Locale.ROOT, "%s: campaign %s restored: %d done, %d failed, %d already in the database, %d without a structure"
                            + " in %s (left to compute)%n", src, r.campaign(), r.done(), r.failed(), r.skipped(), r.rejected(), dirs);
                        continue;
                    }
                    if (Files.isDirectory(src) && hasGridFiles(src)) {
                        Path cifs = structures != null ? structures : src.toAbsolutePath().getParent().resolve("mp-structures");
                        for (String el : gridElements(src)) {
                            long lines;
                            try (Stream<String> s = Files.lines(src.resolve(el + "_ids.txt"))) {
                                lines = s.count();
                            }
                            Progress p = new Progress(err, el + " batches", (lines + 199) / 200, !noProgress);
                            reports.add(importer.importGridSet(src, el, cifs, (item, skipped) -> p.step()));
                        }
                    } else if (Files.isDirectory(src) && isCampaignFolder(src)) {
                        long n;
                        try (Stream<Path> s = Files.list(src)) {
                            n = s.filter(Files::isDirectory).count();
                        }
                        Progress p = new Progress(err, "materials", n, !noProgress && n > 20);
                        reports.add(importer.importFeffCampaign(src, level, (item, skipped) -> p.step()));
                    } else {
                        reports.add(importer.importMpJson(src, (item, skipped) -> { }));
                    }
                    int units = 0;
                    int skipped = 0;
                    int spectra = 0;
                    Map<String, Integer> rejected = new TreeMap<>();
                    for (Importer.Report r : reports) {
                        units += r.units();
                        skipped += r.skipped();
                        spectra += r.spectra();
                        r.rejected().forEach((k, v) -> rejected.merge(k, v, Integer::sum));
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "%s: %d spectra stored from %d units (%d units already imported) in %.1f s (%.0f spectra/s)%n",
                        src, spectra, units, skipped, secs, spectra / Math.max(secs, 1e-9));
                    Map<String, Integer> warnings = new TreeMap<>();
                    rejected.entrySet().removeIf(e -> e.getKey().startsWith(Importer.WARNING_PREFIX) && warnings.put(e.getKey()
                        .substring(Importer.WARNING_PREFIX.length()), e.getValue()) == null);
                    int total = rejected.values().stream().mapToInt(Integer::intValue).sum();
                    out.printf(Locale.ROOT, "  rejected: %d%s%n", total, total == 0 ? "" : " " + rejected);
                    if (!warnings.isEmpty()) {
                        out.printf(Locale.ROOT, "  stored with warnings: %s (details: SELECT * FROM rejections WHERE stage = 'warning')%n", warnings);
                    }
                }
            } catch (java.sql.SQLException e) {
                err.println("xlce db import: " + SpectralDatabase.explain(dbOption.db.toAbsolutePath(), e).getMessage());
                return 1;
            }
            return failed > 0 ? 1 : 0;
        }

        /** Why {@code src} holds nothing to import, or null when it does. */
        private String whyNotImportable(Path src) throws java.io.IOException {
            if (!Files.exists(src)) {
                return "no such file or folder";
            }
            if (CampaignArchive.isArchive(src) || Files.isDirectory(src) && CampaignArchive.isArchive(src.resolve("campaign.csv.gz"))) {
                return null;
            }
            if (Files.isDirectory(src)) {
                if (hasGridFiles(src) || isCampaignFolder(src) || isJsonFolder(src)) {
                    return null;
                }
            } else if (src.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                return null;
            }
            return "nothing importable: not a FEFF campaign folder (<mp-id>/FEFF-XANES/NNN_El/xmu.dat), a feff9-grid folder"
                + " (<El>_ids.txt + <El>_spectra.txt), MP XAS JSON, or a campaign archive (xlce simulate --export)";
        }

        private static boolean isCampaignFolder(Path dir) throws java.io.IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.anyMatch(d -> Files.isDirectory(d.resolve("FEFF-XANES")));
            }
        }

        private boolean hasGridFiles(Path dir) throws java.io.IOException {
            return !gridElements(dir).isEmpty();
        }

        private List<String> gridElements(Path dir) throws java.io.IOException {
            List<String> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    String n = p.getFileName().toString();
                    if (n.endsWith("_ids.txt")) {
                        String el = n.substring(0, n.length() - 8);
                        if ((elements.isEmpty() || elements.contains(el)) && Files.exists(dir.resolve(el + "_spectra.txt"))) {
                            out.add(el);
                        }
                    }
                }
            }
            return out;
        }

        private static boolean isJsonFolder(Path dir) throws java.io.IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.anyMatch(p -> p.toString().endsWith(".json"));
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Table I of the paper for the database (T4/S5/O6 per absorber, before and after duplicate removal), rejections by reason.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        DbOption dbOption;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(dbOption.db)) {
                spec.commandLine().getErr().println("xlce db stats: " + dbOption.db + ": no such database (run xlce db import first)");
                return 1;
            }
            try (SpectralDatabase db = SpectralDatabase.open(dbOption.db)) {
                out.println("Sources:");
                for (SpectralDatabase.SourceSummary r : db.sourceSummaries()) {
                    out.printf(Locale.ROOT, "  #%s %-14s %-7s %6s spectra %6s rejected  %s%n", r.id(), r.kind(), r.levelOfTheory(), r.spectra(),
                        r.rejected(), r.location());
                }
                out.println();
                out.println("Table I: labelled sites with a spectrum (one per site), and after duplicate removal; paper beside.");
                out.printf(Locale.ROOT, "%-4s | %6s %6s %6s %6s | %5s %5s %5s %6s | %5s %5s %5s %6s%n",
                    "abs", "T4", "S5", "O6", "other", "T4", "S5", "O6", "total", "T4", "S5", "O6", "total");
                out.printf(Locale.ROOT, "%-4s | %-27s | %-24s | %-24s%n", "", "labelled (all)", "base dataset (dedup)", "paper");
                List<String> outsideGrid = new ArrayList<>();
                for (Map.Entry<String, PaperTables.Row> e : PaperTables.rows().entrySet()) {
                    String el = e.getKey();
                    PaperTables.Row p = e.getValue();
                    EnergyGrid grid = AbsorberGrids.forElement(el).orElse(null);
                    String ours = String.format(Locale.ROOT, "%6s %6s %6s %6s | %5s %5s %5s %6s", "-", "-", "-", "-", "-", "-", "-", "-");
                    if (grid != null && db.hasSpectra(el)) {
                        DatasetBuilder.Result r = DatasetBuilder.build(db, el, grid);
                        if (!r.outsideGrid().isEmpty()) {
                            outsideGrid.add(String.format(Locale.ROOT, "  %s: %d labelled T4/S5/O6 spectra do not cover the grid (%s) and are left out;"
                                + " first: %s", el, r.outsideGrid().size(), grid, r.outsideGrid().entrySet().iterator().next()));
                        }
                        int[] c = r.dataset().classCounts();
                        ours = String.format(Locale.ROOT, "%6d %6d %6d %6d | %5d %5d %5d %6d",
                            r.labelledSites().getOrDefault("T4", 0), r.labelledSites().getOrDefault("S5", 0),
                            r.labelledSites().getOrDefault("O6", 0), r.labelledSites().getOrDefault("OTHER", 0),
                            c[0], c[1], c[2], c[0] + c[1] + c[2]);
                    }
                    out.printf(Locale.ROOT, "%-4s | %s | %5d %5d %5d %6d%n", el, ours, p.t4(), p.s5(), p.o6(), p.total());
                }
                outsideGrid.forEach(out::println);
                out.println();
                out.println("Rejected spectra by stage and reason:");
                List<SpectralDatabase.RejectionCount> rej = db.rejectionCounts();
                if (rej.isEmpty()) {
                    out.println("  none");
                }
                for (SpectralDatabase.RejectionCount r : rej) {
                    out.printf(Locale.ROOT, "  %-10s %-40s %6s%n", r.stage(), r.reason(), r.count());
                }
                out.println("(every rejection, with its file and reason: SELECT * FROM rejections)");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the base dataset of each absorber (docs/DATASET.md format) to a folder.")
    static final class Export implements Callable<Integer> {
        @Mixin
        DbOption dbOption;

        @Option(names = "--out", required = true, description = "Output folder.")
        Path outDir;

        @Option(names = "--element", description = "Only these absorbers (repeatable).")
        List<String> elements = new ArrayList<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Files.createDirectories(outDir);
            try (SpectralDatabase db = SpectralDatabase.open(dbOption.db)) {
                for (Map.Entry<String, EnergyGrid> g : AbsorberGrids.all().entrySet()) {
                    String el = g.getKey();
                    if (!elements.isEmpty() && !elements.contains(el)) {
                        continue;
                    }
                    if (!db.hasSpectra(el)) {
                        continue;
                    }
                    DatasetBuilder.Result r = DatasetBuilder.build(db, el, g.getValue());
                    Path f = outDir.resolve(el + ".csv.gz");
                    DatasetFiles.write(r.dataset(), f);
                    int[] c = r.dataset().classCounts();
                    out.printf(Locale.ROOT, "%s: %d spectra (T4 %d, S5 %d, O6 %d; %s duplicates dropped) on %s -> %s (%d bytes)%n", el,
                        r.dataset().size(), c[0], c[1], c[2], r.duplicates(), g.getValue(), f, Files.size(f));
                    if (!r.outsideGrid().isEmpty()) {
                        out.printf(Locale.ROOT, "%s: %d labelled spectra left out, they do not cover the grid; first: %s%n", el,
                            r.outsideGrid().size(), r.outsideGrid().entrySet().iterator().next());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Write each FEFF campaign's finished sites to a compact archive <campaign>.csv.gz in a folder (e.g. data/campaigns),",
            "for git: `xlce db import` restores it on another machine and `xlce simulate` continues where it stopped."})
    static final class Archive implements Callable<Integer> {
        @Mixin
        DbOption dbOption;

        @Option(names = "--out", required = true, description = "Output folder.")
        Path outDir;

        @Option(names = "--campaign", description = "Only these campaigns (repeatable; default all).")
        List<String> campaigns = new ArrayList<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(dbOption.db)) {
                spec.commandLine().getErr().println("xlce db archive: " + dbOption.db + ": no such database");
                return 1;
            }
            try (SpectralDatabase db = SpectralDatabase.open(dbOption.db)) {
                List<String> names = new org.xaneslce.store.CampaignStore(db).names();
                List<String> unknown = campaigns.stream().filter(c -> !names.contains(c)).toList();
                if (!unknown.isEmpty()) {
                    spec.commandLine().getErr().println("xlce db archive: no campaign " + unknown + " in " + dbOption.db + " (campaigns: " + names + ")");
                    return 1;
                }
                for (String n : campaigns.isEmpty() ? names : campaigns) {
                    Path f = outDir.resolve(n + ".csv.gz");
                    int rows = CampaignArchive.export(db, n, f);
                    out.printf(Locale.ROOT, "%s: %d finished sites -> %s (%d bytes)%n", n, rows, f, Files.size(f));
                }
            }
            return 0;
        }
    }
}
