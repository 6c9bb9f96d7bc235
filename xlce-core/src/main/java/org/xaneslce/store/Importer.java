package org.xaneslce.store;

import org.xaneslce.util.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.FeffXmuReader;
import org.xaneslce.spectrum.io.MpXasJsonReader;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.PymatgenJsonReader;
import org.xaneslce.structure.io.StructureFormats;

/**
 * Imports spectra into a {@link SpectralDatabase}: FEFF campaign folders
 * ({@code <mp-id>/POSCAR + FEFF-XANES/<NNN>_<El>/xmu.dat}), feff9-grid sets (ids file, spectra
 * file, fixed grid; structures from a CIF folder) and Materials Project XAS JSON documents. Each
 * site spectrum is joined to its structure and coordination label; every spectrum that does not
 * make it is recorded in {@code rejections} with its stage and reason. Imports are idempotent and
 * resumable: each material (or batch) is one transaction, marked in {@code imported}.
 */
public final class Importer {
    private static final Pattern RUN_DIR = Pattern.compile("(\\d+)_([A-Z][a-z]?)");
    private static final Pattern GRID_ID = Pattern.compile("((?:mp|mvc)-\\d+)_(\\d+)");
    /** Sites per transaction in grid imports. */
    static final int GRID_BATCH = 200;

    /** Told about progress: one call per unit of work (material or batch). */
    @FunctionalInterface
    public interface Listener {
        /** A unit of work was committed ({@code skipped} when it had been before). */
        void unitDone(String item, boolean skipped);
    }

    /**
     * What an import did.
     *
     * @param units units of work committed now
     * @param skipped units found committed before (resumed or repeated import)
     * @param spectra spectra stored now
     * @param rejected spectra rejected now, by reason
     */
    public record Report(int units, int skipped, int spectra, Map<String, Integer> rejected) {
    }

    /** Reasons that begin so in a report's map are warnings about stored spectra, not rejections. */
    public static final String WARNING_PREFIX = "warning: ";

    private final SpectralDatabase db;
    private final CoordinationLabeler labeler;
    private final String rule;

    /** An importer labelling with {@code labeler}. */
    public Importer(SpectralDatabase db, CoordinationLabeler labeler) {
        this.db = db;
        this.labeler = labeler;
        this.rule = labeler.rule().describe();
    }

    private final class Counter {
        int units;
        int skipped;
        int spectra;
        Map<String, Integer> rejected = new TreeMap<>();

        Report report() {
            return new Report(units, skipped, spectra, rejected);
        }
    }

    /** One unit of import work: stores and returns the number of spectra stored. */
    @FunctionalInterface
    private interface UnitWork {
        int run(Map<String, Integer> rejected) throws SQLException;
    }

    /**
     * Imports one unit in one (immediate) transaction that first checks it is not imported yet, so
     * two imports of the same source at once never store or count a unit twice.
     */
    private void unit(Counter c, long source, String item, Listener listener, UnitWork work) throws SQLException {
        Map<String, Integer> rejected = new TreeMap<>();
        int stored = db.inTransaction(() -> {
            if (db.isImported(source, item)) {
                return -1;
            }
            rejected.clear();
            return work.run(rejected);
        });
        if (stored < 0) {
            c.skipped++;
            listener.unitDone(item, true);
            return;
        }
        c.units++;
        c.spectra += stored;
        rejected.forEach((k, v) -> c.rejected.merge(k, v, Integer::sum));
        listener.unitDone(item, false);
    }

    /** Imports a FEFF campaign folder. */
    public Report importFeffCampaign(Path root, String levelOfTheory, Listener listener) throws SQLException, IOException {
        long source = db.source("feff-campaign", root.toAbsolutePath().normalize().toString(), levelOfTheory);
        List<Path> materials;
        try (Stream<Path> s = Files.list(root)) {
            materials = s.filter(Files::isDirectory).sorted().toList();
        }
        Counter c = new Counter();
        for (Path m : materials) {
            String item = m.getFileName().toString();
            unit(c, source, item, listener, rejected -> importMaterial(source, m, rejected));
        }
        return c.report();
    }

    private int importMaterial(long source, Path dir, Map<String, Integer> rejected) throws SQLException {
        String material = dir.getFileName().toString();
        List<Path> runs = new ArrayList<>();
        Path xanes = dir.resolve("FEFF-XANES");
        if (Files.isDirectory(xanes)) {
            try (Stream<Path> s = Files.list(xanes)) {
                s.filter(Files::isDirectory).sorted().forEach(runs::add);
            } catch (IOException e) {
                reject(source, material, "read", "unreadable folder", xanes + ": " + e.getMessage(), rejected);
                db.markImported(source, material);
                return 0;
            }
        }
        Structure structure;
        try {
            structure = StructureFormats.read(dir.resolve("POSCAR"));
        } catch (InputException e) {
            for (Path run : runs) {
                reject(source, material + "/" + run.getFileName(), "structure", "structure unreadable", e.getMessage(), rejected);
            }
            if (runs.isEmpty()) {
                reject(source, material, "structure", "structure unreadable", e.getMessage(), rejected);
            }
            db.markImported(source, material);
            return 0;
        }
        storeStructure(material, structure, dir.resolve("POSCAR"), "poscar");
        NeighbourFinder finder = new NeighbourFinder(structure);
        int stored = 0;
        for (Path run : runs) {
            String item = material + "/" + run.getFileName();
            Matcher rm = RUN_DIR.matcher(run.getFileName().toString());
            if (!rm.matches()) {
                reject(source, item, "read", "unexpected run folder name", run + ": expected NNN_El", rejected);
                continue;
            }
            int site = Integer.parseInt(rm.group(1));
            String element = rm.group(2);
            Optional<SiteLabel> label = label(source, item, finder, site, element, rejected);
            if (label.isEmpty()) {
                continue;
            }
            Spectrum s;
            try {
                s = FeffXmuReader.readRun(run, item);
            } catch (InputException e) {
                reject(source, item, "read", e.getMessage().contains("failed FEFF run") ? "failed FEFF run" : "unreadable spectrum",
                    e.getMessage(), rejected);
                continue;
            }
            if (storeChecked(source, item, material, site, element, s, Sha256.of(s.id() + s.size() + s.maxMu()), rejected)) {
                stored++;
            }
        }
        db.markImported(source, material);
        return stored;
    }

    /** Imports one feff9-grid set: {@code <El>_ids.txt} and {@code <El>_spectra.txt}, structures from {@code cifDir}. */
    public Report importGridSet(Path gridDir, String element, Path cifDir, Listener listener) throws SQLException, IOException {
        Double start = AbsorberGrids.FEFF9_GRID_START_EV.get(element);
        if (start == null) {
            throw new IllegalArgumentException("no feff9-grid start energy known for " + element);
        }
        Path ids = gridDir.resolve(element + "_ids.txt");
        Path spectra = gridDir.resolve(element + "_spectra.txt");
        long source = db.source("feff-grid", gridDir.toAbsolutePath().normalize().resolve(element).toString(), "FEFF9");
        double[] energy = new double[AbsorberGrids.FEFF9_GRID_POINTS];
        for (int i = 0; i < energy.length; i++) {
            energy[i] = start + i * AbsorberGrids.FEFF9_GRID_STEP_EV;
        }
        Counter c = new Counter();
        try (BufferedReader ir = Files.newBufferedReader(ids, StandardCharsets.UTF_8);
             BufferedReader sr = Files.newBufferedReader(spectra, StandardCharsets.UTF_8)) {
            int line = 0;
            int batch = 0;
            boolean more = true;
            while (more) {
                List<String[]> rows = new ArrayList<>();
                while (rows.size() < GRID_BATCH) {
                    String id = ir.readLine();
                    String sp = sr.readLine();
                    if (id == null && sp == null) {
                        more = false;
                        break;
                    }
                    line++;
                    rows.add(new String[] {id, sp, Integer.toString(line)});
                }
                if (rows.isEmpty()) {
                    break;
                }
                String item = element + ":" + batch++;
                unit(c, source, item, listener, rejected -> importGridBatch(source, element, rows, energy, ids, spectra, cifDir, rejected, item));
            }
        }
        return c.report();
    }

    private int importGridBatch(long source, String element, List<String[]> rows, double[] energy, Path ids, Path spectra,
                                Path cifDir, Map<String, Integer> rejected, String batchItem) throws SQLException {
        Map<String, Optional<NeighbourFinder>> finders = new LinkedHashMap<>();
        int stored = 0;
        for (String[] row : rows) {
            String id = row[0];
            int line = Integer.parseInt(row[2]);
            if (id == null || row[1] == null) {
                reject(source, element + ":line" + line, "read", "ids and spectra files differ in length",
                    (id == null ? ids : spectra) + ":" + line + ": file ends here, the other goes on", rejected);
                continue;
            }
            id = id.trim();
            Matcher m = GRID_ID.matcher(id);
            if (!m.matches()) {
                reject(source, id, "read", "bad id", ids + ":" + line + ": expected <mp-id>_<site>, found '" + id + "'", rejected);
                continue;
            }
            String material = m.group(1);
            int site = Integer.parseInt(m.group(2));
            String[] f = row[1].trim().split("\\s+");
            if (f.length != energy.length) {
                reject(source, id, "read", "wrong number of values", spectra + ":" + line + ": " + f.length + " values, expected " + energy.length, rejected);
                continue;
            }
            double[] mu = new double[f.length];
            boolean bad = false;
            for (int k = 0; k < f.length && !bad; k++) {
                mu[k] = TextFiles.parseNumber(f[k]);
                if (!Double.isFinite(mu[k])) {
                    reject(source, id, "read", "non-finite value", spectra + ":" + line + ": value " + (k + 1) + " is '" + f[k] + "'", rejected);
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            Optional<NeighbourFinder> finder = finders.get(material);
            if (finder == null) {
                finder = structureFinder(material, cifDir.resolve(material + ".cif"));
                finders.put(material, finder);
            }
            if (finder.isEmpty()) {
                reject(source, id, "structure", "no structure", cifDir.resolve(material + ".cif") + ": missing or unreadable", rejected);
                continue;
            }
            Optional<SiteLabel> label = label(source, id, finder.get(), site, element, rejected);
            if (label.isEmpty()) {
                continue;
            }
            Spectrum s = Spectrum.computed(id, element, energy, mu);
            if (storeChecked(source, id, material, site, element, s, Sha256.of(row[1]), rejected)) {
                stored++;
            }
        }
        db.markImported(source, batchItem);
        return stored;
    }

    private Optional<NeighbourFinder> structureFinder(String material, Path cif) throws SQLException {
        if (!Files.exists(cif)) {
            return Optional.empty();
        }
        try {
            Structure s = StructureFormats.read(cif);
            storeStructure(material, s, cif, "cif");
            return Optional.of(new NeighbourFinder(s));
        } catch (InputException e) {
            return Optional.empty();
        }
    }

    /** Imports MP XAS JSON documents (a file, or every .json in a folder). */
    public Report importMpJson(Path path, Listener listener) throws SQLException, IOException {
        long source = db.source("mp-xas-json", path.toAbsolutePath().normalize().toString(), "FEFF9");
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        Counter c = new Counter();
        for (Path f : files) {
            String item = path.relativize(f).toString();
            item = item.isEmpty() ? f.getFileName().toString() : item;
            String it = item;
            unit(c, source, item, listener, rejected -> importMpFile(source, f, it, rejected));
        }
        return c.report();
    }

    private int importMpFile(long source, Path f, String item, Map<String, Integer> rejected) throws SQLException {
        try {
            JsonNode root = SpectralDatabase.JSON.readTree(TextFiles.read(f));
            List<JsonNode> docs = new ArrayList<>();
            if (root.isArray()) {
                root.forEach(docs::add);
            } else {
                docs.add(root);
            }
            int stored = 0;
            for (int i = 0; i < docs.size(); i++) {
                JsonNode doc = docs.get(i);
                String docItem = item + (docs.size() > 1 ? "[" + i + "]" : "");
                Spectrum s = MpXasJsonReader.document(f.toString(), docItem, doc);
                String sid = s.notes().getOrDefault("mp.spectrum_id", docItem);
                String idx = s.notes().get("mp.absorbing_index");
                if (idx == null) {
                    reject(source, sid, "read", "site-averaged spectrum", f + ": absorbing_index is null (site-weighted average)", rejected);
                    continue;
                }
                if (s.absorber().isEmpty()) {
                    reject(source, sid, "read", "no absorbing element", f + ": absorbing_element missing", rejected);
                    continue;
                }
                JsonNode structNode = doc.has("structure") ? doc.get("structure") : doc.path("spectrum").get("structure");
                if (structNode == null) {
                    reject(source, sid, "structure", "no structure", f + ": document holds no structure", rejected);
                    continue;
                }
                String material = doc.has("material_id") ? doc.get("material_id").asText() : sid.replaceFirst("-XANES.*$", "");
                Structure st = PymatgenJsonReader.fromNode(f.toString(), material, structNode);
                storeStructure(material, st, f, "pymatgen-json");
                int site = Integer.parseInt(idx);
                String element = s.absorber().get();
                Optional<SiteLabel> label = label(source, sid, new NeighbourFinder(st), site, element, rejected);
                if (label.isPresent() && storeChecked(source, sid, material, site, element, s, Sha256.of(doc.toString()), rejected)) {
                    stored++;
                }
            }
            db.markImported(source, item);
            return stored;
        } catch (InputException | IOException | NumberFormatException e) {
            reject(source, item, "read", "unreadable document", e.getMessage(), rejected);
            db.markImported(source, item);
            return 0;
        }
    }

    /**
     * Stores one computed site spectrum with its structure and label (campaigns call this inside
     * their own transaction). Returns the rejection reason, or empty when stored.
     */
    public Optional<String> storeComputed(long source, String item, String material, Structure structure, Path structureFile,
                                          int site, String element, Spectrum s) throws SQLException {
        // Labels are keyed by material id, whatever the structure file is called.
        Structure named = new Structure(material, structure.lattice(), structure.sites());
        storeStructure(material, named, structureFile, StructureFormats.byFileName(structureFile.getFileName().toString())
            .map(r -> r.format()).orElse("unknown"));
        Map<String, Integer> rejected = new TreeMap<>();
        Optional<SiteLabel> label = label(source, item, new NeighbourFinder(named), site, element, rejected);
        if (label.isEmpty()) {
            return Optional.of(rejected.keySet().iterator().next());
        }
        if (!storeChecked(source, item, material, site, element, s, Sha256.of(s.id() + s.size() + s.maxMu()), rejected)) {
            return Optional.of(rejected.keySet().iterator().next());
        }
        return Optional.empty();
    }

    private Optional<SiteLabel> label(long source, String item, NeighbourFinder finder, int site, String element,
                                      Map<String, Integer> rejected) throws SQLException {
        try {
            SiteLabel l = labeler.label(finder, site, element, finder.structure().id());
            storeLabel(l);
            return Optional.of(l);
        } catch (InputException e) {
            reject(source, item, "label", "site is not the absorber", e.getMessage(), rejected);
            return Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            reject(source, item, "label", "labelling failed", e.toString(), rejected);
            return Optional.empty();
        }
    }

    private boolean storeChecked(long source, String item, String material, int site, String element, Spectrum s, String sha,
                                 Map<String, Integer> rejected) throws SQLException {
        Optional<SpectrumChecks.Failure> f = SpectrumChecks.check(s, element, levelOf(source));
        if (f.isPresent()) {
            reject(source, item, "check", f.get().reason(), item + ": " + f.get().detail(), rejected);
            return false;
        }
        ArrayNode e = SpectralDatabase.JSON.createArrayNode();
        ArrayNode mu = SpectralDatabase.JSON.createArrayNode();
        for (int i = 0; i < s.size(); i++) {
            e.add(s.energyAt(i));
            mu.add(s.muAt(i));
        }
        db.update("INSERT OR REPLACE INTO spectra (source_id, material_id, site_index, element, edge, n_points, e_min_ev, e_max_ev,"
                + " energy_ev, mu, sha256) VALUES (?, ?, ?, ?, 'K', ?, ?, ?, ?, ?, ?)",
            source, material, site, element, s.size(), s.minEnergyEv(), s.maxEnergyEv(), e.toString(), mu.toString(), sha);
        db.update("DELETE FROM rejections WHERE source_id = ? AND item = ?", source, item);
        String dropped = s.notes().get("dropped_non_finite");
        if (dropped != null) {
            // Stored, but not silently: the dropped points are recorded (stage 'warning') and counted in the summary.
            String reason = WARNING_PREFIX + "non-finite points dropped (spectrum stored)";
            db.reject(source, item, "warning", reason, item + ": " + dropped + " point(s) with a non-finite value (NaN or inf) dropped");
            rejected.merge(reason, 1, Integer::sum);
        }
        return true;
    }

    private final Map<Long, String> levels = new java.util.HashMap<>();

    private String levelOf(long source) throws SQLException {
        String l = levels.get(source);
        if (l == null) {
            List<Map<String, Object>> r = db.query("SELECT level_of_theory FROM sources WHERE id = ?", source);
            l = r.isEmpty() ? "FEFF9" : (String) r.get(0).get("level_of_theory");
            levels.put(source, l);
        }
        return l;
    }

    private void storeStructure(String material, Structure s, Path file, String format) throws SQLException {
        db.update("INSERT OR IGNORE INTO materials (id, composition) VALUES (?, ?)", material, s.composition());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        db.update("INSERT OR IGNORE INTO structures (material_id, format, file, sha256, n_sites) VALUES (?, ?, ?, ?, ?)",
            material, format, file.toAbsolutePath().normalize().toString(), Sha256.of(bytes), s.size());
        for (int i = 0; i < s.size(); i++) {
            db.update("INSERT OR IGNORE INTO sites (material_id, site_index, element) VALUES (?, ?, ?)", material, i, s.site(i).element());
        }
    }

    private void storeLabel(SiteLabel l) throws SQLException {
        ObjectNode all = SpectralDatabase.JSON.createObjectNode();
        l.csm().forEach(all::put);
        db.update("INSERT OR REPLACE INTO labels (material_id, site_index, rule, cn, label, class, csm, margin, csm_all)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            l.structureId(), l.siteIndex(), rule, l.cn(), l.label(), l.coordinationClass().name(),
            finite(l.bestCsm()), finite(l.margin()), all.toString());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void reject(long source, String item, String stage, String reason, String detail, Map<String, Integer> rejected)
        throws SQLException {
        db.reject(source, item, stage, reason, detail);
        rejected.merge(reason, 1, Integer::sum);
    }
}
