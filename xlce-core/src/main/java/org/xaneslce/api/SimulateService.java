package org.xaneslce.api;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.simulation.CampaignPlanner;
import org.xaneslce.simulation.FeffCards;
import org.xaneslce.simulation.FeffRunner;
import org.xaneslce.simulation.SiteRun;
import org.xaneslce.store.SpectralDatabase;

/**
 * Simulate: the FEFF set-up of a campaign (code, cards, executable), site lists, one site's run
 * without a database, and campaign archives; used by {@code xlce simulate} and the Spark job.
 */
public final class SimulateService {
    private static final Pattern ID = Pattern.compile("((?:mp|mvc)-\\d+)_(\\d+)");

    /**
     * A FEFF set-up, small enough to travel to Spark executors.
     *
     * @param element absorber
     * @param code feff8l, feff9 or feff10
     * @param cards card set name (mp, fast, medium, fine; feff8l for feff8l)
     * @param executable the FEFF executable (feff8l, feff9) or the FEFF10 installation folder
     * @param radius cluster radius, Angstrom
     * @param timeoutSeconds per-site limit
     */
    public record Setup(String element, String code, String cards, String executable, double radius, long timeoutSeconds) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Checks the set-up.
         *
         * @throws IllegalArgumentException for an unknown code or card set, or cards that the code does not run
         */
        public Setup {
            FeffCards c = cardsOf(code, cards);
            cards = c.name();
        }

        /** The card set. */
        public FeffCards feffCards() {
            return cardsOf(code, cards);
        }

        /** A runner (checks that a FEFF10 installation is there). */
        public FeffRunner runner() {
            return FeffCards.Code.parse(code) == FeffCards.Code.FEFF10 ? FeffRunner.feff10(Path.of(executable), timeoutSeconds)
                : new FeffRunner(executable, timeoutSeconds);
        }

        /** The level of theory of the spectra ("FEFF9", "FEFF10:fast", "feff8l"). */
        public String levelOfTheory() {
            return feffCards().levelOfTheory();
        }

        /** The cards' SHA-256. */
        public String cardsSha256() {
            return feffCards().sha256();
        }

        /** The default campaign name: {@code <El>-<code>[-<cards>]}. */
        public String defaultName() {
            FeffCards.Code c = FeffCards.Code.parse(code);
            return element + "-" + c.id() + (c == FeffCards.Code.FEFF10 ? "-" + cards : "");
        }
    }

    /** Sites read from a site list, and the ids left out by reason. */
    public record Sites(List<Campaign.SiteRef> sites, Map<String, Integer> skipped) {
    }

    /** The environment variable that names a FEFF10 installation. */
    public static final String FEFF10_HOME_ENV = FeffRunner.FEFF10_HOME_ENV;

    private SimulateService() {
    }

    /** True when a FEFF executable (a name on the PATH or a path) can be started. */
    public static boolean available(String executable) {
        return FeffRunner.available(executable);
    }

    /**
     * The FEFF10 installation: {@code given}, else ${@value #FEFF10_HOME_ENV}.
     *
     * @throws IllegalArgumentException saying how to get one when neither names one
     */
    public static Path feff10Home(java.util.Optional<Path> given) {
        return given.or(FeffRunner::feff10HomeFromEnvironment).orElseThrow(() -> new IllegalArgumentException(
            "FEFF10 not found: give --feff-home DIR or set " + FEFF10_HOME_ENV + " (how to build FEFF10: docs/SIMULATION.md)")).toAbsolutePath();
    }

    static FeffCards cardsOf(String code, String cards) {
        FeffCards.Code c = FeffCards.Code.parse(code);
        if (c == FeffCards.Code.FEFF8L) {
            if (cards != null && !cards.equals("feff8l") && !cards.equals("mp")) {
                throw new IllegalArgumentException("--cards " + cards + ": feff8l runs its own cards only");
            }
            return FeffCards.feff8l();
        }
        if (cards == null || cards.equals("mp")) {
            return FeffCards.mp(c);
        }
        FeffCards k = FeffCards.preset(cards).orElseThrow(() -> new IllegalArgumentException("unknown --cards '" + cards + "' (one of "
            + String.join(", ", new java.util.TreeSet<>(FeffCards.presets().keySet())) + ")"));
        if (c != FeffCards.Code.FEFF10 || k.code() != FeffCards.Code.FEFF10) {
            throw new IllegalArgumentException("--cards " + cards + " is a FEFF10 card set; use --code feff10");
        }
        return k;
    }

    /**
     * The sites of a site list ({@code <mp-id>_<site>} lines) whose structure is in
     * {@code structures} ({@code <id>.cif} or {@code <id>/POSCAR}); other lines are counted by reason.
     */
    public static Sites siteList(Path file, Path structures) throws IOException {
        List<Campaign.SiteRef> out = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ID.matcher(line.trim());
            if (!m.matches()) {
                if (!line.isBlank()) {
                    skipped.merge("bad id", 1, Integer::sum);
                }
                continue;
            }
            Path cif = structures.resolve(m.group(1) + ".cif");
            if (!Files.exists(cif)) {
                cif = structures.resolve(m.group(1)).resolve("POSCAR");
            }
            if (!Files.exists(cif)) {
                skipped.merge("no structure", 1, Integer::sum);
                continue;
            }
            out.add(new Campaign.SiteRef(m.group(1), Integer.parseInt(m.group(2)), cif.toAbsolutePath()));
        }
        return new Sites(out, skipped);
    }

    /** Runs one site in a folder under {@code workDir} and returns it as archived (done with its spectrum, or failed with its reason). */
    public static CampaignArchive.Site runSite(Setup setup, Campaign.SiteRef site, Path workDir) {
        return CampaignArchive.Site.of(SiteRun.run(site, setup.element(), setup.feffCards(), setup.radius(), setup.runner(), workDir));
    }

    /** Writes finished sites as the archive of campaign {@code name} (whole or not at all). */
    public static void writeArchive(Path file, String name, Setup setup, List<CampaignArchive.Site> sites) throws IOException {
        CampaignArchive.write(file, name, setup.element(), setup.feffCards(), setup.radius(), sites);
    }

    /**
     * The sites of {@code inputs} (site lists {@code *.txt}, or structure files and folders: every
     * site of {@code element}), a seeded sample of {@code sample} of them (0: all); what was left
     * out is counted by reason, and each unusable path is reported to {@code problems}.
     */
    public static Sites sites(List<Path> inputs, String element, Path structures, int sample, long seed,
                              java.util.function.Consumer<String> problems) throws IOException {
        List<Campaign.SiteRef> refs = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path p : inputs) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")) {
                Sites list = siteList(p, structures);
                refs.addAll(list.sites());
                list.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
                continue;
            }
            org.xaneslce.coordination.BatchLabeler.Expansion ex = org.xaneslce.coordination.BatchLabeler.expandAll(List.of(p));
            ex.problems().forEach(pr -> problems.accept(pr.toString()));
            ex.problems().forEach(pr -> skipped.merge(pr.message(), 1, Integer::sum));
            for (Path f : ex.files()) {
                org.xaneslce.structure.Structure st;
                try {
                    st = org.xaneslce.structure.io.StructureFormats.read(f);
                } catch (org.xaneslce.io.InputException e) {
                    problems.accept(e.getMessage());
                    skipped.merge("unreadable structure", 1, Integer::sum);
                    continue;
                }
                int before = refs.size();
                for (int i = 0; i < st.size(); i++) {
                    if (st.site(i).element().equals(element)) {
                        refs.add(new Campaign.SiteRef(st.id(), i, f));
                    }
                }
                if (refs.size() == before) {
                    skipped.merge("structures without " + element, 1, Integer::sum);
                }
            }
        }
        if (sample > 0 && sample < refs.size()) {
            java.util.Collections.shuffle(refs, new java.util.Random(seed));
            refs = new ArrayList<>(refs.subList(0, sample));
        }
        return new Sites(refs, skipped);
    }

    /**
     * The plan of campaigns (label first, then aim; see {@link CampaignPlanner}).
     *
     * @param labelled what labelling the structures found
     * @param rows per metal and class: the paper's count, what the datasets hold, the candidates, runs and hours
     * @param secondsPerSite the FEFF10 time per site used for the hours (by element; "*" for the rest)
     * @param computed site ids that already have a FEFF 9-level spectrum (not candidates)
     * @param labelSeconds wall time of the labelling
     */
    public record CampaignPlan(CampaignPlanner.Labelled labelled, List<CampaignPlanner.Row> rows, Map<String, Double> secondsPerSite,
                               Map<String, java.util.Set<String>> computed, double labelSeconds) {
        /** Writes one site list per metal and class with runs planned, in priority order, into {@code dir}. */
        public List<Path> writeSiteLists(Path dir, long seed) throws IOException {
            return CampaignPlanner.writeSiteLists(rows, labelled.candidates(), computed, dir, seed);
        }
    }

    /**
     * Plans campaigns: labels every 3d-metal site of the CIFs in {@code structures}, counts what the
     * datasets in {@code datasets} hold at FEFF 9 level, leaves out sites with FEFF 9 spectra
     * ({@code feff9Data}: feff9-grid, feff9-cu) and finished FEFF10 sites of {@code db}, and prices
     * the runs at the median FEFF10 time per site measured in {@code db} (else {@code defaultSeconds}).
     */
    public static CampaignPlan plan(Path structures, Path datasets, Path feff9Data, Path db, double defaultSeconds)
        throws IOException, java.sql.SQLException, org.xaneslce.io.InputException {
        Map<String, Map<CoordinationClass, Set<String>>> have = new HashMap<>();
        Map<String, Set<String>> computed = new HashMap<>();
        for (String el : CampaignPlanner.PAPER_COUNTS.keySet()) {
            Path f = datasets.resolve(el + ".csv.gz");
            if (Files.exists(f)) {
                Dataset d = DatasetFiles.read(f);
                if ("FEFF9".equals(d.levelOfTheory())) {
                    for (Dataset.Entry e : d.entries()) {
                        have.computeIfAbsent(el, k -> new EnumMap<>(CoordinationClass.class))
                            .computeIfAbsent(e.coordinationClass(), k -> new HashSet<>()).add(e.material() + "_" + e.site());
                    }
                }
            }
            Path ids = feff9Data.resolve("feff9-grid").resolve(el + "_ids.txt");
            if (Files.exists(ids)) {
                for (String line : Files.readAllLines(ids)) {
                    computed.computeIfAbsent(el, k -> new HashSet<>()).add(canonical(line.trim()));
                }
            }
        }
        Path cu = feff9Data.resolve("feff9-cu");
        if (Files.isDirectory(cu)) {
            try (Stream<Path> w = Files.walk(cu, 3)) {
                w.filter(p -> p.getFileName().toString().matches("\\d+_Cu") && Files.exists(p.resolve("xmu.dat")))
                    .forEach(p -> computed.computeIfAbsent("Cu", k -> new HashSet<>()).add(p.getParent().getParent().getFileName() + "_"
                        + Integer.parseInt(p.getFileName().toString().split("_")[0])));
            }
        }
        Map<String, Double> seconds = new HashMap<>();
        seconds.put("*", defaultSeconds);
        if (Files.exists(db)) {
            try (SpectralDatabase d = SpectralDatabase.open(db)) {
                Map<String, List<Double>> byEl = new HashMap<>();
                for (org.xaneslce.store.CampaignStore.Timing t : new org.xaneslce.store.CampaignStore(d).feff10Timings()) {
                    byEl.computeIfAbsent(t.element(), k -> new ArrayList<>()).add(t.seconds());
                    computed.computeIfAbsent(t.element(), k -> new HashSet<>()).add(t.material() + "_" + t.site());
                }
                List<Double> all = new ArrayList<>();
                byEl.forEach((el, v) -> {
                    all.addAll(v);
                    seconds.put(el, median(v));
                });
                if (!all.isEmpty()) {
                    seconds.put("*", median(all));
                }
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(structures)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cif")).sorted().toList();
        }
        long t0 = System.nanoTime();
        CampaignPlanner.Labelled lab = CampaignPlanner.label(files, new BatchLabeler(CoordinationLabeler.paper(), BatchLabeler.Selection.all3dMetals()),
            Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<CampaignPlanner.Row> rows = CampaignPlanner.plan(lab.candidates(), have, computed, seconds);
        return new CampaignPlan(lab, rows, seconds, computed, (System.nanoTime() - t0) / 1e9);
    }

    private static String canonical(String id) {
        int k = id.lastIndexOf('_');
        return k < 0 ? id : id.substring(0, k) + "_" + Integer.parseInt(id.substring(k + 1));
    }

    private static double median(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray()[v.size() / 2];
    }

    /**
     * A campaign in a spectral database (see {@link Campaign}): plan, recover, run, export. Close it.
     */
    public static final class CampaignRun implements AutoCloseable {
        private final org.xaneslce.store.SpectralDatabase db;
        private final Campaign campaign;
        private final String name;

        private CampaignRun(org.xaneslce.store.SpectralDatabase db, Campaign campaign, String name) {
            this.db = db;
            this.campaign = campaign;
            this.name = name;
        }

        /** Opens (creating) campaign {@code name} with {@code setup} in database {@code dbFile}. */
        public static CampaignRun open(Path dbFile, String name, Setup setup) throws java.sql.SQLException {
            org.xaneslce.store.SpectralDatabase db = org.xaneslce.store.SpectralDatabase.open(dbFile);
            try {
                return new CampaignRun(db, Campaign.open(db, name, setup.element(), setup.feffCards(), setup.runner(), setup.radius(),
                    setup.timeoutSeconds()), name);
            } catch (java.sql.SQLException | RuntimeException e) {
                db.close();
                throw e;
            }
        }

        /** Plans sites (equivalent ones left out with {@code symmetry}). */
        public Campaign.Plan plan(List<Campaign.SiteRef> sites, boolean symmetry) throws java.sql.SQLException {
            return campaign.plan(sites, symmetry);
        }

        /** Failed sites whose reason contains {@code reasonContains} ("" for all) go back to pending; returns how many. */
        public int retryFailed(String reasonContains) throws java.sql.SQLException {
            return campaign.retryFailed(reasonContains);
        }

        /** Sites left running by dead processes go back to pending; returns how many. */
        public int recover() throws java.sql.SQLException {
            return campaign.recover();
        }

        /** Counts by status. */
        public Campaign.Status status() throws java.sql.SQLException {
            return campaign.status();
        }

        /** Runs pending sites (see {@link Campaign#run}). */
        public void run(int workers, Path workDir, boolean keepFailed, int maxSites, Campaign.Listener listener) throws java.sql.SQLException {
            campaign.run(workers, workDir, keepFailed, maxSites, listener);
        }

        /** Writes the finished sites to an archive; returns the rows. */
        public int export(Path file) throws java.sql.SQLException, IOException {
            return CampaignArchive.export(db, name, file);
        }

        @Override
        public void close() throws java.sql.SQLException {
            db.close();
        }
    }
}
