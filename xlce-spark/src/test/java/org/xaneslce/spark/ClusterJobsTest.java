package org.xaneslce.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.api.LabelService;

/** The Spark jobs in local mode: the same labels as xlce label; a campaign killed midway ends with every site once. */
class ClusterJobsTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    static Path fixtures() {
        return Paths.get("../xlce-core/src/test/resources/fixtures").toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() {
        spark = ClusterMain.session("local[2]", "xlce test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void label_givesTheRowsOfXlceLabel_andListsProblems() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (var s = Files.list(fixtures().resolve("structures"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        Files.writeString(in.resolve("broken.cif"), "data_x\n_cell_length_a 3\n");
        LabelJob.Summary sum = LabelJob.run(spark, List.of(in), LabelJob.Options.paper(), tmp.resolve("out"));
        // What xlce label --format csv prints for the same folder: the core's rows, in file and site order.
        StringBuilder expected = new StringBuilder(LabelService.CSV_HEADER).append('\n');
        LabelService service = new LabelService(LabelService.Request.paper());
        service.label(LabelService.expand(List.of(in)).files(), 1, r -> r.labels().forEach(l -> expected.append(LabelService.csvRow(l, r.file())).append('\n')));
        assertEquals(expected.toString(), Files.readString(tmp.resolve("out/labels.csv")));
        assertEquals(9, sum.sites());
        assertEquals(1, sum.problems());
        assertTrue(Files.readString(tmp.resolve("out/problems.csv")).contains("broken.cif"));
        Dataset<Row> parquet = spark.read().parquet(tmp.resolve("out/labels.parquet").toString());
        assertEquals(9, parquet.count());
        assertEquals(List.of("Cu", "Ti"), parquet.select("element").distinct().orderBy("element").collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    /** A stand-in FEFF: a real FEFF 9 xmu.dat after a moment; fails for site 5; on its third call it kills the whole Spark JVM once. */
    private Path standInFeff(Path counter) throws Exception {
        Path xmu = fixtures().resolve("spectra/xmu-mp-622110-003.dat");
        Path f = tmp.resolve("feff");
        Files.writeString(f, "#!/bin/sh\n"
            + "n=$(cat '" + counter + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + counter + "'\n"
            + "if [ $n -eq 3 ] && [ ! -f '" + counter + ".killed' ]; then touch '" + counter + ".killed';"
            + " p=$$; while [ \"$(cat /proc/$p/comm)\" != java ]; do p=$(awk '{print $4}' /proc/$p/stat); done; kill -9 $p; sleep 5; fi\n"
            + "if grep -q 'site 5 ' feff.inp; then echo 'stand-in: potential did not converge' >&2; exit 3; fi\n"
            + "sleep 0.2\ncp '" + xmu + "' xmu.dat\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private int runChild(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String o : System.getProperty("xlce.spark.jvm", "").split(" ")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterMain.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(l -> { });
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void simulate_killedMidway_thenRerun_everySiteExactlyOnce_doneOrFailedWithReason() throws Exception {
        Path st = tmp.resolve("st");
        for (String id : List.of("mp-622110", "mp-780217", "mp-1036393")) {
            Files.createDirectories(st.resolve(id));
            Files.copy(fixtures().resolve("structures/POSCAR-" + id), st.resolve(id).resolve("POSCAR"));
        }
        Path sites = Files.writeString(tmp.resolve("sites.txt"), "mp-622110_3\nmp-622110_4\nmp-622110_5\nmp-622110_0\nmp-780217_14\nmp-780217_15\n"
            + "mp-1036393_15\n");
        Path counter = tmp.resolve("calls");
        List<String> args = List.of("simulate", "--sites", sites.toString(), "--structures", st.toString(), "--element", "Cu", "--code", "feff9",
            "--feff", standInFeff(counter).toString(), "--cards", "mp", "--master", "local[2]", "--out", tmp.resolve("out").toString());
        int first = runChild(args);
        assertEquals(137, first, "the stand-in FEFF killed the job (SIGKILL) midway");
        assertTrue(Files.exists(Path.of(counter + ".killed")));
        int finishedBefore;
        try (var s = Files.list(tmp.resolve("out/sites/Cu"))) {
            finishedBefore = (int) s.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertTrue(finishedBefore >= 1 && finishedBefore < 7, "some sites were kept before the kill: " + finishedBefore);
        int second = runChild(args);
        assertEquals(1, second, "a site failed (and site 0 is Ba), so the exit code says so");
        // Every site exactly once: the archive, the Parquet output and the site files agree.
        List<String> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(tmp.resolve("out/campaign.csv.gz"))),
            StandardCharsets.UTF_8))) {
            r.lines().filter(l -> l.startsWith("mp-")).forEach(rows::add);
        }
        assertEquals(7, rows.size());
        assertEquals(7, new TreeSet<>(rows.stream().map(l -> l.split(",")[0] + "_" + l.split(",")[1]).toList()).size());
        List<String> failed = rows.stream().filter(l -> l.split(",")[2].equals("failed")).toList();
        assertEquals(2, failed.size(), String.join("\n", failed));
        assertTrue(failed.stream().anyMatch(l -> l.contains("potential did not converge")), String.join("\n", failed));
        assertTrue(failed.stream().anyMatch(l -> l.contains("site 0 is Ba")), String.join("\n", failed));
        Dataset<Row> parquet = spark.read().parquet(tmp.resolve("out/spectra.parquet").toString());
        assertEquals(7, parquet.count());
        assertEquals(7, parquet.select("material_id", "site_index").distinct().count());
        assertEquals(5, parquet.filter("status = 'done' AND size(mu) > 100").count());
        assertEquals("FEFF9", parquet.select("level_of_theory").first().getString(0));
        int calls = Integer.parseInt(Files.readString(counter).trim());
        assertTrue(calls <= 7 + 1, "a finished site never runs twice (7 FEFF runs needed, 1 lost to the kill): " + calls);
    }
}
