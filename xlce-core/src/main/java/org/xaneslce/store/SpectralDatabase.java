package org.xaneslce.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spectral database: one SQLite file holding sources, materials, structures, sites, labels
 * with all CSMs, spectra and every rejection with its reason (schema in docs/DATABASE.md).
 * Opening a file migrates it to the current schema version; a file from a newer version is
 * refused. All writes go through {@link #inTransaction}; a unit of work (a material, a batch) is
 * committed with its marker in {@code imported}, so a killed import leaves the file consistent and
 * the next run continues after the last committed unit. Not thread-safe: one writer per file.
 */
public final class SpectralDatabase implements AutoCloseable {
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 3;
    /** The code version recorded with sources and exports. */
    public static final String CODE_VERSION = org.xaneslce.Version.CODE;

    static final ObjectMapper JSON = new ObjectMapper();

    private final Connection conn;
    private final Path file;

    private SpectralDatabase(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (creating if needed) and migrates a database file. */
    public static SpectralDatabase open(Path file) throws SQLException {
        Path abs = file.toAbsolutePath();
        if (java.nio.file.Files.isDirectory(abs)) {
            throw new SQLException(abs + " is a folder; --db names a database file (e.g. xlce.db)");
        }
        java.util.Properties props = new java.util.Properties();
        // Transactions take the write lock when they begin: a check-then-write inside one cannot
        // interleave with another process's (two imports at once count each unit once).
        props.setProperty("transaction_mode", "IMMEDIATE");
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + abs, props);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 30000");
                st.execute("PRAGMA foreign_keys = ON");
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            SpectralDatabase db = new SpectralDatabase(file, c);
            db.migrate();
            return db;
        } catch (SQLException e) {
            if (c != null) {
                c.close();
            }
            throw explain(abs, e);
        }
    }

    /** An SQLite failure in the user's terms: the file, what is wrong, what to do. */
    public static SQLException explain(Path file, SQLException e) {
        String m = String.valueOf(e.getMessage());
        String what;
        if (m.contains("SQLITE_NOTADB") || m.contains("file is not a database") || m.contains("SQLITE_CORRUPT")) {
            what = file + " is not an xlce database (not an SQLite file, or a damaged one); give another --db";
        } else if (m.contains("SQLITE_READONLY") || m.contains("readonly") || m.contains("SQLITE_CANTOPEN") || m.contains("unable to open")
            || m.contains("opening db")) {
            what = file + " cannot be written: the database and its folder must be writable (SQLite keeps its journal beside the file);"
                + " give --db in a writable folder";
        } else if (m.contains("SQLITE_BUSY") || m.contains("locked")) {
            what = file + " is locked by another xlce process (an import or campaign); wait for it to finish or use another --db";
        } else {
            return e;
        }
        SQLException out = new SQLException(what, e.getSQLState(), e.getErrorCode(), e);
        return out;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The JDBC connection, for queries in this package. */
    Connection connection() {
        return conn;
    }

    /** The schema version stored in the file. */
    public int schemaVersion() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private void migrate() throws SQLException {
        int v = schemaVersion();
        if (v > SCHEMA_VERSION) {
            throw new SQLException(file + " has schema version " + v + "; this xlce reads up to " + SCHEMA_VERSION
                + " (upgrade xlce)");
        }
        for (int next = v + 1; next <= SCHEMA_VERSION; next++) {
            String sql = resource("V" + next + "__schema.sql");
            int target = next;
            inTransaction(() -> {
                try (Statement st = conn.createStatement()) {
                    for (String stmt : sql.split(";\\s*\\n")) {
                        String s = stmt.replaceAll("(?m)^\\s*--.*$", "").trim();
                        if (!s.isEmpty()) {
                            st.execute(s);
                        }
                    }
                    st.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
        }
    }

    private static String resource(String name) throws SQLException {
        try (InputStream in = SpectralDatabase.class.getResourceAsStream("/org/xaneslce/store/" + name)) {
            if (in == null) {
                throw new SQLException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + name, e);
        }
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            T result = work.run();
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** The id of a source, created when new. */
    public long source(String kind, String location, String levelOfTheory) throws SQLException {
        // INSERT OR IGNORE, then SELECT: two processes creating the same source at once get the same row.
        update("INSERT OR IGNORE INTO sources (kind, location, level_of_theory, code_version, created_at) VALUES (?, ?, ?, ?, ?)",
            kind, location, levelOfTheory, org.xaneslce.Version.describe(), Instant.now().toString());
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM sources WHERE kind = ? AND location = ?")) {
            ps.setString(1, kind);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** True when a unit of work of a source was committed. */
    public boolean isImported(long sourceId, String item) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM imported WHERE source_id = ? AND item = ?")) {
            ps.setLong(1, sourceId);
            ps.setString(2, item);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void markImported(long sourceId, String item) throws SQLException {
        update("INSERT OR IGNORE INTO imported (source_id, item) VALUES (?, ?)", sourceId, item);
    }

    /** Executes an update with positional parameters. */
    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Rows of a query as ordered maps (column label to value). */
    public List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= n; c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** A single long value of a query. */
    public long count(String sql, Object... args) throws SQLException {
        List<Map<String, Object>> rows = query(sql, args);
        if (rows.isEmpty()) {
            return 0;
        }
        Object v = rows.get(0).values().iterator().next();
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Records a rejection (replacing an earlier one for the same item and stage). */
    void reject(long sourceId, String item, String stage, String reason, String detail) throws SQLException {
        update("INSERT OR REPLACE INTO rejections (source_id, item, stage, reason, detail) VALUES (?, ?, ?, ?, ?)",
            sourceId, printable(item), stage, printable(reason), printable(detail));
    }

    /**
     * Text fit to store and show: control characters and undecodable bytes (U+FFFD, C1 controls)
     * become '?', at most 2,000 characters. Binary bytes quoted in a message never reach the database.
     */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("[\\p{Cntrl}&&[^\\t]]|\uFFFD|[\u0080-\u009F]", "?");
        return t.length() > 2000 ? t.substring(0, 2000) + "..." : t;
    }

    /**
     * A source and how much it gave.
     *
     * @param id row id
     * @param kind feff-campaign, feff-grid, mp-xas-json
     * @param levelOfTheory its spectra's level of theory
     * @param location where it came from
     * @param spectra spectra stored
     * @param rejected rejection rows
     */
    public record SourceSummary(long id, String kind, String levelOfTheory, String location, long spectra, long rejected) {
    }

    /**
     * How many rejections of one stage and reason.
     *
     * @param stage read, structure, label, check, simulate, warning
     * @param reason the short reason
     * @param count how many
     */
    public record RejectionCount(String stage, String reason, long count) {
    }

    /**
     * A stored spectrum with its source's level of theory.
     *
     * @param element absorber
     * @param material material id
     * @param site 0-based site index
     * @param energyJson energies, JSON array
     * @param muJson mu, JSON array
     * @param levelOfTheory the source's level of theory
     */
    public record StoredSpectrum(String element, String material, int site, String energyJson, String muJson, String levelOfTheory) {
    }

    /**
     * Two spectra of one labelled site from sources of two levels of theory.
     *
     * @param material material id
     * @param site 0-based site index
     * @param coordinationClass the site's class under the paper's rule
     * @param a the first level's spectrum
     * @param b the second level's spectrum
     */
    public record SpectrumPair(String material, int site, String coordinationClass, StoredSpectrum a, StoredSpectrum b) {
    }

    /**
     * A labelled spectrum, for building a dataset.
     *
     * @param material material id
     * @param site 0-based site index
     * @param energyJson energies, JSON array
     * @param muJson mu, JSON array
     * @param coordinationClass the label's class
     * @param label the ChemEnv symbol
     * @param csm its CSM
     * @param margin the CSM margin, or null
     * @param kind the source's kind
     * @param levelOfTheory the source's level of theory
     */
    public record LabelledSpectrum(String material, int site, String energyJson, String muJson, String coordinationClass, String label, double csm,
                                   Double margin, String kind, String levelOfTheory) {
    }

    /**
     * Every spectrum of {@code element} from sources of level {@code level}, labelled under
     * {@code rule}; by material and site, campaign spectra before grid rows before the rest.
     */
    public List<LabelledSpectrum> labelledSpectra(String element, String rule, String level) throws SQLException {
        List<LabelledSpectrum> out = new ArrayList<>();
        for (Map<String, Object> r : query(
            "SELECT s.material_id, s.site_index, s.energy_ev, s.mu, l.class, l.label, l.csm, l.margin, src.kind, src.level_of_theory"
                + " FROM spectra s JOIN sources src ON src.id = s.source_id"
                + " JOIN labels l ON l.material_id = s.material_id AND l.site_index = s.site_index AND l.rule = ?"
                + " WHERE s.element = ? AND src.level_of_theory = ?"
                + " ORDER BY s.material_id, s.site_index,"
                + " CASE src.kind WHEN 'feff-campaign' THEN 0 WHEN 'feff-grid' THEN 1 ELSE 2 END, s.id", rule, element, level)) {
            out.add(new LabelledSpectrum((String) r.get("material_id"), ((Number) r.get("site_index")).intValue(), (String) r.get("energy_ev"),
                (String) r.get("mu"), (String) r.get("class"), (String) r.get("label"),
                r.get("csm") == null ? Double.NaN : ((Number) r.get("csm")).doubleValue(),
                r.get("margin") == null ? null : ((Number) r.get("margin")).doubleValue(), (String) r.get("kind"),
                (String) r.get("level_of_theory")));
        }
        return out;
    }

    /** The SHA-256 of the FEFF cards of the campaigns whose spectra are of level {@code level} (one value, or null when none or several). */
    public String cardsSha256OfLevel(String level) throws SQLException {
        List<Map<String, Object>> r = query("SELECT DISTINCT c.cards_sha256 FROM campaigns c JOIN sources s ON s.id = c.source_id"
            + " WHERE s.level_of_theory = ? AND c.cards_sha256 IS NOT NULL", level);
        return r.size() == 1 ? (String) r.get(0).get("cards_sha256") : null;
    }

    /** Every source with its counts, by id. */
    public List<SourceSummary> sourceSummaries() throws SQLException {
        List<SourceSummary> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT s.id, s.kind, s.level_of_theory, s.location, (SELECT COUNT(*) FROM spectra WHERE source_id = s.id)"
            + " AS spectra, (SELECT COUNT(*) FROM rejections WHERE source_id = s.id) AS rejected FROM sources s ORDER BY s.id")) {
            out.add(new SourceSummary(((Number) r.get("id")).longValue(), (String) r.get("kind"), (String) r.get("level_of_theory"),
                (String) r.get("location"), ((Number) r.get("spectra")).longValue(), ((Number) r.get("rejected")).longValue()));
        }
        return out;
    }

    /** True when the database holds a spectrum of {@code element}. */
    public boolean hasSpectra(String element) throws SQLException {
        return count("SELECT COUNT(*) FROM spectra WHERE element = ?", element) > 0;
    }

    /** Rejections counted by stage and reason, most first. */
    public List<RejectionCount> rejectionCounts() throws SQLException {
        List<RejectionCount> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT stage, reason, COUNT(*) AS n FROM rejections GROUP BY stage, reason ORDER BY n DESC")) {
            out.add(new RejectionCount((String) r.get("stage"), (String) r.get("reason"), ((Number) r.get("n")).longValue()));
        }
        return out;
    }

    /** The spectra of sources whose level of theory starts with {@code prefix} ("FEFF10:"), by element, material and site. */
    public List<StoredSpectrum> spectraOfLevel(String prefix) throws SQLException {
        List<StoredSpectrum> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT s.element, s.material_id, s.site_index, s.energy_ev, s.mu, src.level_of_theory FROM spectra s"
            + " JOIN sources src ON src.id = s.source_id WHERE src.level_of_theory LIKE ? ORDER BY s.element, s.material_id, s.site_index", prefix + "%")) {
            out.add(stored(r, "energy_ev", "mu", (String) r.get("level_of_theory")));
        }
        return out;
    }

    /**
     * The labelled sites of {@code element} with a spectrum of level {@code levelA} from a source of
     * kind {@code kindA} and one of level {@code levelB}.
     */
    public List<SpectrumPair> spectrumPairs(String element, String levelA, String kindA, String levelB) throws SQLException {
        List<SpectrumPair> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT a.element, a.material_id, a.site_index, a.energy_ev AS ea, a.mu AS ma, b.energy_ev AS eb,"
            + " b.mu AS mb, l.class FROM spectra a JOIN sources sa ON sa.id = a.source_id AND sa.level_of_theory = ?"
            + " JOIN spectra b ON b.material_id = a.material_id AND b.site_index = a.site_index AND b.element = a.element"
            + " JOIN sources sb ON sb.id = b.source_id AND sb.level_of_theory = ?"
            + " JOIN labels l ON l.material_id = a.material_id AND l.site_index = a.site_index AND l.rule = 'O within 1.2 x d_min'"
            + " WHERE a.element = ? AND sa.kind = ? ORDER BY a.material_id, a.site_index", levelA, levelB, element, kindA)) {
            out.add(new SpectrumPair((String) r.get("material_id"), ((Number) r.get("site_index")).intValue(), (String) r.get("class"),
                stored(r, "ea", "ma", levelA), stored(r, "eb", "mb", levelB)));
        }
        return out;
    }

    private static StoredSpectrum stored(Map<String, Object> r, String e, String m, String level) {
        return new StoredSpectrum((String) r.get("element"), (String) r.get("material_id"), ((Number) r.get("site_index")).intValue(),
            (String) r.get(e), (String) r.get(m), level);
    }

    @Override
    public void close() throws SQLException {
        conn.close();
    }

    /** The structure file stored for {@code material} (empty when none, or when that file no longer exists). */
    public java.util.Optional<java.nio.file.Path> structureFile(String material) throws SQLException {
        for (Map<String, Object> r : query("SELECT file FROM structures WHERE material_id = ?", material)) {
            java.nio.file.Path p = java.nio.file.Path.of((String) r.get("file"));
            if (java.nio.file.Files.isRegularFile(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
