package org.xaneslce.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.xaneslce.simulation.Campaign;
import org.xaneslce.api.SimulateService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xlce cluster label|simulate}: the labelling and FEFF jobs on Apache Spark ({@code --master
 * local[2]} here; {@code spark-submit} on a cluster, docs/SCALING.md). Exit codes: 0 ok, 1 when an
 * input or site failed, 2 for usage errors.
 */
@Command(name = "xlce cluster", mixinStandardHelpOptions = true, subcommands = {ClusterMain.Label.class, ClusterMain.Simulate.class},
    description = "Labelling and FEFF campaigns on Apache Spark.")
public final class ClusterMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point (also the application class for spark-submit). */
    public static void main(String[] args) {
        int code = new CommandLine(new ClusterMain()).execute(args);
        System.exit(code);
    }

    static SparkSession session(String master, String app) {
        SparkSession.Builder b = SparkSession.builder().appName(app).config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8").config("spark.task.maxFailures", "4");
        if (master != null) {
            b = b.master(master);
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    @Command(name = "label", mixinStandardHelpOptions = true, description = "Label every 3d-metal site of structure files (the rows of xlce label --format csv).")
    static final class Label implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Structure files or folders.")
        List<Path> inputs;

        @Option(names = "--out", required = true, description = "Output folder: labels.parquet (by element), labels.csv, problems.csv.")
        Path out;

        @Option(names = "--master", description = "Spark master (local[2], spark://host:7077, yarn; default: from spark-submit).")
        String master;

        @Option(names = "--element", description = "Only these absorbers (repeatable).")
        List<String> elements = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter err = new PrintWriter(System.err, true);
            Files.createDirectories(out);
            long t0 = System.nanoTime();
            SparkSession spark = session(master, "xlce label");
            long t1 = System.nanoTime();
            LabelJob.Summary s;
            try {
                s = LabelJob.run(spark, inputs, new LabelJob.Options(1.2, List.of("O"), 5.0, elements), out);
            } finally {
                spark.stop();
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "%d files, %d sites labelled, %d problems in %.1f s (%.0f sites/s; Spark session start %.1f s) -> %s%n",
                s.files(), s.sites(), s.problems(), secs, s.sites() / Math.max(secs, 1e-9), (t1 - t0) / 1e9, out);
            if (s.problems() > 0) {
                err.println("xlce cluster label: " + s.problems() + " problems, listed in " + out.resolve("problems.csv"));
            }
            return s.problems() > 0 ? 1 : 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run FEFF for planned sites on the executors; each finished site is kept at once, a rerun skips it.",
            "Output: spectra.parquet (by element), campaign.csv.gz (for xlce db import), sites/<El>/*.json."})
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--sites", required = true, description = "A file of <mp-id>_<site> lines (xlce simulate --plan-out writes them).")
        Path siteList;

        @Option(names = "--structures", defaultValue = "../shared/data/mp-structures", description = "Structures: <id>.cif or <id>/POSCAR (default ${DEFAULT-VALUE}).")
        Path structures;

        @Option(names = "--element", required = true, description = "Absorber.")
        String element;

        @Option(names = "--code", defaultValue = "feff10", description = "feff8l, feff9 or feff10 (default ${DEFAULT-VALUE}).")
        String code;

        @Option(names = "--feff", description = "FEFF executable for feff8l or feff9.")
        String feff;

        @Option(names = "--feff-home", description = "FEFF10 installation on every executor (default $" + SimulateService.FEFF10_HOME_ENV + ").")
        Path feffHome;

        @Option(names = "--cards", defaultValue = "fast", description = "Card set (default ${DEFAULT-VALUE}; mp for the FEFF 9 cards).")
        String cards;

        @Option(names = "--campaign", description = "Campaign name (default <El>-<code>-<cards>).")
        String campaign;

        @Option(names = "--radius", defaultValue = "9.0", description = "Cluster radius, Angstrom (default ${DEFAULT-VALUE}).")
        double radius;

        @Option(names = "--timeout", defaultValue = "3600", description = "Seconds per site (default ${DEFAULT-VALUE}).")
        long timeout;

        @Option(names = "--out", required = true, description = "Output folder (shared by every executor).")
        Path out;

        @Option(names = "--master", description = "Spark master (default: from spark-submit).")
        String master;

        @Override
        public Integer call() throws Exception {
            SimulateService.Setup setup;
            try {
                boolean feff10 = code.equalsIgnoreCase("feff10");
                String exe = feff10 ? SimulateService.feff10Home(java.util.Optional.ofNullable(feffHome)).toString() : feff != null ? feff : "feff8l";
                setup = new SimulateService.Setup(element, code, cards, exe, radius, timeout);
            } catch (IllegalArgumentException e) {
                System.err.println("xlce cluster simulate: " + e.getMessage());
                return 2;
            }
            String name = campaign != null ? campaign : setup.defaultName();
            List<Campaign.SiteRef> sites = SimulateJob.sites(siteList, structures);
            long t00 = System.nanoTime();
            SparkSession spark = session(master, "xlce simulate " + name);
            long t0 = System.nanoTime();
            System.err.printf(Locale.ROOT, "Spark session started in %.1f s%n", (t0 - t00) / 1e9);
            SimulateJob.Summary s;
            try {
                s = SimulateJob.run(spark, sites, name, setup, out);
            } finally {
                spark.stop();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "campaign %s: %d sites planned, %d run now in %.1f s; %d done, %d failed -> %s%n", name, s.planned(),
                s.ranNow(), secs, s.done(), s.failed(), out);
            return s.failed() > 0 || s.done() + s.failed() < s.planned() ? 1 : 0;
        }
    }
}
