package org.xaneslce.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.ReadOptions;
import org.xaneslce.spectrum.io.SpectrumFormats;

/**
 * Predict: spectrum files (or folders of them, or uploaded bytes) in, one {@link PredictionRecord}
 * per spectrum out. Loads the models once; thread-safe, so one instance serves a web server's
 * concurrent requests.
 */
public final class PredictService {
    /**
     * A batch's answers.
     *
     * @param records one per spectrum (several for a multi-group Athena project), or per unreadable input
     * @param skipped files met while walking folders that are not spectrum files, by reason
     */
    public record Batch(List<PredictionRecord> records, Map<String, Integer> skipped) {
        public Batch {
            records = List.copyOf(records);
            skipped = Map.copyOf(skipped);
        }

        /** Inputs that failed. */
        public long failed() {
            return records.stream().filter(r -> !r.ok()).count();
        }

        /** Files skipped in folders. */
        public int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Called after each record (progress). */
    @FunctionalInterface
    public interface Listener {
        /** One record is ready. */
        void done(PredictionRecord r);
    }

    private final Predictor predictor;
    private final Path modelsDir;
    private final String kind;

    private PredictService(Predictor predictor, Path modelsDir, String kind) {
        this.predictor = predictor;
        this.modelsDir = modelsDir;
        this.kind = kind;
    }

    /**
     * Loads the {@code kind} ("mlp" or "cnn") models from {@code modelsDir}, or from the
     * installation's models folder ({@link Installation#models}).
     */
    public static PredictService load(Optional<Path> modelsDir, String kind) throws InputException {
        if (!kind.equals("mlp") && !kind.equals("cnn")) {
            throw new InputException("--model", 0, "unknown model kind '" + kind + "' (mlp or cnn)");
        }
        Path dir = Installation.models(modelsDir);
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toAbsolutePath().toString(), 0, "no models folder here (nor beside the installation); give --models DIR or set "
                + Installation.MODELS_ENV);
        }
        return new PredictService(Predictor.load(dir, kind), dir, kind);
    }

    /** The folder the models came from. */
    public Path modelsDir() {
        return modelsDir;
    }

    /** mlp or cnn. */
    public String kind() {
        return kind;
    }

    /** The absorbers with a model. */
    public List<String> elements() {
        return predictor.elements();
    }

    /** The predictor (for the web page's evidence views). */
    public Predictor predictor() {
        return predictor;
    }

    /**
     * Classifies every spectrum of {@code inputs}: files, FEFF run folders, or folders walked for
     * spectrum files (judged by content; other files are skipped and counted).
     */
    public Batch predict(List<Path> inputs, ReadOptions options, Listener listener) {
        return predict(inputs, options, Predictor.DEFAULT_COVERAGE, listener);
    }

    /** As {@link #predict(List, ReadOptions, Listener)}, with conformal sets at {@code coverage}. */
    public Batch predict(List<Path> inputs, ReadOptions options, double coverage, Listener listener) {
        return predict(inputs, options, coverage, Predictor.DEFAULT_PLACEMENT, listener);
    }

    /**
     * As {@link #predict(List, ReadOptions, Listener)}, with conformal sets at {@code coverage} and
     * measured spectra placed on the model's energy grid as {@code placement} says.
     */
    public Batch predict(List<Path> inputs, ReadOptions options, double coverage, Predictor.Placement placement, Listener listener) {
        List<PredictionRecord> out = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path in : inputs) {
            for (Path f : expand(in, skipped, out, listener)) {
                List<Spectrum> spectra;
                try {
                    spectra = SpectrumFormats.read(f, options);
                } catch (InputException e) {
                    add(out, listener, PredictionRecord.failed(f.toString(), message(e)));
                    continue;
                }
                for (Spectrum s : spectra) {
                    String name = spectra.size() > 1 ? f + "#" + groupName(f, s) : f.toString();
                    add(out, listener, classify(s, name, coverage, placement));
                }
            }
        }
        return new Batch(out, skipped);
    }

    /** Classifies uploaded bytes (a file called {@code name}; never a path on this machine). */
    public List<PredictionRecord> predictBytes(String name, byte[] bytes, ReadOptions options) {
        return predictBytes(name, bytes, options, Predictor.DEFAULT_COVERAGE);
    }

    /** As {@link #predictBytes(String, byte[], ReadOptions)}, with conformal sets at {@code coverage}. */
    public List<PredictionRecord> predictBytes(String name, byte[] bytes, ReadOptions options, double coverage) {
        return predictBytes(name, bytes, options, coverage, Predictor.DEFAULT_PLACEMENT);
    }

    /** As {@link #predictBytes(String, byte[], ReadOptions, double)}, measured spectra placed as {@code placement} says. */
    public List<PredictionRecord> predictBytes(String name, byte[] bytes, ReadOptions options, double coverage, Predictor.Placement placement) {
        String safe = name == null || name.isBlank() ? "upload" : Path.of(name.replace('\\', '/')).getFileName().toString();
        List<Spectrum> spectra;
        try {
            String text = TextFiles.decode(safe, bytes);
            String id = safe.contains(".") ? safe.substring(0, safe.lastIndexOf('.')) : safe;
            spectra = SpectrumFormats.parse(safe, safe, id, text, options);
        } catch (InputException e) {
            return List.of(PredictionRecord.failed(safe, message(e)));
        }
        List<PredictionRecord> out = new ArrayList<>();
        for (Spectrum s : spectra) {
            out.add(classify(s, spectra.size() > 1 ? safe + "#" + s.id() : safe, coverage, placement));
        }
        return out;
    }

    /** Classifies one spectrum already read (sets at the default coverage). */
    public PredictionRecord classify(Spectrum s, String name) {
        return classify(s, name, Predictor.DEFAULT_COVERAGE);
    }

    /** Classifies one spectrum already read, with conformal sets at {@code coverage}. */
    public PredictionRecord classify(Spectrum s, String name, double coverage) {
        return classify(s, name, coverage, Predictor.DEFAULT_PLACEMENT);
    }

    /** Classifies one spectrum already read, with conformal sets at {@code coverage}, a measured one placed as {@code placement} says. */
    public PredictionRecord classify(Spectrum s, String name, double coverage, Predictor.Placement placement) {
        try {
            Predictor.Result r = predictor.predict(s, name, coverage, placement);
            float[] p = r.prediction().probabilities();
            double[] cal = r.calibrated();
            Map<String, Double> probs = new LinkedHashMap<>();
            CoordinationClass[] cls = CoordinationClass.values();
            List<String> set = new ArrayList<>();
            for (int i = 0; i < p.length && i < cls.length; i++) {
                probs.put(cls[i].name(), cal != null ? cal[i] : (double) p[i]);
                if (r.set() != null && r.set()[i]) {
                    set.add(cls[i].name());
                }
            }
            String prep = r.notes() + (s.notes().containsKey("mu_definition") ? "; mu = " + s.notes().get("mu_definition")
                + " (" + s.notes().getOrDefault("mu_source", "") + "), energy = " + s.notes().getOrDefault("energy_column", "?") : "");
            return new PredictionRecord(name, r.element(), s.notes().getOrDefault("edge", "K"), r.modelId(), best(r), probs,
                r.prediction().noveltyRatio(), r.prediction().novelty().novel(), r.shiftEv(), r.pearson(), r.absorberSource(), prep,
                r.warnings(), null, r.gridEnergies(), r.onGrid(), cal != null, set, coverage, shell(r), ensemble(r), r.placement());
        } catch (InputException e) {
            return PredictionRecord.failed(name, message(e));
        }
    }

    /** The class: the likeliest of the calibrated probabilities (the ensemble mean's, when calibrated so), else the model's. */
    private static String best(Predictor.Result r) {
        double[] cal = r.calibrated();
        if (cal == null) {
            return r.prediction().best().name();
        }
        int b = 0;
        for (int i = 1; i < cal.length; i++) {
            b = cal[i] > cal[b] ? i : b;
        }
        return CoordinationClass.values()[b].name();
    }

    private static PredictionRecord.EnsembleView ensemble(Predictor.Result r) {
        if (r.ensemble() == null) {
            return null;
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> spread = new LinkedHashMap<>();
        CoordinationClass[] cls = CoordinationClass.values();
        for (int i = 0; i < r.ensemble().mean().length; i++) {
            mean.put(cls[i].name(), (double) r.ensemble().mean()[i]);
            spread.put(cls[i].name(), (double) r.ensemble().std()[i]);
        }
        return new PredictionRecord.EnsembleView(r.members(), mean, spread);
    }

    private static PredictionRecord.Shell shell(Predictor.Result r) {
        if (r.geometry() == null) {
            return null;
        }
        Map<String, Double> p = new LinkedHashMap<>();
        float[] cp = r.geometry().cnProbabilities();
        for (int b = 0; b < cp.length; b++) {
            p.put(org.xaneslce.model.GeometryModel.binName(b), (double) cp[b]);
        }
        return new PredictionRecord.Shell(r.geometry().cn(), p, r.geometry().meanDistanceAngstrom(), r.distanceHalfWidth());
    }

    /** The problem without the file name (the record names the file): "line 12: bad number 'x'" or the message. */
    static String message(InputException e) {
        List<String> parts = new ArrayList<>();
        for (org.xaneslce.io.Problem p : e.problems()) {
            parts.add(p.line() > 0 ? "line " + p.line() + ": " + p.message() : p.message());
        }
        return parts.isEmpty() ? e.getMessage() : String.join("; ", parts);
    }

    private static String groupName(Path file, Spectrum s) {
        String stem = file.getFileName().toString();
        stem = stem.contains(".") ? stem.substring(0, stem.lastIndexOf('.')) : stem;
        return s.id().startsWith(stem + "#") ? s.id().substring(stem.length() + 1) : s.id();
    }

    private static void add(List<PredictionRecord> out, Listener l, PredictionRecord r) {
        out.add(r);
        if (l != null) {
            l.done(r);
        }
    }

    private static List<Path> expand(Path in, Map<String, Integer> skipped, List<PredictionRecord> out, Listener l) {
        if (!Files.exists(in)) {
            add(out, l, PredictionRecord.failed(in.toString(), "no such file or folder"));
            return List.of();
        }
        if (!Files.isDirectory(in) || Files.exists(in.resolve("xmu.dat")) || Files.exists(in.resolve(".feff.error"))) {
            return List.of(in);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> w = Files.walk(in)) {
            for (Path f : (Iterable<Path>) w.filter(Files::isRegularFile).sorted()::iterator) {
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Optional<String> why = SpectrumFormats.notASpectrum(f);
                if (why.isPresent()) {
                    skipped.merge(why.get().toLowerCase(Locale.ROOT).startsWith("file is") ? "too large" : why.get(), 1, Integer::sum);
                } else {
                    files.add(f);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            add(out, l, PredictionRecord.failed(in.toString(), "cannot walk the folder: " + e.getMessage()));
        }
        return files;
    }
}
