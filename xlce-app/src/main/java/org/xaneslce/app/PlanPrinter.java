package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.coordination.CoordinationLabeler;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.simulation.CampaignPlanner;
import org.xaneslce.store.SpectralDatabase;

/** {@code xlce simulate --plan}: the deficit table and the site lists. */
final class PlanPrinter {
    private final PrintWriter out;
    private final PrintWriter err;

    PlanPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int print(Path structures, Path datasets, Path feff9Data, Path db, double defaultSeconds, Path planOut, long seed) throws Exception {
        if (!Files.isDirectory(structures)) {
            err.println("xlce simulate --plan: no structure folder " + structures + " (give --structures DIR)");
            return 2;
        }
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
        out.printf(Locale.ROOT, "labelled %d 3d-metal sites of %d structures (%d unreadable) in %.0f s; %d T4/S5/O6 candidates,"
            + " %d left out as equivalent to another site of the same structure%n", lab.sites(), lab.files(), lab.filesRejected(),
            (System.nanoTime() - t0) / 1e9, lab.candidates().size(), lab.equivalentLeftOut());
        List<CampaignPlanner.Row> rows = CampaignPlanner.plan(lab.candidates(), have, computed, seconds);
        out.println("| metal | class | paper | have (FEFF 9 level) | available to compute | runs needed | hours, one core |");
        out.println("|---|---|---|---|---|---|---|");
        double total = 0;
        for (CampaignPlanner.Row r : rows) {
            total += r.hours();
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.0f |%n", r.element(), r.coordinationClass(), r.paper(), r.have(),
                r.available(), r.runs(), r.hours());
        }
        out.printf(Locale.ROOT, "total: %.0f core-hours at the measured FEFF10 time per site (%s)%n", total, seconds);
        if (planOut != null) {
            for (Path f : CampaignPlanner.writeSiteLists(rows, lab.candidates(), computed, planOut, seed)) {
                out.println("site list: " + f);
            }
        }
        return 0;
    }

    private static String canonical(String id) {
        int k = id.lastIndexOf('_');
        return k < 0 ? id : id.substring(0, k) + "_" + Integer.parseInt(id.substring(k + 1));
    }

    private static double median(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray()[v.size() / 2];
    }
}
