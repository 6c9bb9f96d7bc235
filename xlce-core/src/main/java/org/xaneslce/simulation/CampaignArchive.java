package org.xaneslce.simulation;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.store.CampaignStore;
import org.xaneslce.store.Importer;
import org.xaneslce.store.SpectralDatabase;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * A campaign's finished sites as a compact gzip CSV that lives in git (data/campaigns/), so that
 * the work of one machine lands in the repository and a fresh machine continues where the last one
 * stopped: {@code xlce db import} restores the sites (done with their spectra on FEFF's own grid,
 * failed with their reason) into a database, and {@code xlce simulate} with the same campaign name
 * then runs only what is left. Written atomically (temporary file, then rename): a kill mid-export
 * leaves the previous archive whole. Format in docs/SIMULATION.md.
 */
public final class CampaignArchive {
    /** First line of every archive. */
    public static final String MAGIC = "# xanes-lce campaign archive v1";
    private static final String COLUMNS = "material_id,site_index,status,seconds,peak_kb,cluster_sha256,reason,energy_ev,mu";

    /** What a restore did. */
    public record Restored(String campaign, int done, int failed, int skipped, int rejected) {
    }

    private CampaignArchive() {
    }

    /** True when {@code file} starts like an archive (gzip-compressed). */
    public static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader r = reader(file)) {
            String first = r.readLine();
            return first != null && first.startsWith(MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One finished site, as archived.
     *
     * @param material material id
     * @param site 0-based site index
     * @param done true when a spectrum came out, false for a failed site
     * @param seconds time of the run, or NaN
     * @param peakKb peak memory of the run, kB, or -1
     * @param clusterSha256 cluster fingerprint, or null
     * @param reason why it failed; for a done site, a note on how it was made (a retry), or null
     * @param energyEv the spectrum's energies (empty when failed)
     * @param mu the spectrum's mu (empty when failed)
     */
    public record Site(String material, int site, boolean done, double seconds, long peakKb, String clusterSha256, String reason,
                       double[] energyEv, double[] mu) {
        public Site {
            energyEv = energyEv == null ? new double[0] : energyEv.clone();
            mu = mu == null ? new double[0] : mu.clone();
        }

        /** The site of a run. */
        public static Site of(SiteRun r) {
            return new Site(r.site().material(), r.site().site(), r.ok(), r.seconds(), r.peakKilobytes().orElse(-1), r.clusterSha256(),
                r.ok() ? r.note() : r.failure(), r.ok() ? r.spectrum().energyEv() : null, r.ok() ? r.spectrum().mu() : null);
        }

        @Override
        public double[] energyEv() {
            return energyEv.clone();
        }

        @Override
        public double[] mu() {
            return mu.clone();
        }
    }

    /** Writes every finished site of campaign {@code name} to {@code file}; returns the number of rows. */
    public static int export(SpectralDatabase db, String name, Path file) throws SQLException, IOException {
        CampaignStore store = new CampaignStore(db);
        CampaignStore.CampaignRow c = store.find(name).orElseThrow(() -> new IllegalArgumentException("no campaign '" + name + "' in " + db.file()));
        List<Site> sites = new ArrayList<>();
        for (CampaignStore.Finished r : store.finished(c)) {
            sites.add(new Site(r.material(), r.site(), r.done(), r.seconds() == null ? Double.NaN : r.seconds(),
                r.peakKb() == null ? -1 : r.peakKb(), r.clusterSha256(), r.reason(), r.done() ? json(r.energyJson()) : null,
                r.done() ? json(r.muJson()) : null));
        }
        write(file, name, c.element(), cardsOf(c), c.radiusAngstrom(), sites);
        return sites.size();
    }

    /** Writes {@code sites} (sorted by material and site) as the archive of campaign {@code name}, whole or not at all. */
    public static void write(Path file, String name, String element, FeffCards cards, double radius, List<Site> sites) throws IOException {
        List<Site> sorted = new ArrayList<>(sites);
        sorted.sort(java.util.Comparator.comparing(Site::material).thenComparingInt(Site::site));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
                w.write(MAGIC + "\n");
                header(w, "campaign", name);
                header(w, "element", element);
                header(w, "code", cards.code().id());
                header(w, "cards", cards.name());
                header(w, "cards_sha256", cards.sha256());
                header(w, "level_of_theory", cards.levelOfTheory());
                header(w, "radius_angstrom", String.valueOf(radius));
                w.write(COLUMNS + "\n");
                for (Site r : sorted) {
                    w.write(r.material() + "," + r.site() + "," + (r.done() ? "done" : "failed") + ","
                        + (Double.isNaN(r.seconds()) ? "" : String.format(Locale.ROOT, "%.1f", r.seconds())) + ","
                        + (r.peakKb() < 0 ? "" : r.peakKb()) + "," + (r.clusterSha256() == null ? "" : r.clusterSha256()) + ","
                        + csv(r.reason()) + "," + (r.done() ? numbers(r.energyEv(), "%.4f") : "") + ","
                        + (r.done() ? numbers(r.mu(), "%.7g") : "") + "\n");
                }
            }
            org.xaneslce.io.AtomicFiles.readableByAll(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static double[] json(String array) {
        String t = array.replace("[", "").replace("]", "").trim();
        if (t.isEmpty()) {
            return new double[0];
        }
        String[] parts = t.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(parts[i].trim());
        }
        return v;
    }

    /**
     * Restores an archive into {@code db}: creates the campaign if it is new (the cards must be one
     * of this xlce's presets, same SHA-256), then records every site that the database does not
     * already have as finished. Spectra are stored with their structure and label (structures from
     * {@code structureDirs}: {@code <id>.cif} or {@code <id>/POSCAR}); a done site whose structure
     * is not found is recorded as pending, so a later campaign run computes it again.
     *
     * @throws InputException naming the file and line for anything malformed
     */
    public static Restored restore(SpectralDatabase db, Path file, List<Path> structureDirs) throws SQLException, IOException, InputException {
        try (BufferedReader r = reader(file)) {
            String line = r.readLine();
            if (line == null || !line.startsWith(MAGIC)) {
                throw new InputException(file.toString(), 1, "not a campaign archive (first line must be '" + MAGIC + "')");
            }
            Map<String, String> h = new LinkedHashMap<>();
            int no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.startsWith("# ")) {
                    int k = line.indexOf(':');
                    if (k > 0) {
                        h.put(line.substring(2, k).trim(), line.substring(k + 1).trim());
                    }
                } else {
                    break;
                }
            }
            if (line == null || !line.equals(COLUMNS)) {
                throw new InputException(file.toString(), no, "expected the column line '" + COLUMNS + "'");
            }
            for (String key : List.of("campaign", "element", "code", "cards", "cards_sha256", "radius_angstrom")) {
                if (!h.containsKey(key)) {
                    throw new InputException(file.toString(), no, "header '" + key + "' missing");
                }
            }
            FeffCards.Code code = FeffCards.Code.parse(h.get("code"));
            FeffCards cards = code == FeffCards.Code.FEFF8L ? FeffCards.feff8l() : h.get("cards").equals("mp") ? FeffCards.mp(code)
                : FeffCards.preset(h.get("cards")).orElseThrow(() -> new InputException(file.toString(), 0, "unknown cards '" + h.get("cards") + "'"));
            if (!cards.sha256().equals(h.get("cards_sha256"))) {
                throw new InputException(file.toString(), 0, "cards '" + cards.name() + "' of this archive (SHA-256 " + h.get("cards_sha256")
                    + ") differ from this xlce's (" + cards.sha256() + ")");
            }
            double radius = Double.parseDouble(h.get("radius_angstrom"));
            Campaign c = Campaign.open(db, h.get("campaign"), h.get("element"), cards, new FeffRunner("(restored)", 0), radius, 0);
            List<Row> rows = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 9 || !(f[2].equals("done") || f[2].equals("failed"))) {
                    throw new InputException(file.toString(), no, "expected 9 fields with status done or failed");
                }
                String item = f[0] + "/" + f[1] + "_" + h.get("element");
                rows.add(new Row(f, f[2].equals("done") ? spectrum(file, no, item, h.get("element"), f[7], f[8]) : null));
            }
            return c.restore(rows, structureDirs, new Importer(db, CoordinationLabeler.paper()));
        }
    }

    /** The structure file of {@code material} in the first of {@code dirs} that has one. */
    static java.util.Optional<Path> structureOf(String material, List<Path> dirs) {
        for (Path d : dirs) {
            for (Path p : List.of(d.resolve(material + ".cif"), d.resolve(material).resolve("POSCAR"))) {
                if (Files.isRegularFile(p)) {
                    return java.util.Optional.of(p);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** One archive row: its fields, and its spectrum when done. */
    record Row(String[] fields, Spectrum spectrum) {
    }

    /** Parses the spectrum of an archive row. */
    static Spectrum spectrum(Path file, int line, String id, String element, String energy, String mu) throws InputException {
        try {
            String[] e = energy.trim().split(" ");
            String[] m = mu.trim().split(" ");
            double[] ev = new double[e.length];
            double[] mv = new double[m.length];
            for (int i = 0; i < e.length; i++) {
                ev[i] = Double.parseDouble(e[i]);
            }
            for (int i = 0; i < m.length; i++) {
                mv[i] = Double.parseDouble(m[i]);
            }
            return Spectrum.computed(id, element, ev, mv);
        } catch (IllegalArgumentException ex) {
            throw new InputException(file.toString(), line, "bad spectrum: " + ex.getMessage());
        }
    }

    /** Reads a structure for a restore, or null when it cannot be read. */
    static Structure readStructure(Path p) {
        try {
            return StructureFormats.read(p);
        } catch (InputException e) {
            return null;
        }
    }

    private static FeffCards cardsOf(CampaignStore.CampaignRow m) {
        if (m.code() == null) {
            return "FEFF8L".equals(m.engine()) ? FeffCards.feff8l() : FeffCards.mp(FeffCards.Code.FEFF9);
        }
        FeffCards.Code c = FeffCards.Code.parse(m.code());
        if (c == FeffCards.Code.FEFF8L) {
            return FeffCards.feff8l();
        }
        return "mp".equals(m.cards()) ? FeffCards.mp(c) : FeffCards.preset(m.cards()).orElseThrow();
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
    }

    private static void header(Writer w, String key, String value) throws IOException {
        w.write("# " + key + ": " + value + "\n");
    }


    private static String csv(Object v) {
        return v == null ? "" : v.toString().replaceAll("[,\\r\\n\\p{Cntrl}]", " ");
    }

    private static String numbers(double[] v, String f) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(String.format(Locale.ROOT, f, x));
        }
        return b.toString();
    }
}
