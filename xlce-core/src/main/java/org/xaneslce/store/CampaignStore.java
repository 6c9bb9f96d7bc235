package org.xaneslce.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign tables ({@code campaigns}, {@code campaign_sites}; schema v2 and v3) behind typed
 * methods: every SQL statement of a FEFF campaign lives here. Callers run the methods that must go
 * together inside {@link SpectralDatabase#inTransaction}.
 */
public final class CampaignStore {
    /**
     * A campaign row.
     *
     * @param id row id
     * @param sourceId its spectra's source
     * @param name campaign name
     * @param element absorber
     * @param engine FEFF8L or FEFF9 (the card family of schema v2)
     * @param code feff8l, feff9 or feff10 (null for campaigns of schema v2)
     * @param cards card set name (null for schema v2)
     * @param cardsSha256 SHA-256 of the card text (null for schema v2)
     * @param radiusAngstrom cluster radius
     * @param timeoutSeconds per-site limit
     */
    public record CampaignRow(long id, long sourceId, String name, String element, String engine, String code, String cards, String cardsSha256,
                              double radiusAngstrom, long timeoutSeconds) {
    }

    /**
     * A site claimed for running.
     *
     * @param material material id
     * @param site 0-based site index
     * @param structureFile where its structure is
     */
    public record Claimed(String material, int site, String structureFile) {
    }

    /**
     * A site left running, as a recovery sees it.
     *
     * @param material material id
     * @param site 0-based site index
     * @param worker host:pid:thread of the claimant, or null
     * @param leaseUntilMs the lease's end, or 0
     */
    public record Running(String material, int site, String worker, long leaseUntilMs) {
    }

    /**
     * A finished site with its spectrum (null arrays when failed), as an archive needs it.
     *
     * @param material material id
     * @param site 0-based site index
     * @param done true when done, false when failed
     * @param seconds time of the run, or null
     * @param peakKb peak memory, or null
     * @param clusterSha256 cluster fingerprint, or null
     * @param reason failure reason, or null
     * @param energyJson the spectrum's energies as a JSON array, or null
     * @param muJson the spectrum's mu as a JSON array, or null
     */
    public record Finished(String material, int site, boolean done, Double seconds, Long peakKb, String clusterSha256, String reason,
                           String energyJson, String muJson) {
    }

    /**
     * One finished FEFF10 site's time, for planning.
     *
     * @param element absorber
     * @param material material id
     * @param site 0-based site index
     * @param seconds time of the run
     * @param peakKb peak memory, or null
     * @param cards card set name
     */
    public record Timing(String element, String material, int site, double seconds, Long peakKb, String cards) {
    }

    private final SpectralDatabase db;

    /** The campaign tables of {@code db}. */
    public CampaignStore(SpectralDatabase db) {
        this.db = db;
    }

    /** The database. */
    public SpectralDatabase db() {
        return db;
    }

    /** The campaign called {@code name}, if there is one. */
    public Optional<CampaignRow> find(String name) throws SQLException {
        List<Map<String, Object>> rows = db.query("SELECT id, source_id, name, element, engine, code, cards, cards_sha256, radius_angstrom,"
            + " timeout_seconds FROM campaigns WHERE name = ?", name);
        return rows.isEmpty() ? Optional.empty() : Optional.of(row(rows.get(0)));
    }

    /** The campaign with row id {@code id}. */
    public CampaignRow get(long id) throws SQLException {
        return row(db.query("SELECT id, source_id, name, element, engine, code, cards, cards_sha256, radius_angstrom, timeout_seconds"
            + " FROM campaigns WHERE id = ?", id).get(0));
    }

    /** Every campaign's name, sorted. */
    public List<String> names() throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : db.query("SELECT name FROM campaigns ORDER BY name")) {
            out.add((String) r.get("name"));
        }
        return out;
    }

    /** Creates a campaign and its spectra's source (level of theory {@code level}). */
    public CampaignRow create(String name, String element, String engine, String executable, double radius, long timeoutSeconds, String level,
                              String code, String cards, String cardsSha256) throws SQLException {
        long source = db.source("feff-campaign", "campaign:" + name, level);
        db.update("INSERT INTO campaigns (name, element, engine, executable, radius_angstrom, timeout_seconds, source_id, created_at,"
            + " code, cards, cards_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", name, element, engine, executable, radius,
            timeoutSeconds, source, Instant.now().toString(), code, cards, cardsSha256);
        return find(name).orElseThrow();
    }

    /** True when another site of {@code material} in the campaign has the cluster fingerprint {@code cluster}. */
    public boolean hasEquivalent(long campaign, String material, String cluster, int site) throws SQLException {
        return db.count("SELECT COUNT(*) FROM campaign_sites WHERE campaign_id = ? AND material_id = ? AND cluster_sha256 = ? AND site_index <> ?",
            campaign, material, cluster, site) > 0;
    }

    /** Plans a site (kept as it is when already planned); returns 1 when new. */
    public int plan(long campaign, String material, int site, String structureFile, String cluster) throws SQLException {
        return db.update("INSERT OR IGNORE INTO campaign_sites (campaign_id, material_id, site_index, structure_file, status, cluster_sha256)"
            + " VALUES (?, ?, ?, ?, 'pending', ?)", campaign, material, site, structureFile, cluster);
    }

    /** True when the site is done or failed. */
    public boolean isFinished(long campaign, String material, int site) throws SQLException {
        return db.count("SELECT COUNT(*) FROM campaign_sites WHERE campaign_id = ? AND material_id = ? AND site_index = ?"
            + " AND status IN ('done', 'failed')", campaign, material, site) > 0;
    }

    /** Records a finished site as it is (restoring an archive). */
    public void putFinished(long campaign, String material, int site, String structureFile, boolean done, Double seconds, String reason,
                            Long peakKb, String cluster) throws SQLException {
        db.update("INSERT OR REPLACE INTO campaign_sites (campaign_id, material_id, site_index, structure_file, status, seconds, reason,"
            + " peak_kb, cluster_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", campaign, material, site, structureFile, done ? "done" : "failed",
            seconds, reason, peakKb, cluster);
    }

    /** Records why a site's run failed (the rejections table, stage 'simulate'). */
    public void recordFailure(long source, String item, String category, String detail) throws SQLException {
        db.update("INSERT OR REPLACE INTO rejections (source_id, item, stage, reason, detail) VALUES (?, ?, 'simulate', ?, ?)",
            source, item, category, SpectralDatabase.printable(detail));
    }

    /**
     * Puts the failed sites whose reason contains {@code reasonContains} ("" for all) back to
     * pending, and forgets their recorded failure (its item named by {@code itemOf}); returns how many.
     */
    public int retryFailed(long campaign, long source, String reasonContains, java.util.function.BiFunction<String, Integer, String> itemOf)
        throws SQLException {
        List<Map<String, Object>> rows = db.query("SELECT material_id, site_index FROM campaign_sites WHERE campaign_id = ? AND status = 'failed'"
            + " AND instr(COALESCE(reason, ''), ?) > 0", campaign, reasonContains);
        for (Map<String, Object> r : rows) {
            String item = itemOf.apply((String) r.get("material_id"), ((Number) r.get("site_index")).intValue());
            db.update("DELETE FROM rejections WHERE source_id = ? AND item = ? AND stage = 'simulate'", source, item);
            db.update("UPDATE campaign_sites SET status = 'pending', worker = NULL, reason = NULL WHERE campaign_id = ? AND material_id = ?"
                + " AND site_index = ?", campaign, r.get("material_id"), r.get("site_index"));
        }
        return rows.size();
    }

    /** Site counts by status (pending, running, done, failed). */
    public Map<String, Integer> statusCounts(long campaign) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map<String, Object> r : db.query("SELECT status, COUNT(*) AS n FROM campaign_sites WHERE campaign_id = ? GROUP BY status", campaign)) {
            out.put((String) r.get("status"), ((Number) r.get("n")).intValue());
        }
        return out;
    }

    /** The sites marked running. */
    public List<Running> running(long campaign) throws SQLException {
        List<Running> out = new ArrayList<>();
        for (Map<String, Object> r : db.query("SELECT material_id, site_index, worker, lease_until_ms FROM campaign_sites"
            + " WHERE campaign_id = ? AND status = 'running'", campaign)) {
            out.add(new Running((String) r.get("material_id"), ((Number) r.get("site_index")).intValue(), (String) r.get("worker"),
                r.get("lease_until_ms") == null ? 0 : ((Number) r.get("lease_until_ms")).longValue()));
        }
        return out;
    }

    /** Puts a running site back to pending; returns 1 when it was still running. */
    public int release(long campaign, String material, int site) throws SQLException {
        return db.update("UPDATE campaign_sites SET status = 'pending', worker = NULL WHERE campaign_id = ? AND material_id = ?"
            + " AND site_index = ? AND status = 'running'", campaign, material, site);
    }

    /**
     * Claims the first pending site (or a running one whose lease ended before {@code nowMs}) for
     * {@code worker} until {@code leaseUntilMs}; call inside a transaction.
     */
    public Optional<Claimed> claim(long campaign, String worker, long nowMs, long leaseUntilMs) throws SQLException {
        List<Map<String, Object>> rows = db.query("SELECT material_id, site_index, structure_file FROM campaign_sites"
            + " WHERE campaign_id = ? AND (status = 'pending' OR (status = 'running' AND lease_until_ms < ?))"
            + " ORDER BY material_id, site_index LIMIT 1", campaign, nowMs);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> r = rows.get(0);
        db.update("UPDATE campaign_sites SET status = 'running', worker = ?, lease_until_ms = ?, attempts = attempts + 1"
            + " WHERE campaign_id = ? AND material_id = ? AND site_index = ?", worker, leaseUntilMs, campaign, r.get("material_id"), r.get("site_index"));
        return Optional.of(new Claimed((String) r.get("material_id"), ((Number) r.get("site_index")).intValue(), (String) r.get("structure_file")));
    }

    /** True when {@code worker} still holds the claim on a site (running, claimed by it). */
    public boolean holds(long campaign, String material, int site, String worker) throws SQLException {
        return db.count("SELECT COUNT(*) FROM campaign_sites WHERE campaign_id = ? AND material_id = ? AND site_index = ? AND status = 'running'"
            + " AND worker = ?", campaign, material, site, worker) == 1;
    }

    /** The worker that last claimed a site, or null. */
    public String worker(long campaign, String material, int site) throws SQLException {
        List<Map<String, Object>> r = db.query("SELECT worker FROM campaign_sites WHERE campaign_id = ? AND material_id = ? AND site_index = ?",
            campaign, material, site);
        return r.isEmpty() || r.get(0).get("worker") == null ? null : r.get(0).get("worker").toString();
    }

    /** Marks a claimed site done or failed with its time, reason, peak memory and cluster fingerprint. */
    public void finish(long campaign, String material, int site, boolean done, double seconds, String reason, Long peakKb, String cluster)
        throws SQLException {
        db.update("UPDATE campaign_sites SET status = ?, seconds = ?, reason = ?, lease_until_ms = NULL, peak_kb = ?,"
            + " cluster_sha256 = COALESCE(?, cluster_sha256) WHERE campaign_id = ? AND material_id = ? AND site_index = ?",
            done ? "done" : "failed", seconds, reason, peakKb, cluster, campaign, material, site);
    }

    /** Every finished site with its spectrum (from the campaign's source), by material and site. */
    public List<Finished> finished(CampaignRow c) throws SQLException {
        List<Finished> out = new ArrayList<>();
        for (Map<String, Object> r : db.query("SELECT cs.material_id, cs.site_index, cs.status, cs.seconds, cs.peak_kb, cs.cluster_sha256,"
            + " cs.reason, s.energy_ev, s.mu FROM campaign_sites cs LEFT JOIN spectra s ON s.source_id = ? AND s.material_id = cs.material_id"
            + " AND s.site_index = cs.site_index AND s.element = ? WHERE cs.campaign_id = ? AND cs.status IN ('done', 'failed')"
            + " ORDER BY cs.material_id, cs.site_index", c.sourceId(), c.element(), c.id())) {
            out.add(new Finished((String) r.get("material_id"), ((Number) r.get("site_index")).intValue(), "done".equals(r.get("status")),
                r.get("seconds") == null ? null : ((Number) r.get("seconds")).doubleValue(),
                r.get("peak_kb") == null ? null : ((Number) r.get("peak_kb")).longValue(), (String) r.get("cluster_sha256"),
                (String) r.get("reason"), (String) r.get("energy_ev"), (String) r.get("mu")));
        }
        return out;
    }

    /** The times of every done site of FEFF10 campaigns. */
    public List<Timing> feff10Timings() throws SQLException {
        List<Timing> out = new ArrayList<>();
        for (Map<String, Object> r : db.query("SELECT c.element, c.cards, cs.material_id, cs.site_index, cs.seconds, cs.peak_kb FROM campaign_sites cs"
            + " JOIN campaigns c ON c.id = cs.campaign_id WHERE c.code = 'feff10' AND cs.status = 'done' AND cs.seconds IS NOT NULL")) {
            out.add(new Timing((String) r.get("element"), (String) r.get("material_id"), ((Number) r.get("site_index")).intValue(),
                ((Number) r.get("seconds")).doubleValue(), r.get("peak_kb") == null ? null : ((Number) r.get("peak_kb")).longValue(),
                (String) r.get("cards")));
        }
        return out;
    }

    private static CampaignRow row(Map<String, Object> r) {
        return new CampaignRow(((Number) r.get("id")).longValue(), ((Number) r.get("source_id")).longValue(), (String) r.get("name"),
            (String) r.get("element"), (String) r.get("engine"), (String) r.get("code"), (String) r.get("cards"), (String) r.get("cards_sha256"),
            ((Number) r.get("radius_angstrom")).doubleValue(), ((Number) r.get("timeout_seconds")).longValue());
    }
}
