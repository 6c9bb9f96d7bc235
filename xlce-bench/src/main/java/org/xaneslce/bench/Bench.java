package org.xaneslce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * Bench commands, one thread, results on standard output as Markdown table rows for
 * docs/BENCHMARKS.md. Usage: {@code java -jar xlce-bench/target/xlce-bench.jar label [SHARED_DATA]}.
 */
public final class Bench {
    private Bench() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "label";
        Path shared = Paths.get(args.length > 1 ? args[1] : "../shared/data");
        if (what.equals("levels")) {
            machine();
            Levels.run(Paths.get(args[1]), args.length > 2 ? args[2] : "Cu",
                org.xaneslce.nn.Network.Kind.valueOf(args.length > 3 ? args[3] : "mlp"));
            return;
        }
        if (what.equals("predict-cost")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            machine();
            PredictCost.run(shared);
            return;
        }
        if (what.equals("novelty")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            machine();
            NoveltyVariants.run(shared);
            return;
        }
        if (what.equals("alignment-variants")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            AlignmentVariants.run(shared, args.length > 2 ? Integer.parseInt(args[2]) : 400);
            return;
        }
        if (what.equals("measured-path")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            MeasuredPath.run(shared, args.length > 2 ? Integer.parseInt(args[2]) : 400, args.length > 3 ? Double.parseDouble(args[3]) : 5,
                args.length > 4 ? org.xaneslce.predict.Predictor.Placement.parse(args[4]) : org.xaneslce.predict.Predictor.Placement.ALIGN);
            return;
        }
        if (what.equals("resolution-set")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            Resolution.runSet(shared, Paths.get(args.length > 2 ? args[2] : "data/dataset-open"));
            return;
        }
        if (what.equals("canonical")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            machine();
            CanonicalAlignment.run(shared, args.length > 2 ? Integer.parseInt(args[2]) : 400);
            return;
        }
        if (what.equals("energy-scale")) {
            EnergyScaleCheck.run(shared, Paths.get(args.length > 2 ? args[2] : "data/foils"));
            return;
        }
        if (what.equals("foils")) {
            Foils.run(Paths.get(args[1]), Paths.get(args.length > 2 ? args[2] : "data/foils"), args.length > 3 ? Long.parseLong(args[3]) : 7200);
            return;
        }
        if (what.equals("resolution")) {
            Resolution.run(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]));
            return;
        }
        if (what.equals("broadening")) {
            machine();
            Broadening.run(Paths.get(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5, args.length > 3 ? Integer.parseInt(args[3]) : 2);
            return;
        }
        if (what.equals("measured")) {
            org.xaneslce.api.Installation.anchor(Bench.class);
            machine();
            Measured.run(shared, args.length > 2 ? org.xaneslce.predict.Predictor.Placement.parse(args[2]) : org.xaneslce.predict.Predictor.DEFAULT_PLACEMENT);
            return;
        }
        if (what.equals("calibrators")) {
            Calibrators.run(Paths.get(args[1]));
            return;
        }
        if (what.equals("formulas")) {
            formulas(Paths.get("data/dataset"), shared);
            return;
        }
        if (what.equals("codes")) {
            machine();
            Codes.run(Paths.get(args[1]), Paths.get(args.length > 2 ? args[2] : "../shared/data"));
            return;
        }
        if (what.equals("train")) {
            machine();
            trainBench();
            return;
        }
        if (!what.equals("label")) {
            System.err.println("unknown bench '" + what + "'; known: label, train, calibrators OOF_DIR, levels DB [ELEMENT [mlp|cnn]], codes CAMPAIGN_DB [SHARED_DATA], formulas [SHARED_DATA], measured [SHARED_DATA], novelty [SHARED_DATA], predict-cost [SHARED_DATA]");
            System.exit(2);
        }
        machine();
        List<Path> cu = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(shared.resolve("feff9-cu"))) {
            dirs.sorted().map(d -> d.resolve("POSCAR")).filter(Files::exists).forEach(cu::add);
        }
        List<Path> cifs;
        try (Stream<Path> files = Files.list(shared.resolve("mp-structures"))) {
            cifs = files.sorted().limit(2000).toList();
        }
        labelBench("feff9-cu POSCARs, Cu sites", cu, "Cu");
        labelBench("2,000 MP CIFs, all 3d-metal sites", cifs, null);
    }

    /** Epoch time of the paper's nets on 15,000 x 100 inputs, batch 32, one thread (the PyTorch comparison). */
    private static void trainBench() {
        int n = 15000;
        int d = 100;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (rng.nextGaussian() + 0.3 * y[i] * Math.sin(j / 7.0));
            }
        }
        for (org.xaneslce.nn.Network.Kind kind : org.xaneslce.nn.Network.Kind.values()) {
            org.xaneslce.nn.Network net = org.xaneslce.nn.Network.of(kind, d, 3, 0.3, 7);
            long[] epochNs = new long[8];
            long[] last = {System.nanoTime()};
            org.xaneslce.nn.Trainer.train(net, x, y, n, new org.xaneslce.nn.Trainer.Options(8, 32, 1e-3, 3), (e, loss) -> {
                long now = System.nanoTime();
                epochNs[e] = now - last[0];
                last[0] = now;
            });
            long[] steady = java.util.Arrays.copyOfRange(epochNs, 3, 8);
            java.util.Arrays.sort(steady);
            double ms = steady[2] / 1e6;
            double peer = kind == org.xaneslce.nn.Network.Kind.mlp ? 266 : 550;
            long t0 = System.nanoTime();
            float[] p = net.predict(x, n);
            double inferS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %d params | epoch %.0f ms (median of epochs 4-8) | PyTorch 1.13: %.0f ms | %.2fx | inference %.0f spectra/s |%n",
                kind, net.parameterCount(), ms, peer, peer / ms, n / inferS + 0 * p[0]);
        }
    }

    private static void machine() {
        System.out.printf(Locale.ROOT, "machine: %s %s, %d cores, Java %s, max heap %d MiB%n",
            System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static List<Structure> parse(List<Path> files) throws IOException {
        List<Structure> out = new ArrayList<>();
        for (Path p : files) {
            try {
                out.add(StructureFormats.read(p));
            } catch (InputException e) {
                System.err.println("skipped: " + e.getMessage());
            }
        }
        return out;
    }

    private static void labelBench(String name, List<Path> files, String element) throws IOException {
        CoordinationLabeler labeler = CoordinationLabeler.paper();
        // Warm-up: one full pass of parsing and labelling.
        List<Structure> structures = parse(files);
        int sites = labelAll(labeler, structures, element, null);
        int rounds = 3;
        double[] parseS = new double[rounds];
        double[] labelS = new double[rounds];
        TreeMap<Integer, double[]> byCn = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            structures = parse(files);
            long t1 = System.nanoTime();
            labelAll(labeler, structures, element, r == 0 ? byCn : null);
            long t2 = System.nanoTime();
            parseS[r] = (t1 - t0) / 1e9;
            labelS[r] = (t2 - t1) / 1e9;
        }
        Arrays.sort(parseS);
        Arrays.sort(labelS);
        double p = parseS[rounds / 2];
        double l = labelS[rounds / 2];
        System.out.printf(Locale.ROOT, "| %s | %d files | %d sites | parse %.2f s (%.0f files/s) | label %.2f s | %.0f sites/s | %.0f sites/s incl. parse | %.0fx ChemEnv (0.1 s/site) |%n",
            name, files.size(), sites, p, files.size() / p, l, sites / l, sites / (p + l), 0.1 * sites / l);
        StringBuilder cn = new StringBuilder("  per CN (count, mean ms/site):");
        byCn.forEach((k, v) -> cn.append(String.format(Locale.ROOT, " CN%d %d %.3f;", k, (int) v[0], 1e3 * v[1] / v[0])));
        System.out.println(cn);
    }

    private static int labelAll(CoordinationLabeler labeler, List<Structure> structures, String element, TreeMap<Integer, double[]> byCn) {
        int n = 0;
        for (Structure s : structures) {
            NeighbourFinder f = new NeighbourFinder(s);
            for (int i = 0; i < s.size(); i++) {
                String el = s.site(i).element();
                if (element == null ? Element.is3dMetal(el) : el.equals(element)) {
                    long t = System.nanoTime();
                    SiteLabel lab = labeler.label(f, i);
                    if (byCn != null) {
                        double[] acc = byCn.computeIfAbsent(lab.cn(), k -> new double[2]);
                        acc[0]++;
                        acc[1] += (System.nanoTime() - t) / 1e9;
                    }
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Writes data/dataset/formulas.csv.gz: the reduced formula of every material of the bundled
     * datasets (data/dataset and data/dataset-open), from its structure (mp-structures CIF, else the
     * feff9-cu POSCAR), for the web page's nearest-spectra table. Materials without a structure at hand are left out.
     */
    private static void formulas(Path datasets, Path shared) throws Exception {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (Path dir : List.of(datasets, datasets.resolveSibling(datasets.getFileName() + "-open"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s.filter(p -> p.getFileName().toString().matches("[A-Z][a-z]?\\.csv\\.gz")).sorted()::iterator) {
                    org.xaneslce.dataset.DatasetFiles.read(f).entries().forEach(e -> ids.add(e.material()));
                }
            }
        }
        StringBuilder out = new StringBuilder("material_id,formula\n");
        int missing = 0;
        for (String id : ids) {
            Path cif = shared.resolve("mp-structures").resolve(id + ".cif");
            Path poscar = shared.resolve("feff9-cu").resolve(id).resolve("POSCAR");
            Path f = Files.exists(cif) ? cif : Files.exists(poscar) ? poscar : null;
            if (f == null) {
                missing++;
                continue;
            }
            out.append(id).append(',').append(reducedFormula(StructureFormats.read(f))).append('\n');
        }
        Path target = datasets.resolve("formulas.csv.gz");
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(target)),
            java.nio.charset.StandardCharsets.UTF_8)) {
            w.write(out.toString());
        }
        System.out.printf(Locale.ROOT, "%d materials, %d without a structure at hand -> %s (%d bytes)%n", ids.size(), missing, target, Files.size(target));
    }

    /** "Cu4O4" -> "CuO": element counts in order of first appearance, divided by their greatest common divisor. */
    static String reducedFormula(Structure s) {
        java.util.LinkedHashMap<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < s.size(); i++) {
            counts.merge(s.site(i).element(), 1, Integer::sum);
        }
        int g = 0;
        for (int c : counts.values()) {
            g = java.math.BigInteger.valueOf(g).gcd(java.math.BigInteger.valueOf(c)).intValue();
        }
        StringBuilder b = new StringBuilder();
        for (java.util.Map.Entry<String, Integer> e : counts.entrySet()) {
            int n = e.getValue() / Math.max(g, 1);
            b.append(e.getKey()).append(n == 1 ? "" : Integer.toString(n));
        }
        return b.toString();
    }
}
