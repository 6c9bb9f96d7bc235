package org.xaneslce.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.simulation.CampaignArchive;
import org.xaneslce.simulation.FeffCards;
import org.xaneslce.simulation.FeffRunner;
import org.xaneslce.simulation.SiteRun;

/**
 * {@code xlce cluster simulate}: planned sites -> FEFF runs on Spark executors -> spectra with
 * provenance, through the core's {@link SiteRun}. Each executor runs FEFF in its local scratch
 * ({@code java.io.tmpdir}) and writes each finished site at once, atomically, to
 * {@code OUT/sites/<El>/<material>_<site>.json} (done with its spectrum, or failed with its
 * reason): a killed executor loses no finished site, a retried task or a rerun skips the sites
 * already there, so every site ends up exactly once. At the end the driver gathers the site files
 * into {@code OUT/spectra.parquet} (partitioned by element) and {@code OUT/campaign.csv.gz} (the
 * campaign archive format, which {@code xlce db import} reads). OUT must be visible to every
 * executor (a shared file system) on a real cluster.
 */
public final class SimulateJob {
    private static final Pattern ID = Pattern.compile("((?:mp|mvc)-\\d+)_(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The campaign's settings, as they travel to the executors.
     *
     * @param name campaign name
     * @param element absorber
     * @param code feff8l, feff9 or feff10
     * @param cards card set name
     * @param executable FEFF executable (feff8l, feff9) or FEFF10 home
     * @param radius cluster radius, Angstrom
     * @param timeoutSeconds per-site limit
     */
    public record Spec(String name, String element, String code, String cards, String executable, double radius, long timeoutSeconds)
        implements Serializable {
        private static final long serialVersionUID = 1L;

        FeffCards feffCards() {
            FeffCards.Code c = FeffCards.Code.parse(code);
            if (c == FeffCards.Code.FEFF8L) {
                return FeffCards.feff8l();
            }
            return cards.equals("mp") ? FeffCards.mp(c) : FeffCards.preset(cards).orElseThrow(() -> new IllegalArgumentException("unknown cards " + cards));
        }

        FeffRunner runner() {
            return FeffCards.Code.parse(code) == FeffCards.Code.FEFF10 ? FeffRunner.feff10(Path.of(executable), timeoutSeconds)
                : new FeffRunner(executable, timeoutSeconds);
        }
    }

    /** What a run did. */
    public record Summary(int planned, int ranNow, int done, int failed, Path out) {
    }

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
        DataTypes.createStructField("material_id", DataTypes.StringType, false),
        DataTypes.createStructField("site_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("element", DataTypes.StringType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("reason", DataTypes.StringType, true),
        DataTypes.createStructField("seconds", DataTypes.DoubleType, true),
        DataTypes.createStructField("cluster_sha256", DataTypes.StringType, true),
        DataTypes.createStructField("code", DataTypes.StringType, false),
        DataTypes.createStructField("cards", DataTypes.StringType, false),
        DataTypes.createStructField("cards_sha256", DataTypes.StringType, false),
        DataTypes.createStructField("level_of_theory", DataTypes.StringType, false),
        DataTypes.createStructField("energy_ev", DataTypes.createArrayType(DataTypes.DoubleType), true),
        DataTypes.createStructField("mu", DataTypes.createArrayType(DataTypes.DoubleType), true)));

    private SimulateJob() {
    }

    /** The sites of a site list ({@code <mp-id>_<site>} lines) whose structure is in {@code structures} ({@code <id>.cif} or {@code <id>/POSCAR}). */
    public static List<Campaign.SiteRef> sites(Path siteList, Path structures) throws IOException {
        List<Campaign.SiteRef> out = new ArrayList<>();
        for (String line : Files.readAllLines(siteList)) {
            Matcher m = ID.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Path cif = structures.resolve(m.group(1) + ".cif");
            Path f = Files.exists(cif) ? cif : structures.resolve(m.group(1)).resolve("POSCAR");
            out.add(new Campaign.SiteRef(m.group(1), Integer.parseInt(m.group(2)), f.toAbsolutePath()));
        }
        return out;
    }

    /** Runs every site of {@code sites} that OUT does not hold yet, then gathers OUT's site files. */
    public static Summary run(SparkSession spark, List<Campaign.SiteRef> sites, Spec spec, Path out) throws IOException {
        Path siteDir = out.resolve("sites").resolve(spec.element()).toAbsolutePath();
        Files.createDirectories(siteDir);
        List<String[]> todo = new ArrayList<>();
        for (Campaign.SiteRef s : sites) {
            if (!Files.exists(siteFile(siteDir, s.material(), s.site()))) {
                todo.add(new String[] {s.material(), Integer.toString(s.site()), s.structureFile().toString()});
            }
        }
        spec.feffCards();
        String dir = siteDir.toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int ran = 0;
        if (!todo.isEmpty()) {
            // One site per task: a task retry or an executor loss repeats at most one run.
            ran = jsc.parallelize(todo, todo.size()).map(t -> runOne(t, spec, Path.of(dir))).reduce(Integer::sum);
        }
        return gather(spark, sites, spec, out, siteDir, ran);
    }

    /** Runs one site on an executor (unless a retry finds it done) and writes its site file; returns 1 if it ran. */
    static int runOne(String[] t, Spec spec, Path siteDir) throws IOException {
        Path target = siteFile(siteDir, t[0], Integer.parseInt(t[1]));
        if (Files.exists(target)) {
            return 0;
        }
        Path scratch = Files.createTempDirectory("xlce-feff-");
        try {
            SiteRun r = SiteRun.run(new Campaign.SiteRef(t[0], Integer.parseInt(t[1]), Path.of(t[2])), spec.element(), spec.feffCards(),
                spec.radius(), spec.runner(), scratch);
            ObjectNode o = JSON.createObjectNode();
            o.put("material_id", t[0]);
            o.put("site_index", Integer.parseInt(t[1]));
            o.put("status", r.ok() ? "done" : "failed");
            o.put("reason", r.failure());
            o.put("seconds", r.seconds());
            o.put("peak_kb", r.peakKilobytes().orElse(-1));
            o.put("cluster_sha256", r.clusterSha256());
            if (r.ok()) {
                o.set("energy_ev", JSON.valueToTree(r.spectrum().energyEv()));
                o.set("mu", JSON.valueToTree(r.spectrum().mu()));
            }
            Path tmp = Files.createTempFile(siteDir, ".site", ".tmp");
            Files.writeString(tmp, o.toString());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return 1;
        } finally {
            FeffRunner.delete(scratch);
        }
    }

    private static Path siteFile(Path siteDir, String material, int site) {
        return siteDir.resolve(String.format(Locale.ROOT, "%s_%03d.json", material, site));
    }

    private static Summary gather(SparkSession spark, List<Campaign.SiteRef> sites, Spec spec, Path out, Path siteDir, int ran) throws IOException {
        FeffCards cards = spec.feffCards();
        List<Row> rows = new ArrayList<>();
        List<CampaignArchive.Site> archive = new ArrayList<>();
        int done = 0;
        int failed = 0;
        for (Campaign.SiteRef s : sites) {
            Path f = siteFile(siteDir, s.material(), s.site());
            if (!Files.exists(f)) {
                continue;
            }
            JsonNode n = JSON.readTree(f.toFile());
            boolean ok = n.get("status").asText().equals("done");
            double[] e = ok ? JSON.treeToValue(n.get("energy_ev"), double[].class) : null;
            double[] mu = ok ? JSON.treeToValue(n.get("mu"), double[].class) : null;
            String reason = n.get("reason").isNull() ? null : n.get("reason").asText();
            String cluster = n.get("cluster_sha256").isNull() ? null : n.get("cluster_sha256").asText();
            rows.add(RowFactory.create(s.material(), s.site(), spec.element(), ok ? "done" : "failed", reason, n.get("seconds").asDouble(), cluster,
                cards.code().id(), cards.name(), cards.sha256(), cards.levelOfTheory(), e == null ? null : boxed(e), mu == null ? null : boxed(mu)));
            archive.add(new CampaignArchive.Site(s.material(), s.site(), ok, n.get("seconds").asDouble(), n.get("peak_kb").asLong(), cluster, reason, e, mu));
            if (ok) {
                done++;
            } else {
                failed++;
            }
        }
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).partitionBy("element").parquet(out.resolve("spectra.parquet").toString());
        CampaignArchive.write(out.resolve("campaign.csv.gz"), spec.name(), spec.element(), cards, spec.radius(), archive);
        return new Summary(sites.size(), ran, done, failed, out);
    }

    private static List<Double> boxed(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double x : v) {
            l.add(x);
        }
        return l;
    }
}
