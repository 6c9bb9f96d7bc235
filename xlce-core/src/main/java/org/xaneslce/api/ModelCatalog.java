package org.xaneslce.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.io.InputException;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.predict.Predictor;

/**
 * What a user should know about each shipped model: its id, level of theory, training classes and
 * provenance, and (from the reproduction report, docs/report-full/results.json of the
 * installation, when present) its Table II row beside the paper's and its confusion matrix.
 */
public final class ModelCatalog {
    /**
     * One model.
     *
     * @param id "Cu-cnn@cec7cd8f"
     * @param element absorber
     * @param kind mlp or cnn
     * @param levelOfTheory training spectra's level of theory
     * @param grid the model's energy grid, in words
     * @param provenance the model file's provenance fields
     * @param classes the classes the model tells apart (T4, S5, O6, and OTHER for an open-set model)
     * @param evaluation split ("stratified", "material") -> macro F1, its std and the confusion matrix (rows true T4/S5/O6), if known
     *        (the reproduction run's, of the paper's three-class models; none for an open-set model)
     * @param paperF1 the paper's macro F1 for this absorber and kind (NaN when the paper has none)
     * @param ensembleMembers members of the model's ensemble ({@code <El>-<kind>.ensemble.json}), 1 without
     * @param calibration what {@code xlce calibrate} measured for the calibration beside the model, or null
     * @param geometry whether the absorber has a coordination number and distance model
     */
    public record Model(String id, String element, String kind, String levelOfTheory, String grid, List<String> classes,
                        Map<String, String> provenance, Map<String, Evaluation> evaluation, double paperF1, int ensembleMembers,
                        org.xaneslce.trust.TrustModel.Measured calibration, boolean geometry) {
    }

    /**
     * An evaluation of the model's architecture on its dataset (10 folds).
     *
     * @param macroF1 mean macro F1
     * @param macroF1Std its standard deviation over the folds
     * @param confusion summed confusion matrix, rows the true class (T4, S5, O6)
     */
    public record Evaluation(double macroF1, double macroF1Std, int[][] confusion) {
    }

    private ModelCatalog() {
    }

    /** Every model file of {@code modelsDir} ({@code <El>-<kind>.json}), by element and kind. */
    public static List<Model> list(Path modelsDir) throws InputException {
        JsonNode results = results();
        List<Model> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(modelsDir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (!n.matches("[A-Z][a-z]?-(mlp|cnn)\\.json")) {
                    continue;
                }
                Classifier c = ModelFiles.read(p);
                String kind = c.options().kind().name().toLowerCase(Locale.ROOT);
                Map<String, Evaluation> ev = new LinkedHashMap<>();
                JsonNode a = results == null ? null : results.path("absorbers").path(c.element());
                if (a != null && c.classList().length == 3) {
                    for (String split : List.of("stratified", "material")) {
                        JsonNode r = a.path(split.equals("stratified") ? kind : kind + " by material");
                        if (r.has("macro_f1")) {
                            int[][] conf = new int[3][3];
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    conf[i][j] = r.path("confusion").path(i).path(j).asInt();
                                }
                            }
                            ev.put(split, new Evaluation(r.get("macro_f1").asDouble(), r.path("macro_f1_std").asDouble(), conf));
                        }
                    }
                }
                PaperTables.Row paper = PaperTables.rows().get(c.element());
                double pf = paper == null ? Double.NaN : paper.f1()[kind.equals("mlp") ? 0 : 1];
                int members = ModelFiles.readEnsemble(p, c).map(e -> e.members().size()).orElse(1);
                out.add(new Model(Predictor.modelId(c), c.element(), kind, c.provenance().getOrDefault("level_of_theory", "?"),
                    c.grid().toString(), java.util.Arrays.stream(c.classList()).map(Enum::name).toList(), c.provenance(), ev, pf, members,
                    org.xaneslce.trust.TrustModel.readMeasured(p).orElse(null), Files.exists(modelsDir.resolve(c.element() + "-geometry.json"))));
            }
        } catch (IOException e) {
            throw new InputException(modelsDir.toString(), 0, "cannot list models: " + e.getMessage());
        }
        return out;
    }

    /** The model with id or "El-kind" {@code key}, if any. */
    public static Optional<Model> find(Path modelsDir, String key) throws InputException {
        return list(modelsDir).stream().filter(m -> m.id().equals(key) || (m.element() + "-" + m.kind()).equals(key)).findFirst();
    }

    private static JsonNode results() {
        Optional<Path> home = Installation.home();
        if (home.isEmpty()) {
            return null;
        }
        Path f = home.get().resolve("docs/report-full/results.json");
        try {
            return Files.exists(f) ? new ObjectMapper().readTree(f.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
