package org.xaneslce.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.io.InputException;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.store.CampaignStore;
import org.xaneslce.dataset.DatasetBuilder;
import org.xaneslce.store.Importer;
import org.xaneslce.store.SpectralDatabase;

/**
 * The spectral database: import spectra (FEFF campaign folders, feff9-grid sets, MP XAS JSON,
 * campaign archives and Spark outputs), the paper's Table I and the rejections (stats), base
 * datasets (export) and campaign archives. Open one per database and close it.
 */
public final class DatabaseService implements AutoCloseable {
    /** Hears import progress: {@code start} names a stage and its units, the returned step runs after each unit. */
    @FunctionalInterface
    public interface Progress {
        /** A stage of {@code total} units begins. */
        Runnable start(String what, long total);
    }

    /**
     * What importing one source did.
     *
     * @param source the source as given
     * @param units units of work imported now
     * @param skipped units imported before
     * @param spectra spectra stored
     * @param rejected rejections by reason
     * @param warnings stored spectra with warnings, by reason
     * @param restored for a campaign archive: what was restored (else null)
     * @param structureDirs for a campaign archive: where structures were looked for
     * @param seconds wall time
     */
    public record Imported(Path source, int units, int skipped, int spectra, Map<String, Integer> rejected, Map<String, Integer> warnings,
                           CampaignArchive.Restored restored, List<Path> structureDirs, double seconds) {
    }

    /**
     * One absorber's row of Table I.
     *
     * @param element absorber
     * @param paper the paper's counts
     * @param labelled labelled sites with a spectrum, by class (T4, S5, O6, OTHER), or null when none
     * @param dataset the base dataset's class counts (T4, S5, O6), or null
     * @param outsideGrid a note on spectra that do not cover the grid, or null
     */
    public record TableRow(String element, PaperTables.Row paper, Map<String, Integer> labelled, int[] dataset, String outsideGrid) {
    }

    /**
     * The database at a glance.
     *
     * @param sources every source with its counts
     * @param table Table I, per absorber in the paper's order
     * @param rejections rejections by stage and reason
     */
    public record Stats(List<SpectralDatabase.SourceSummary> sources, List<TableRow> table, List<SpectralDatabase.RejectionCount> rejections) {
    }

    /** Where structure files are looked for when the caller names none: the shared MP CIFs, then the raw Cu runs' POSCARs. */
    public static final List<Path> SHARED_STRUCTURE_DIRS = List.of(Path.of("../shared/data/mp-structures"), Path.of("../shared/data/feff9-cu"));

    /**
     * One exported base dataset.
     *
     * @param element absorber
     * @param counts class counts (T4, S5, O6)
     * @param size spectra
     * @param duplicates duplicates dropped, by class
     * @param grid the grid
     * @param file where it went
     * @param bytes its size
     * @param outsideGrid spectra that did not cover the grid (item -> why)
     * @param noGeometry spectra kept without shell geometry (item -> why)
     */
    public record Exported(String element, int[] counts, int size, Map<String, Integer> duplicates, EnergyGrid grid, Path file, long bytes,
                           Map<String, String> outsideGrid, Map<String, String> noGeometry) {
    }

    /**
     * One dataset file given its shell geometry.
     *
     * @param file the dataset file (rewritten atomically when anything was added)
     * @param size its spectra
     * @param annotated spectra given a geometry now
     * @param withGeometry spectra with a geometry after this run
     * @param problems spectra left without one (item -> why)
     */
    public record Annotated(Path file, int size, int annotated, int withGeometry, Map<String, String> problems) {
    }

    /**
     * Adds the shell geometry (coordination number, mean distance) to dataset files that lack it,
     * from the structure files under {@code structureDirs}; a file is rewritten atomically, only
     * when something was added.
     */
    public static Annotated annotateGeometry(Path file, List<Path> structureDirs) throws IOException, InputException {
        org.xaneslce.dataset.Dataset d = DatasetFiles.read(file);
        org.xaneslce.dataset.ShellGeometry.Result r = org.xaneslce.dataset.ShellGeometry.annotate(d, structureDirs);
        if (r.annotated() > 0) {
            DatasetFiles.write(r.dataset(), file);
        }
        return new Annotated(file, d.size(), r.annotated(), r.dataset().geometryCount(), r.problems());
    }

    private final SpectralDatabase db;

    private DatabaseService(SpectralDatabase db) {
        this.db = db;
    }

    /**
     * Opens (creating and migrating) a database.
     *
     * @throws SQLException in the user's terms (not a database, cannot be written, locked)
     */
    public static DatabaseService open(Path file) throws SQLException {
        return new DatabaseService(SpectralDatabase.open(file));
    }

    /** An SQLite failure in the user's terms. */
    public static String explain(Path file, SQLException e) {
        return SpectralDatabase.explain(file.toAbsolutePath(), e).getMessage();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    /** Why {@code src} holds nothing to import, or null when it does. */
    public static String whyNotImportable(Path src, List<String> elements) throws IOException {
        if (!Files.exists(src)) {
            return "no such file or folder";
        }
        if (CampaignArchive.isArchive(src) || Files.isDirectory(src) && CampaignArchive.isArchive(src.resolve("campaign.csv.gz"))) {
            return null;
        }
        if (Files.isDirectory(src)) {
            if (!gridElements(src, elements).isEmpty() || isCampaignFolder(src) || isJsonFolder(src)) {
                return null;
            }
        } else if (src.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return null;
        }
        return "nothing importable: not a FEFF campaign folder (<mp-id>/FEFF-XANES/NNN_El/xmu.dat), a feff9-grid folder"
            + " (<El>_ids.txt + <El>_spectra.txt), MP XAS JSON, or a campaign archive (xlce simulate --export)";
    }

    /**
     * Imports one source.
     *
     * @param structures structure folder for feff9-grid sets and archives (null: beside the source, or the shared data)
     * @param elements only these absorbers of a feff9-grid set (empty: all)
     * @param level level of theory of a campaign folder's spectra
     */
    public Imported importSource(Path src, Path structures, List<String> elements, String level, Progress progress)
        throws SQLException, IOException, InputException {
        long t0 = System.nanoTime();
        Path source = Files.isDirectory(src) && CampaignArchive.isArchive(src.resolve("campaign.csv.gz")) ? src.resolve("campaign.csv.gz") : src;
        if (CampaignArchive.isArchive(source)) {
            List<Path> dirs = structures != null ? List.of(structures)
                : SHARED_STRUCTURE_DIRS;
            CampaignArchive.Restored r = CampaignArchive.restore(db, source, dirs);
            return new Imported(source, 0, 0, r.done(), Map.of(), Map.of(), r, dirs, (System.nanoTime() - t0) / 1e9);
        }
        Importer importer = new Importer(db, CoordinationLabeler.paper());
        List<Importer.Report> reports = new ArrayList<>();
        if (Files.isDirectory(source) && !gridElements(source, elements).isEmpty()) {
            Path cifs = structures != null ? structures : source.toAbsolutePath().getParent().resolve("mp-structures");
            for (String el : gridElements(source, elements)) {
                long lines;
                try (Stream<String> s = Files.lines(source.resolve(el + "_ids.txt"))) {
                    lines = s.count();
                }
                Runnable step = progress.start(el + " batches", (lines + 199) / 200);
                reports.add(importer.importGridSet(source, el, cifs, (item, skipped) -> step.run()));
            }
        } else if (Files.isDirectory(source) && isCampaignFolder(source)) {
            long n;
            try (Stream<Path> s = Files.list(source)) {
                n = s.filter(Files::isDirectory).count();
            }
            Runnable step = progress.start("materials", n);
            reports.add(importer.importFeffCampaign(source, level, (item, skipped) -> step.run()));
        } else {
            reports.add(importer.importMpJson(source, (item, skipped) -> { }));
        }
        int units = 0;
        int skipped = 0;
        int spectra = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        for (Importer.Report r : reports) {
            units += r.units();
            skipped += r.skipped();
            spectra += r.spectra();
            r.rejected().forEach((k, v) -> {
                if (k.startsWith(Importer.WARNING_PREFIX)) {
                    warnings.merge(k.substring(Importer.WARNING_PREFIX.length()), v, Integer::sum);
                } else {
                    rejected.merge(k, v, Integer::sum);
                }
            });
        }
        return new Imported(source, units, skipped, spectra, rejected, warnings, null, List.of(), (System.nanoTime() - t0) / 1e9);
    }

    /** Sources, Table I (labelled sites and base datasets beside the paper) and rejections. */
    public Stats stats() throws SQLException {
        List<TableRow> table = new ArrayList<>();
        for (Map.Entry<String, PaperTables.Row> e : PaperTables.rows().entrySet()) {
            String el = e.getKey();
            EnergyGrid grid = AbsorberGrids.forElement(el).orElse(null);
            if (grid == null || !db.hasSpectra(el)) {
                table.add(new TableRow(el, e.getValue(), null, null, null));
                continue;
            }
            DatasetBuilder.Result r = DatasetBuilder.build(db, el, grid);
            String note = r.outsideGrid().isEmpty() ? null : String.format(Locale.ROOT, "%s: %d labelled T4/S5/O6 spectra do not cover the grid"
                + " (%s) and are left out; first: %s", el, r.outsideGrid().size(), grid, r.outsideGrid().entrySet().iterator().next());
            table.add(new TableRow(el, e.getValue(), r.labelledSites(), r.dataset().classCounts(), note));
        }
        return new Stats(db.sourceSummaries(), table, db.rejectionCounts());
    }

    /** Writes the base dataset of each absorber with spectra (or of {@code elements}) into {@code outDir}. */
    public List<Exported> export(Path outDir, List<String> elements) throws SQLException, IOException, InputException {
        return export(outDir, elements, false);
    }

    /** As {@link #export(Path, List)}; with {@code includeOther} the datasets keep OTHER sites (open set). */
    public List<Exported> export(Path outDir, List<String> elements, boolean includeOther) throws SQLException, IOException,
        InputException {
        return export(outDir, elements, includeOther, List.of());
    }

    /** As {@link #export(Path, List, boolean)}, adding spectra of the levels {@code alsoLevels} (DatasetBuilder). */
    public List<Exported> export(Path outDir, List<String> elements, boolean includeOther, List<String> alsoLevels) throws SQLException,
        IOException, InputException {
        java.util.Set<String> known = new java.util.TreeSet<>();
        db.sourceSummaries().forEach(x -> known.add(x.levelOfTheory()));
        for (String level : alsoLevels) {
            if (!known.contains(level)) {
                throw new InputException(db.file().toString(), 0, "no spectra of level of theory '" + level + "' here (levels: "
                    + String.join(", ", known) + ")");
            }
        }
        Files.createDirectories(outDir);
        List<Exported> out = new ArrayList<>();
        for (Map.Entry<String, EnergyGrid> g : AbsorberGrids.all().entrySet()) {
            String el = g.getKey();
            if (!elements.isEmpty() && !elements.contains(el) || !db.hasSpectra(el)) {
                continue;
            }
            DatasetBuilder.Result r = DatasetBuilder.build(db, el, g.getValue(), includeOther, alsoLevels);
            Path f = outDir.resolve(el + ".csv.gz");
            DatasetFiles.write(r.dataset(), f);
            out.add(new Exported(el, r.dataset().classCounts(), r.dataset().size(), r.duplicates(), g.getValue(), f, Files.size(f),
                r.outsideGrid(), r.noGeometry()));
        }
        return out;
    }

    /** The campaigns' names. */
    public List<String> campaigns() throws SQLException {
        return new CampaignStore(db).names();
    }

    /** Writes campaign {@code name}'s archive to {@code file}; returns its rows. */
    public int archive(String name, Path file) throws SQLException, IOException {
        return CampaignArchive.export(db, name, file);
    }

    private static List<String> gridElements(Path dir, List<String> elements) throws IOException {
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

    private static boolean isCampaignFolder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(d -> Files.isDirectory(d.resolve("FEFF-XANES")));
        }
    }

    private static boolean isJsonFolder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".json"));
        }
    }
}
