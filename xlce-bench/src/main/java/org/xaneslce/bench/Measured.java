package org.xaneslce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionRecord;
import org.xaneslce.spectrum.io.ReadOptions;

/**
 * What the shipped models say about measured spectra of known geometry (../shared/data/measured-dev,
 * LABELS.tsv), grouped by the absorber's ligands as the compound names tell them: oxygen ligands
 * (oxides, hydroxides, sulfates, aqua and acac complexes), sulfur (sulfides), chlorine (chloride
 * complexes), nitrogen and oxygen (oxynitrides). Per group: inputs, refused (not placeable on the
 * model grid), classified, flagged novel, the accuracy of the class against the label (T4/O6), and
 * the ROC AUC of the novelty score separating the non-oxygen groups from the oxygen group (1: the
 * score tells them apart, 0.5: chance). Baseline for the trust issue. Usage:
 * {@code java -jar xlce-bench.jar measured [SHARED_DATA]}.
 */
final class Measured {
    private Measured() {
    }

    static String ligands(String compound) {
        String c = compound.toLowerCase(Locale.ROOT);
        if (c.contains("oxynitride")) {
            return "N and O";
        }
        if (c.contains("sulfide") || c.contains("pyrite") || c.contains("troilite") || c.contains("pyrrhotite") || c.matches(".*(fes|cr2s3|cufes2|mns|mn2s).*")
            && !c.contains("so4") && !c.contains("sulfate")) {
            return "S";
        }
        if ((c.contains("ticl") || c.contains("ti2cl") || c.contains("[fecl4]") || c.contains("mncl2")) && !c.contains("acac")) {
            return "Cl";
        }
        return "O";
    }

    static void run(Path shared, org.xaneslce.predict.Predictor.Placement placement) throws Exception {
        System.out.println("measured spectra placed on the model grid: " + placement);
        Path dir = shared.resolve("measured-dev");
        List<String> lines = Files.readAllLines(dir.resolve("LABELS.tsv"));
        PredictService service = PredictService.load(Optional.empty(), "cnn");
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Double>> novelty = new TreeMap<>();
        Map<String, int[]> perClass = new TreeMap<>();
        Map<String, int[]> perElement = new TreeMap<>();
        int[] cnRight = new int[2];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length < 4) {
                continue;
            }
            String group = ligands(f[3]);
            String truth = f[2];
            PredictionRecord r = service.predict(List.of(dir.resolve(f[0])), new ReadOptions(Optional.empty(), Optional.empty(),
                Optional.of(f[1]), Optional.of("K")), org.xaneslce.predict.Predictor.DEFAULT_COVERAGE, placement, null).records().get(0);
            int[] c = counts.computeIfAbsent(group, k -> new int[6]);
            c[0]++;
            if (!r.ok()) {
                c[1]++;
                continue;
            }
            c[2]++;
            c[3] += r.novel() ? 1 : 0;
            c[4] += r.coordinationClass().equals(truth) ? 1 : 0;
            c[5] += r.coordinationClass().equals("OTHER") ? 1 : 0;
            novelty.computeIfAbsent(group, k -> new ArrayList<>()).add(r.novelty());
            if (group.equals("O")) {
                int[] pe = perElement.computeIfAbsent(f[1], k -> new int[3]);
                pe[0]++;
                pe[1] += r.coordinationClass().equals(truth) ? 1 : 0;
                pe[2] += r.novel() ? 1 : 0;
                if (r.shell() != null && (truth.equals("T4") || truth.equals("O6"))) {
                    cnRight[0]++;
                    cnRight[1] += r.shell().cn() == (truth.equals("T4") ? 4 : 6) ? 1 : 0;
                }
                int[] pc = perClass.computeIfAbsent(truth, k -> new int[2]);
                pc[0]++;
                pc[1] += r.coordinationClass().equals(truth) ? 1 : 0;
            }
        }
        System.out.println("| ligands | spectra | refused (off the grid) | classified | flagged novel | class = label | called OTHER |");
        System.out.println("|---|---|---|---|---|---|---|");
        counts.forEach((g, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d (%.0f %%) | %d (%.0f %%) | %d (%.0f %%) |%n", g, c[0], c[1], c[2],
            c[3], 100.0 * c[3] / Math.max(1, c[2]), c[4], 100.0 * c[4] / Math.max(1, c[2]), c[5], 100.0 * c[5] / Math.max(1, c[2])));
        perElement.forEach((el, c) -> System.out.printf(Locale.ROOT, "oxygen ligands, %s: %d classified, %d right, %d novel%n", el, c[0], c[1], c[2]));
        double recallSum = 0;
        for (Map.Entry<String, int[]> e : perClass.entrySet()) {
            System.out.printf(Locale.ROOT, "oxygen ligands, label %s: %d of %d right%n", e.getKey(), e.getValue()[1], e.getValue()[0]);
            recallSum += e.getValue()[1] / (double) e.getValue()[0];
        }
        System.out.printf(Locale.ROOT, "oxygen ligands: balanced accuracy %.3f over %d classes%n", recallSum / Math.max(1, perClass.size()), perClass.size());
        System.out.printf(Locale.ROOT, "oxygen ligands: CN (4 for T4, 6 for O6) right for %d of %d%n", cnRight[1], cnRight[0]);
        List<Double> neg = novelty.getOrDefault("O", List.of());
        for (String g : novelty.keySet()) {
            if (g.equals("O")) {
                continue;
            }
            List<Double> pos = novelty.get(g);
            double s = 0;
            for (double p : pos) {
                for (double n : neg) {
                    s += p > n ? 1 : p == n ? 0.5 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "novelty ROC AUC, %s ligands (%d) against O ligands (%d): %.3f%n", g, pos.size(), neg.size(),
                s / Math.max(1, pos.size() * neg.size()));
        }
    }
}
