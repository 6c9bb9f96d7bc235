package org.xaneslce.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.io.InputException;

/**
 * The evidence behind a prediction, from the training spectra (the open-set datasets where there are
 * some, else the base datasets): the mean and
 * spread of each class's spectra on the model grid, and the training spectra nearest to a spectrum
 * (Pearson correlation on the grid), with material, formula, site, label and CSM. Datasets are
 * loaded once per element; thread-safe.
 */
public final class EvidenceService {
    /**
     * One class's training spectra on the grid.
     *
     * @param coordinationClass T4, S5 or O6
     * @param count how many spectra
     * @param mean mean value per grid point
     * @param sd standard deviation per grid point
     */
    public record ClassCurve(String coordinationClass, int count, double[] mean, double[] sd) {
    }

    /**
     * The class curves of one element.
     *
     * @param element absorber
     * @param levelOfTheory the training spectra's level of theory
     * @param energies the grid, eV
     * @param classes one curve per class
     */
    public record Classes(String element, String levelOfTheory, double[] energies, List<ClassCurve> classes) {
    }

    /**
     * A training spectrum near the query.
     *
     * @param material Materials Project id
     * @param formula reduced formula, or "" when unknown
     * @param site 0-based site index
     * @param coordinationClass its class
     * @param label its ChemEnv symbol
     * @param csm its CSM
     * @param similarity Pearson correlation with the query on the grid
     * @param mu its values on the grid
     */
    public record Neighbour(String material, String formula, int site, String coordinationClass, String label, double csm, double similarity,
                            float[] mu) {
    }

    private final Path dir;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private volatile Map<String, String> formulas;

    private EvidenceService(Path dir) {
        this.dir = dir;
    }

    /** Evidence from the base datasets in {@code dir}, or the installation's (data/dataset). */
    public static EvidenceService load(Optional<Path> dir) {
        return new EvidenceService(Installation.datasets(dir));
    }

    /** The datasets folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The dataset of {@code element}: the open-set one (T4, S5, O6 and OTHER) from the folder beside
     * this one named {@code <folder>-open} when it has one (data/dataset-open: what the shipped CNNs
     * learnt), else this folder's; empty when neither has one.
     */
    public Optional<Dataset> dataset(String element) throws InputException {
        Dataset d = datasets.get(element);
        if (d == null) {
            Path open = dir.toAbsolutePath().resolveSibling(dir.toAbsolutePath().getFileName() + "-open").resolve(element + ".csv.gz");
            Path f = Files.exists(open) ? open : dir.resolve(element + ".csv.gz");
            if (!Files.exists(f)) {
                return Optional.empty();
            }
            d = DatasetFiles.read(f);
            datasets.putIfAbsent(element, d);
        }
        return Optional.of(d);
    }

    /** Mean and standard deviation of each class's training spectra of {@code element}. */
    public Optional<Classes> classes(String element) throws InputException {
        Optional<Dataset> od = dataset(element);
        if (od.isEmpty()) {
            return Optional.empty();
        }
        Dataset d = od.get();
        int n = d.grid().count();
        List<ClassCurve> curves = new ArrayList<>();
        for (CoordinationClass c : CoordinationClass.values()) {
            if (c == CoordinationClass.OTHER && d.classCount() == 3) {
                continue;
            }
            double[] sum = new double[n];
            double[] sq = new double[n];
            int count = 0;
            for (Dataset.Entry e : d.entries()) {
                if (e.coordinationClass() == c) {
                    count++;
                    for (int i = 0; i < n; i++) {
                        sum[i] += e.value(i);
                        sq[i] += (double) e.value(i) * e.value(i);
                    }
                }
            }
            double[] mean = new double[n];
            double[] sd = new double[n];
            for (int i = 0; i < n && count > 0; i++) {
                mean[i] = sum[i] / count;
                sd[i] = Math.sqrt(Math.max(0, sq[i] / count - mean[i] * mean[i]));
            }
            curves.add(new ClassCurve(c.name(), count, mean, sd));
        }
        return Optional.of(new Classes(element, d.levelOfTheory(), d.grid().energies(), curves));
    }

    /**
     * The {@code k} training spectra of {@code element} most correlated with {@code onGrid} (a
     * spectrum on the element's grid, as {@link PredictionRecord#onGrid()} gives it).
     *
     * @throws InputException when there is no dataset, or the spectrum is not on its grid
     */
    public List<Neighbour> neighbours(String element, float[] onGrid, int k) throws InputException {
        Dataset d = dataset(element).orElseThrow(() -> new InputException(element, 0, "no training spectra of " + element + " in " + dir));
        if (onGrid.length != d.grid().count()) {
            throw new InputException(element, 0, "the spectrum has " + onGrid.length + " points; the " + element + " grid has " + d.grid().count());
        }
        Map<String, String> f = formulas();
        List<Neighbour> all = new ArrayList<>();
        for (Dataset.Entry e : d.entries()) {
            all.add(new Neighbour(e.material(), f.getOrDefault(e.material(), ""), e.site(), e.coordinationClass().name(), e.label(), e.csm(),
                org.xaneslce.util.Correlation.pearson(onGrid, e.mu()), e.mu()));
        }
        all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed().thenComparing(Neighbour::material).thenComparingInt(Neighbour::site));
        return List.copyOf(all.subList(0, Math.min(Math.max(k, 0), all.size())));
    }

    /** Reduced formulas of the datasets' materials (formulas.csv.gz beside the datasets), by material id. */
    private Map<String, String> formulas() {
        Map<String, String> m = formulas;
        if (m == null) {
            m = new HashMap<>();
            Path f = dir.resolve("formulas.csv.gz");
            if (Files.exists(f)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        int comma = line.indexOf(',');
                        if (comma > 0 && !line.startsWith("material_id")) {
                            m.put(line.substring(0, comma), line.substring(comma + 1));
                        }
                    }
                } catch (IOException e) {
                    m = new HashMap<>();
                }
            }
            formulas = Map.copyOf(m);
        }
        return formulas;
    }
}
