package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.api.DatabaseService;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.store.SpectralDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xlce db}: the spectral database. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "The spectral database (an SQLite file).",
    subcommands = {DbCommand.Import.class, DbCommand.Stats.class, DbCommand.Export.class, DbCommand.Archive.class, DbCommand.Geometry.class})
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
    static final class Import extends XlceCommand {
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

        @Override
        protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
            int failed = 0;
            for (Path src : sources) {
                String why = DatabaseService.whyNotImportable(src, elements);
                if (why != null) {
                    err.println("xlce db import: " + src + ": " + why);
                    failed++;
                }
            }
            if (failed == sources.size()) {
                return 1;
            }
            try (DatabaseService db = DatabaseService.open(dbOption.db)) {
                for (Path src : sources) {
                    if (DatabaseService.whyNotImportable(src, elements) != null) {
                        continue;
                    }
                    DatabaseService.Imported r = db.importSource(src, structures, elements, level, (what, total) -> {
                        Progress p = new Progress(err, what, total, !noProgress && (what.endsWith("batches") || total > 20));
                        return p::step;
                    });
                    if (r.restored() != null) {
                        CampaignArchive.Restored x = r.restored();
                        out.printf(Locale.ROOT, "%s: campaign %s restored: %d done, %d failed, %d already in the database, %d without a structure"
                            + " in %s (left to compute)%n", r.source(), x.campaign(), x.done(), x.failed(), x.skipped(), x.rejected(), r.structureDirs());
                        continue;
                    }
                    out.printf(Locale.ROOT, "%s: %d spectra stored from %d units (%d units already imported) in %.1f s (%.0f spectra/s)%n",
                        r.source(), r.spectra(), r.units(), r.skipped(), r.seconds(), r.spectra() / Math.max(r.seconds(), 1e-9));
                    int total = r.rejected().values().stream().mapToInt(Integer::intValue).sum();
                    out.printf(Locale.ROOT, "  rejected: %d%s%n", total, total == 0 ? "" : " " + r.rejected());
                    if (!r.warnings().isEmpty()) {
                        out.printf(Locale.ROOT, "  stored with warnings: %s (details: SELECT * FROM rejections WHERE stage = 'warning')%n", r.warnings());
                    }
                }
            } catch (java.sql.SQLException e) {
                err.println("xlce db import: " + DatabaseService.explain(dbOption.db, e));
                return 1;
            }
            return failed > 0 ? 1 : 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Table I of the paper for the database (T4/S5/O6 per absorber, before and after duplicate removal), rejections by reason.")
    static final class Stats extends XlceCommand {
        @Mixin
        DbOption dbOption;

        @Override
        protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
            if (!Files.exists(dbOption.db)) {
                err.println("xlce db stats: " + dbOption.db + ": no such database (run xlce db import first)");
                return 1;
            }
            try (DatabaseService db = DatabaseService.open(dbOption.db)) {
                DatabaseService.Stats st = db.stats();
                out.println("Sources:");
                for (SpectralDatabase.SourceSummary r : st.sources()) {
                    out.printf(Locale.ROOT, "  #%s %-14s %-7s %6s spectra %6s rejected  %s%n", r.id(), r.kind(), r.levelOfTheory(), r.spectra(),
                        r.rejected(), r.location());
                }
                out.println();
                out.println("Table I: labelled sites with a spectrum (one per site), and after duplicate removal; paper beside.");
                out.printf(Locale.ROOT, "%-4s | %6s %6s %6s %6s | %5s %5s %5s %6s | %5s %5s %5s %6s%n",
                    "abs", "T4", "S5", "O6", "other", "T4", "S5", "O6", "total", "T4", "S5", "O6", "total");
                out.printf(Locale.ROOT, "%-4s | %-27s | %-24s | %-24s%n", "", "labelled (all)", "base dataset (dedup)", "paper");
                for (DatabaseService.TableRow t : st.table()) {
                    String ours = String.format(Locale.ROOT, "%6s %6s %6s %6s | %5s %5s %5s %6s", "-", "-", "-", "-", "-", "-", "-", "-");
                    if (t.dataset() != null) {
                        int[] c = t.dataset();
                        ours = String.format(Locale.ROOT, "%6d %6d %6d %6d | %5d %5d %5d %6d", t.labelled().getOrDefault("T4", 0),
                            t.labelled().getOrDefault("S5", 0), t.labelled().getOrDefault("O6", 0), t.labelled().getOrDefault("OTHER", 0),
                            c[0], c[1], c[2], c[0] + c[1] + c[2]);
                    }
                    out.printf(Locale.ROOT, "%-4s | %s | %5d %5d %5d %6d%n", t.element(), ours, t.paper().t4(), t.paper().s5(), t.paper().o6(),
                        t.paper().total());
                }
                st.table().stream().filter(t -> t.outsideGrid() != null).forEach(t -> out.println("  " + t.outsideGrid()));
                out.println();
                out.println("Rejected spectra by stage and reason:");
                if (st.rejections().isEmpty()) {
                    out.println("  none");
                }
                for (SpectralDatabase.RejectionCount r : st.rejections()) {
                    out.printf(Locale.ROOT, "  %-10s %-40s %6s%n", r.stage(), r.reason(), r.count());
                }
                out.println("(every rejection, with its file and reason: SELECT * FROM rejections)");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the base dataset of each absorber (docs/DATASET.md format) to a folder.")
    static final class Export extends XlceCommand {
        @Mixin
        DbOption dbOption;

        @Option(names = "--with-other", description = "Keep the sites that are none of T4, S5, O6 as class OTHER (open-set datasets).")
        boolean withOther;

        @Option(names = "--also-level", description = {"Add spectra of this level of theory (e.g. FEFF10:fast) for sites without one at the",
            "grid's level (repeatable; mix codes only where the codes bench finds them indistinguishable)."})
        List<String> alsoLevels = new java.util.ArrayList<>();

        @Option(names = "--out", required = true, description = "Output folder.")
        Path outDir;

        @Option(names = "--element", description = "Only these absorbers (repeatable).")
        List<String> elements = new ArrayList<>();

        @Override
        protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
            try (DatabaseService db = DatabaseService.open(dbOption.db)) {
                for (DatabaseService.Exported x : db.export(outDir, elements, withOther, alsoLevels)) {
                    int[] c = x.counts();
                    out.printf(Locale.ROOT, "%s: %d spectra (T4 %d, S5 %d, O6 %d%s; %s duplicates dropped) on %s -> %s (%d bytes)%n", x.element(),
                        x.size(), c[0], c[1], c[2], c[3] > 0 ? ", OTHER " + c[3] : "", x.duplicates(), x.grid(), x.file(), x.bytes());
                    if (!x.outsideGrid().isEmpty()) {
                        out.printf(Locale.ROOT, "%s: %d labelled spectra left out, they do not cover the grid; first: %s%n", x.element(),
                            x.outsideGrid().size(), x.outsideGrid().entrySet().iterator().next());
                    }
                    if (!x.noGeometry().isEmpty()) {
                        out.printf(Locale.ROOT, "%s: %d spectra kept without coordination number and distance; first: %s%n", x.element(),
                            x.noGeometry().size(), x.noGeometry().entrySet().iterator().next());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "geometry", mixinStandardHelpOptions = true,
        description = {"Add each site's shell geometry (coordination number and mean distance, O within 1.2 x d_min) to dataset files",
            "that lack it, from the structure files (<id>.cif or <id>/POSCAR). Exits 1 when a site could not be given one."})
    static final class Geometry extends XlceCommand {
        @Option(names = "--structures", description = "Structure folders, searched in order (repeatable; default: the shared"
            + " mp-structures and feff9-cu).")
        List<Path> structures = new ArrayList<>();

        @Parameters(arity = "1..*", paramLabel = "DATASET", description = "Dataset files (<El>.csv.gz).")
        List<Path> files = new ArrayList<>();

        @Override
        protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
            List<Path> dirs = structures.isEmpty() ? DatabaseService.SHARED_STRUCTURE_DIRS : structures;
            int failed = 0;
            for (Path f : files) {
                DatabaseService.Annotated a;
                try {
                    a = DatabaseService.annotateGeometry(f, dirs);
                } catch (org.xaneslce.io.InputException ex) {
                    err.println("xlce db geometry: " + ex.getMessage() + " (file left as it was)");
                    failed++;
                    continue;
                }
                out.printf(Locale.ROOT, "%s: %d spectra, %d given a geometry now, %d with one%n", f, a.size(), a.annotated(), a.withGeometry());
                for (Map.Entry<String, String> p : a.problems().entrySet()) {
                    err.printf(Locale.ROOT, "%s: %s: %s%n", f, p.getKey(), p.getValue());
                }
                failed += a.problems().size();
            }
            if (failed > 0) {
                err.printf(Locale.ROOT, "%d spectra left without a geometry (listed above)%n", failed);
            }
            return failed > 0 ? 1 : 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Write each FEFF campaign's finished sites to a compact archive <campaign>.csv.gz in a folder (e.g. data/campaigns),",
            "for git: `xlce db import` restores it on another machine and `xlce simulate` continues where it stopped."})
    static final class Archive extends XlceCommand {
        @Mixin
        DbOption dbOption;

        @Option(names = "--out", required = true, description = "Output folder.")
        Path outDir;

        @Option(names = "--campaign", description = "Only these campaigns (repeatable; default all).")
        List<String> campaigns = new ArrayList<>();

        @Override
        protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
            if (!Files.exists(dbOption.db)) {
                err.println("xlce db archive: " + dbOption.db + ": no such database");
                return 1;
            }
            try (DatabaseService db = DatabaseService.open(dbOption.db)) {
                List<String> names = db.campaigns();
                List<String> unknown = campaigns.stream().filter(c -> !names.contains(c)).toList();
                if (!unknown.isEmpty()) {
                    err.println("xlce db archive: no campaign " + unknown + " in " + dbOption.db + " (campaigns: " + names + ")");
                    return 1;
                }
                for (String n : campaigns.isEmpty() ? names : campaigns) {
                    Path f = outDir.resolve(n + ".csv.gz");
                    int rows = db.archive(n, f);
                    out.printf(Locale.ROOT, "%s: %d finished sites -> %s (%d bytes)%n", n, rows, f, Files.size(f));
                }
            }
            return 0;
        }
    }
}
