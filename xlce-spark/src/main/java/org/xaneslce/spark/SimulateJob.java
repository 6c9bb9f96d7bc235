package org.xaneslce.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xaneslce.api.SimulateService;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.simulation.CampaignArchive;

/**
 * {@code xlce cluster simulate}: planned sites -> FEFF runs on Spark executors -> spectra with
 * provenance, through the core API ({@link SimulateService}). Each executor runs FEFF in its local scratch
 * ({@code java.io.tmpdir}) and writes each finished site at once, atomically, to
 * {@code OUT/sites/<El>/<material>_<site>.json} (done with its spectrum, or failed with its
 * reason): a killed executor loses no finished site, a retried task or a rerun skips the sites
 * already there, so every site ends up exactly once. At the end the driver gathers the site files
 * into {@code OUT/spectra.parquet} (partitioned by element) and {@code OUT/campaign.csv.gz} (the
 * campaign archive format, which {@code xlce db import} reads). OUT must be visible to every
 * executor (a shared file system) on a real cluster.
 */
public final class SimulateJob {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The sites of a site list ({@code <mp-id>_<site>} lines) whose structure is in {@code structures}. */
    public static List<Campaign.SiteRef> sites(Path siteList, Path structures) throws IOException {
        return SimulateService.siteList(siteList, structures).sites();
    }

    /** Runs every site of {@code sites} that OUT does not hold yet, then gathers OUT's site files. */
    public static Summary run(SparkSession spark, List<Campaign.SiteRef> sites, String name, SimulateService.Setup spec, Path out) throws IOException {
        Path siteDir = out.resolve("sites").resolve(spec.element()).toAbsolutePath();
        Files.createDirectories(siteDir);
        List<String[]> todo = new ArrayList<>();
        for (Campaign.SiteRef s : sites) {
            if (!Files.exists(siteFile(siteDir, s.material(), s.site()))) {
                todo.add(new String[] {s.material(), Integer.toString(s.site()), s.structureFile().toString()});
            }
        }
        String dir = siteDir.toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int ran = 0;
        if (!todo.isEmpty()) {
            // One site per task: a task retry or an executor loss repeats at most one run.
            ran = jsc.parallelize(todo, todo.size()).map(t -> runOne(t, spec, Path.of(dir))).reduce(Integer::sum);
        }
        return gather(spark, sites, name, spec, out, siteDir, ran);
    }

    /** Runs one site on an executor (unless a retry finds it done) and writes its site file; returns 1 if it ran. */
    static int runOne(String[] t, SimulateService.Setup spec, Path siteDir) throws IOException {
        Path target = siteFile(siteDir, t[0], Integer.parseInt(t[1]));
        if (Files.exists(target)) {
            return 0;
        }
        Path scratch = Files.createTempDirectory("xlce-feff-");
        try {
            CampaignArchive.Site r = SimulateService.runSite(spec, new Campaign.SiteRef(t[0], Integer.parseInt(t[1]), Path.of(t[2])), scratch);
            ObjectNode o = JSON.createObjectNode();
            o.put("material_id", t[0]);
            o.put("site_index", Integer.parseInt(t[1]));
            o.put("status", r.done() ? "done" : "failed");
            o.put("reason", r.reason());
            o.put("seconds", r.seconds());
            o.put("peak_kb", r.peakKb());
            o.put("cluster_sha256", r.clusterSha256());
            if (r.done()) {
                o.set("energy_ev", JSON.valueToTree(r.energyEv()));
                o.set("mu", JSON.valueToTree(r.mu()));
            }
            Path tmp = Files.createTempFile(siteDir, ".site", ".tmp");
            Files.writeString(tmp, o.toString());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return 1;
        } finally {
            deleteTree(scratch);
        }
    }

    private static Path siteFile(Path siteDir, String material, int site) {
        return siteDir.resolve(String.format(Locale.ROOT, "%s_%03d.json", material, site));
    }

    private static Summary gather(SparkSession spark, List<Campaign.SiteRef> sites, String name, SimulateService.Setup spec, Path out, Path siteDir,
                                  int ran) throws IOException {
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
                spec.code(), spec.cards(), spec.cardsSha256(), spec.levelOfTheory(), e == null ? null : boxed(e), mu == null ? null : boxed(mu)));
            archive.add(new CampaignArchive.Site(s.material(), s.site(), ok, n.get("seconds").asDouble(), n.get("peak_kb").asLong(), cluster, reason, e, mu));
            if (ok) {
                done++;
            } else {
                failed++;
            }
        }
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).partitionBy("element").parquet(out.resolve("spectra.parquet").toString());
        SimulateService.writeArchive(out.resolve("campaign.csv.gz"), name, spec, archive);
        return new Summary(sites.size(), ran, done, failed, out);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var w = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) w.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<Double> boxed(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double x : v) {
            l.add(x);
        }
        return l;
    }
}
