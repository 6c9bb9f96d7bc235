package org.xaneslce.simulation;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.store.CampaignStore;
import org.xaneslce.store.Importer;
import org.xaneslce.store.SpectralDatabase;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * A FEFF campaign whose state lives in the spectral database ({@code campaign_sites}): sites are
 * planned once, workers claim one pending site at a time under a lease, and a finished site's
 * spectrum, structure and label are stored in the same transaction that marks it done, so a killed
 * campaign never stores a half-written result and never runs a finished site twice. On start, sites
 * left 'running' by a dead process of this host (or whose lease expired, from any host) go back to
 * pending. Several processes, on one machine or many sharing the database, can work on one campaign.
 */
public final class Campaign {
    /** A site to compute. */
    public record SiteRef(String material, int site, Path structureFile) {
    }

    /** Per-site outcome, for progress. */
    public record Outcome(String material, int site, boolean ok, String reason, double seconds) {
    }

    /** Progress listener. */
    @FunctionalInterface
    public interface Listener {
        /** A site finished. */
        void siteDone(Outcome o);
    }

    /** Counts by status. */
    public record Status(int pending, int running, int done, int failed) {
        /** All sites. */
        public int total() {
            return pending + running + done + failed;
        }
    }

    private final SpectralDatabase db;
    private final CampaignStore store;
    private final long id;
    private final long source;
    private final String element;
    private final FeffCards cards;
    private final double radius;
    private final FeffRunner runner;

    private Campaign(SpectralDatabase db, long id, long source, String element, FeffCards cards, double radius, FeffRunner runner) {
        this.db = db;
        this.store = new CampaignStore(db);
        this.id = id;
        this.source = source;
        this.element = element;
        this.cards = cards;
        this.radius = radius;
        this.runner = runner;
    }

    /** Opens (creating if new) the campaign {@code name} with the engine's default cards. */
    public static Campaign open(SpectralDatabase db, String name, String element, FeffInput.Engine engine, String executable,
                                double radius, long timeoutSeconds) throws SQLException {
        FeffCards cards = engine == FeffInput.Engine.FEFF8L ? FeffCards.feff8l() : FeffCards.mp(FeffCards.Code.FEFF9);
        return open(db, name, element, cards, new FeffRunner(executable, timeoutSeconds), radius, timeoutSeconds);
    }

    /**
     * Opens (creating if new) the campaign {@code name}: {@code runner} runs FEFF on inputs with
     * {@code cards}. An existing campaign must have the same element and cards (by SHA-256).
     */
    public static Campaign open(SpectralDatabase db, String name, String element, FeffCards cards, FeffRunner runner,
                                double radius, long timeoutSeconds) throws SQLException {
        String engine = cards.code() == FeffCards.Code.FEFF8L ? "FEFF8L" : "FEFF9";
        CampaignStore store = new CampaignStore(db);
        return db.inTransaction(() -> {
            Optional<CampaignStore.CampaignRow> existing = store.find(name);
            if (existing.isPresent()) {
                CampaignStore.CampaignRow r = existing.get();
                boolean sameCards = r.cardsSha256() == null ? engine.equals(r.engine()) && (cards.name().equals("mp") || cards.name().equals("feff8l"))
                    : cards.sha256().equals(r.cardsSha256());
                if (!element.equals(r.element()) || !sameCards) {
                    throw new SQLException("campaign '" + name + "' exists for " + r.element() + " with other cards"
                        + "; choose another --campaign name");
                }
                return new Campaign(db, r.id(), r.sourceId(), element, cards, radius, runner);
            }
            CampaignStore.CampaignRow r = store.create(name, element, engine, runner.executable(), radius, timeoutSeconds, cards.levelOfTheory(),
                cards.code().id(), cards.name(), cards.sha256());
            return new Campaign(db, r.id(), r.sourceId(), element, cards, radius, runner);
        });
    }

    /** The cards of this campaign. */
    public FeffCards cards() {
        return cards;
    }

    /**
     * What planning did.
     *
     * @param added sites newly planned
     * @param equivalent sites left out because another site of the same structure has the same
     *     cluster (same elements at the same distances to 1e-3 A): one run serves both
     * @param unreadable sites whose structure could not be read or whose site is not the absorber
     *     (planned anyway: the run records the reason)
     */
    public record Plan(int added, int equivalent, int unreadable) {
    }

    /** Adds sites (already planned ones are kept as they are) without looking for equivalent sites. */
    public int plan(List<SiteRef> sites) throws SQLException {
        return plan(sites, false).added();
    }

    /**
     * Adds sites (already planned ones are kept as they are). With {@code symmetry}, a site whose
     * cluster fingerprint ({@link FeffInput#clusterSha256()}) equals that of a site of the same
     * material already planned is left out.
     */
    public Plan plan(List<SiteRef> sites, boolean symmetry) throws SQLException {
        Map<Path, Structure> structures = new java.util.HashMap<>();
        List<String> hashes = new ArrayList<>();
        int unreadable = 0;
        for (SiteRef s : sites) {
            String h = null;
            if (symmetry) {
                try {
                    Structure st = structures.computeIfAbsent(s.structureFile(), f -> {
                        try {
                            return StructureFormats.read(f);
                        } catch (InputException e) {
                            return null;
                        }
                    });
                    if (st != null && s.site() < st.size() && st.site(s.site()).element().equals(element)) {
                        h = FeffInput.of(st, s.site(), radius, cards).clusterSha256();
                    }
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    h = null;
                }
                if (h == null) {
                    unreadable++;
                }
                if (structures.size() > 64) {
                    structures.clear();
                }
            }
            hashes.add(h);
        }
        int bad = unreadable;
        return db.inTransaction(() -> {
            int n = 0;
            int equivalent = 0;
            for (int i = 0; i < sites.size(); i++) {
                SiteRef s = sites.get(i);
                String h = hashes.get(i);
                if (h != null && store.hasEquivalent(id, s.material(), h, s.site())) {
                    equivalent++;
                    continue;
                }
                n += store.plan(id, s.material(), s.site(), s.structureFile().toAbsolutePath().toString(), h);
            }
            return new Plan(n, equivalent, bad);
        });
    }

    /** Restores archive rows (see {@link CampaignArchive#restore}); called by it. */
    CampaignArchive.Restored restore(List<CampaignArchive.Row> rows, List<Path> structureDirs, Importer importer)
        throws SQLException {
        int[] n = new int[4];
        for (int start = 0; start < rows.size(); start += 100) {
            int from = start;
            db.inTransaction(() -> {
                for (int i = from; i < Math.min(rows.size(), from + 100); i++) {
                    String[] f = rows.get(i).fields();
                    String material = f[0];
                    int site = Integer.parseInt(f[1]);
                    if (store.isFinished(id, material, site)) {
                        n[2]++;
                        continue;
                    }
                    Optional<Path> sf = CampaignArchive.structureOf(material, structureDirs);
                    Structure st = sf.map(CampaignArchive::readStructure).orElse(null);
                    String item = SiteRun.item(material, site, element);
                    String reason = f[6].isEmpty() ? null : f[6];
                    boolean done = "done".equals(f[2]);
                    if (done) {
                        if (st == null) {
                            n[3]++;
                            continue;
                        }
                        Optional<String> rejected = importer.storeComputed(source, item, material, st, sf.get(), site, element, rows.get(i).spectrum());
                        done = rejected.isEmpty();
                        reason = rejected.map(r -> "rejected: " + r).orElse(reason);
                    } else {
                        store.recordFailure(source, item, category(reason == null ? "" : reason), reason == null ? "failed" : reason);
                    }
                    store.putFinished(id, material, site, sf.map(p -> p.toAbsolutePath().toString()).orElse(material), done,
                        f[3].isEmpty() ? null : Double.parseDouble(f[3]), reason, f[4].isEmpty() ? null : Long.parseLong(f[4]),
                        f[5].isEmpty() ? null : f[5]);
                    n[done ? 0 : 1]++;
                }
                return null;
            });
        }
        return new CampaignArchive.Restored(store.get(id).name(), n[0], n[1], n[2], n[3]);
    }

    /** Counts by status. */
    public Status status() throws SQLException {
        Map<String, Integer> c = store.statusCounts(id);
        return new Status(c.getOrDefault("pending", 0), c.getOrDefault("running", 0), c.getOrDefault("done", 0), c.getOrDefault("failed", 0));
    }

    /**
     * Failed sites whose reason contains {@code reasonContains} ("" for all) go back to pending, to be
     * run again (with this xlce's retries, such as gentler SCF mixing); returns how many.
     */
    public int retryFailed(String reasonContains) throws SQLException {
        synchronized (db) {
            return db.inTransaction(() -> store.retryFailed(id, source, reasonContains, (material, site) -> SiteRun.item(material, site, element)));
        }
    }

    /** Sites left running by dead processes of this host go back to pending; returns how many. */
    public int recover() throws SQLException {
        String host = host();
        int n = 0;
        for (CampaignStore.Running r : store.running(id)) {
            String worker = r.worker();
            boolean dead = false;
            if (worker != null && worker.startsWith(host + ":")) {
                long pid = Long.parseLong(worker.split(":")[1]);
                dead = ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) || pid == ProcessHandle.current().pid();
            }
            if (dead || r.leaseUntilMs() < System.currentTimeMillis()) {
                n += store.release(id, r.material(), r.site());
            }
        }
        return n;
    }

    /**
     * Works through the pending sites with {@code workers} threads in {@code workDir}; returns when
     * none is left (or {@code maxSites} were done in this call, 0 for no limit).
     */
    public void run(int workers, Path workDir, boolean keepFailed, int maxSites, Listener listener) throws SQLException {
        recover();
        AtomicInteger started = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = host() + ":" + ProcessHandle.current().pid() + ":" + w;
            Thread t = new Thread(() -> {
                try {
                    while (maxSites <= 0 || started.getAndIncrement() < maxSites) {
                        Optional<SiteRef> s = claim(worker);
                        if (s.isEmpty()) {
                            return;
                        }
                        listener.siteDone(work(s.get(), workDir, keepFailed, worker));
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "xlce-feff-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }
        if (!errors.isEmpty()) {
            throw new SQLException("campaign worker failed: " + errors.get(0), errors.get(0));
        }
    }

    /** Seconds a claim outlives the longest run this process allows (labelling and storing after FEFF). */
    static final long LEASE_MARGIN_SECONDS = 600;

    /**
     * Claims the next site for {@code worker}. The lease covers the longest run of this process's
     * runner (its timeout, or the campaign's recorded one if longer) plus a margin, so no other
     * process takes over a site while its run can still be alive: a campaign restored from an
     * archive records no timeout, and a lease taken from that alone expired while FEFF still ran.
     */
    Optional<SiteRef> claim(String worker) throws SQLException {
        synchronized (db) {
            return db.inTransaction(() -> {
                long now = System.currentTimeMillis();
                long seconds = Math.max(runner.timeoutSeconds(), store.get(id).timeoutSeconds()) + LEASE_MARGIN_SECONDS;
                return store.claim(id, worker, now, now + 1000L * seconds)
                    .map(c -> new SiteRef(c.material(), c.site(), Path.of(c.structureFile())));
            });
        }
    }

    /**
     * Runs one claimed site and stores what came out, unless the claim is no longer
     * {@code worker}'s (another process took the site over after its lease ended): then nothing is
     * stored and the outcome says so, so a site is never stored twice.
     */
    Outcome work(SiteRef s, Path workDir, boolean keepFailed, String worker) throws SQLException {
        String item = SiteRun.item(s, element);
        SiteRun run = SiteRun.run(s, element, cards, radius, runner, workDir);
        Path dir = run.runDir();
        double secs = run.seconds();
        Structure st = run.ok() ? run.structure() : null;
        Spectrum sp = run.spectrum();
        java.util.OptionalLong peak = run.peakKilobytes();
        String clusterHash = run.clusterSha256();
        String f0 = run.failure();
        String outcome;
        synchronized (db) {
            outcome = db.inTransaction(() -> {
                if (!store.holds(id, s.material(), s.site(), worker)) {
                    return "not stored: the claim passed to another worker after its lease ended (" + store.worker(id, s.material(), s.site())
                        + " holds or finished it)";
                }
                String f = f0;
                if (f == null) {
                    Optional<String> rejected = new Importer(db, CoordinationLabeler.paper())
                        .storeComputed(source, item, s.material(), st, s.structureFile(), s.site(), element, sp);
                    f = rejected.map(r -> "rejected: " + r).orElse(null);
                } else {
                    store.recordFailure(source, item, category(f), f);
                }
                store.finish(id, s.material(), s.site(), f == null, secs, f == null ? run.note() : f, peak.isPresent() ? peak.getAsLong() : null,
                    clusterHash);
                return f;
            });
        }
        if (outcome == null || !keepFailed) {
            FeffRunner.delete(dir);
        }
        return new Outcome(s.material(), s.site(), outcome == null, outcome, secs);
    }

    private static String category(String message) {
        if (message.contains("timeout")) {
            return "timeout";
        }
        if (message.contains("no output")) {
            return "no output";
        }
        if (message.contains("FEFF error") || message.contains("failed FEFF run")) {
            return "FEFF error";
        }
        if (message.contains(", not ")) {
            return "site is not the absorber";
        }
        return "unreadable input";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
