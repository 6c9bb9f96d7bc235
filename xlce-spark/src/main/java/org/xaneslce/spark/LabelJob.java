package org.xaneslce.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.xaneslce.api.LabelService;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.io.AtomicFiles;
import org.xaneslce.io.Problem;

/**
 * {@code xlce cluster label}: structure files -> site labels on Spark, through the core's
 * {@link LabelService} (one per partition). Output in OUT: {@code labels.parquet} (partitioned by
 * element) and {@code labels.csv}, the same rows in the same order as {@code xlce label --format csv};
 * {@code problems.csv} lists every file or site that could not be labelled.
 */
public final class LabelJob {
    /** Labelling options that travel to the executors. */
    public record Options(double factor, List<String> neighbourElements, double maxRadiusAngstrom, List<String> elements) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The paper's rule for every 3d-metal site. */
        public static Options paper() {
            return new Options(1.2, List.of("O"), 5.0, List.of());
        }

        LabelService.Request request() {
            return new LabelService.Request(factor, Set.copyOf(neighbourElements), maxRadiusAngstrom, Set.of(), Set.copyOf(elements));
        }
    }

    /** What a run did. */
    public record Summary(int files, int sites, int problems, Path out) {
    }

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
        DataTypes.createStructField("file_index", DataTypes.IntegerType, false),
        DataTypes.createStructField("structure", DataTypes.StringType, false),
        DataTypes.createStructField("site", DataTypes.IntegerType, false),
        DataTypes.createStructField("element", DataTypes.StringType, false),
        DataTypes.createStructField("cn", DataTypes.IntegerType, false),
        DataTypes.createStructField("dmin_angstrom", DataTypes.DoubleType, true),
        DataTypes.createStructField("label", DataTypes.StringType, false),
        DataTypes.createStructField("class", DataTypes.StringType, false),
        DataTypes.createStructField("csm", DataTypes.DoubleType, true),
        DataTypes.createStructField("margin", DataTypes.DoubleType, true),
        DataTypes.createStructField("file", DataTypes.StringType, false),
        DataTypes.createStructField("csv", DataTypes.StringType, false)));

    private LabelJob() {
    }

    /** Labels every structure file of {@code inputs} (files or folders) into {@code out}. */
    public static Summary run(SparkSession spark, List<Path> inputs, Options options, Path out) throws IOException {
        LabelService.Inputs in = LabelService.expand(inputs);
        List<String> files = new ArrayList<>();
        in.files().forEach(f -> files.add(f.toString()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 8));
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            indices.add(i);
        }
        JavaRDD<Object[]> results = jsc.parallelize(indices, slices).mapPartitions(it -> {
            LabelService service = new LabelService(options.request());
            List<Object[]> rows = new ArrayList<>();
            while (it.hasNext()) {
                int i = it.next();
                Path f = Path.of(files.get(i));
                LabelService.FileLabels r = service.labelFile(f);
                for (SiteLabel l : r.labels()) {
                    rows.add(new Object[] {"label", i, l.structureId(), l.siteIndex(), l.element(), l.cn(), finite(l.dminAngstrom()), l.label(),
                        l.coordinationClass().name(), finite(l.bestCsm()), finite(l.margin()), f.toString(), LabelService.csvRow(l, f)});
                }
                for (Problem p : r.problems()) {
                    rows.add(new Object[] {"problem", i, p.toString()});
                }
            }
            return rows.iterator();
        }).cache();
        JavaRDD<Row> labels = results.filter(o -> o[0].equals("label")).map(o -> RowFactory.create(java.util.Arrays.copyOfRange(o, 1, o.length)));
        spark.createDataFrame(labels, SCHEMA).drop("csv").write().mode(SaveMode.Overwrite).partitionBy("element")
            .parquet(out.resolve("labels.parquet").toString());
        List<Row> collected = new ArrayList<>(labels.collect());
        collected.sort(Comparator.<Row>comparingInt(r -> r.getInt(0)).thenComparingInt(r -> r.getInt(2)));
        StringBuilder csv = new StringBuilder(LabelService.CSV_HEADER).append('\n');
        collected.forEach(r -> csv.append(r.getString(11)).append('\n'));
        AtomicFiles.write(out.resolve("labels.csv"), csv.toString());
        List<String> problems = new ArrayList<>();
        in.problems().forEach(p -> problems.add(p.toString()));
        results.filter(o -> o[0].equals("problem")).collect().stream().sorted(Comparator.comparingInt(o -> (Integer) o[1]))
            .forEach(o -> problems.add((String) o[2]));
        AtomicFiles.write(out.resolve("problems.csv"), "problem\n" + String.join("\n", problems) + (problems.isEmpty() ? "" : "\n"));
        results.unpersist();
        return new Summary(files.size(), collected.size(), problems.size(), out);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
