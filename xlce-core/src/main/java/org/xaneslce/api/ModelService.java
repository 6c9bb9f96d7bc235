package org.xaneslce.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.xaneslce.spectrum.AbsorberGrids;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Study;
import org.xaneslce.io.InputException;
import org.xaneslce.evaluation.GeometryEvaluation;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.GeometryModel;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;
import org.xaneslce.dataset.DatasetBuilder;
import org.xaneslce.util.Sha256;
import org.xaneslce.store.SpectralDatabase;

/**
 * Datasets, training, evaluation and comparison: the base dataset of an absorber (bundled folder
 * or database), the paper's model options, training a model into a file, the paper's fold
 * protocol, and aligning a computed spectrum to a measured one (Fig. 4).
 */
public final class ModelService {
    /**
     * Where datasets come from: a folder of {@code <El>.csv.gz} (the installation's by default) or a
     * spectral database.
     *
     * @param folder dataset folder, or empty for the installation's
     * @param database a spectral database instead, or empty
     */
    public record Source(Optional<Path> folder, Optional<Path> database) {
        /** The folder actually read. */
        public Path dir() {
            return Installation.datasets(folder);
        }

        /** True when {@code element} has a dataset here. */
        public boolean has(String element) {
            return database.isPresent() || Files.exists(dir().resolve(element + ".csv.gz"));
        }

        /**
         * The base dataset of {@code element}.
         *
         * @throws IllegalArgumentException when there is none, naming where it looked
         */
        public Dataset load(String element) throws InputException, java.sql.SQLException {
            if (database.isPresent()) {
                try (SpectralDatabase d = SpectralDatabase.open(database.get())) {
                    return DatasetBuilder.build(d, element, AbsorberGrids.forElement(element).orElseThrow(() ->
                        new IllegalArgumentException("no grid defined for " + element))).dataset();
                }
            }
            Path f = dir().resolve(element + ".csv.gz");
            if (!Files.exists(f)) {
                throw new IllegalArgumentException("no dataset for " + element + " at " + f + " (give --data or --db)");
            }
            return DatasetFiles.read(f);
        }

        /** A hash naming the data ("sha256:..." of the dataset file, or "db:" and the database's path). */
        public String hash(String element) throws IOException {
            if (database.isPresent()) {
                return "db:" + database.get().toAbsolutePath();
            }
            return "sha256:" + Sha256.of(Files.readAllBytes(dir().resolve(element + ".csv.gz")));
        }
    }

    /** A trained model and where it went. */
    public record Trained(Classifier model, Path file, double seconds) {
    }

    private ModelService() {
    }

    /** The paper's options (batch 32, Adam 1e-3, dropout 0.3) with these choices. */
    public static ModelOptions options(Network.Kind kind, boolean preEdge, ModelOptions.Augment augment, int epochs, boolean balanced, long seed) {
        return new ModelOptions(kind, preEdge, augment, epochs, 32, 1e-3, 0.3, seed, balanced);
    }

    /**
     * Refuses a pre-edge model of spectra that have no pre-edge region (feff8l).
     *
     * @throws IllegalArgumentException saying why
     */
    public static void checkPreEdge(Dataset d, boolean preEdge) {
        if (preEdge && !Study.hasPreEdge(d)) {
            throw new IllegalArgumentException("--pre-edge: the " + d.element() + " spectra are " + d.levelOfTheory()
                + ", which start at the Fermi level, above the edge: there is no pre-edge region to read");
        }
    }

    /** Trains on the whole dataset and writes the model file. */
    public static Trained train(Dataset d, ModelOptions o, String dataHash, Path file) throws IOException {
        long t0 = System.nanoTime();
        Classifier c = Classifier.train(d, o, Classifier.preEdgePoints(d), dataHash);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ModelFiles.write(c, file);
        return new Trained(c, file, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A trained coordination number and distance model.
     *
     * @param model the model
     * @param file where it was written
     * @param seconds training time
     */
    public record TrainedGeometry(GeometryModel model, Path file, double seconds) {
    }

    /** Trains the coordination number and distance model on the dataset's sites with a shell geometry and writes it. */
    public static TrainedGeometry trainGeometry(Dataset d, ModelOptions o, String dataHash, Path file) throws IOException {
        long t0 = System.nanoTime();
        GeometryModel m = GeometryModel.train(d, o, dataHash);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ModelFiles.writeGeometry(m, file);
        return new TrainedGeometry(m, file, (System.nanoTime() - t0) / 1e9);
    }

    /** Held-out evaluation of the coordination number and distance model: {@code folds} folds by material. */
    public static GeometryEvaluation.Result evaluateGeometry(Dataset d, ModelOptions o, int folds, int threads, IntConsumer foldDone) {
        return GeometryEvaluation.evaluate(d, o, folds, o.seed(), threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), foldDone);
    }

    /** The paper's protocol: {@code repeats} test folds of a 10-fold partition; {@code progress} hears each fold. */
    public static Evaluation.Result evaluate(Dataset d, ModelOptions o, Evaluation.SplitKind split, int repeats, int threads, IntConsumer progress) {
        return Evaluation.run(d, o, split, 10, repeats, threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), progress);
    }

    /** The hybrid open-set classifier held out like {@link #evaluate} (Evaluation.runHybrid). */
    public static Evaluation.Result evaluateHybrid(Dataset d, ModelOptions o, Evaluation.SplitKind split, int repeats, int threads) {
        return Evaluation.runHybrid(d, o, split, 10, repeats, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }

    /** Reads a computed and a measured spectrum and aligns them (Fig. 4). */
    public static Study.TheoryResult compare(Path computed, Path measured) throws InputException {
        Spectrum c = SpectrumFormats.read(computed).get(0);
        Spectrum m = SpectrumFormats.read(measured).get(0);
        return Study.compare(measured.getFileName().toString(), c, m);
    }

    /** A theory/experiment pair of files for the study, named after the measured file. */
    public static Study.TheoryPair theoryPair(Path computed, Path measured) throws InputException {
        return new Study.TheoryPair(measured.getFileName().toString().replaceFirst("\\.[^.]*$", ""), SpectrumFormats.read(computed).get(0),
            SpectrumFormats.read(measured).get(0));
    }

    /** The paper's study (Tables I-III, Figs. 2-6) on {@code datasets} with {@code options}; {@code listener} hears each stage's units. */
    public static Study.Result reproduce(java.util.Map<String, Dataset> datasets, Study.Options options, java.util.List<Study.TheoryPair> pairs,
                                         Study.Listener listener) {
        return Study.run(datasets, options, pairs, listener);
    }

    /**
     * Gives the model file {@code model} (trained on {@code d} with {@code o}: member 0) an ensemble
     * of {@code k} members in all, written beside it ({@code <El>-<kind>.ensemble.json}). Refused
     * when the model was trained with other options or on another number of spectra.
     */
    public static org.xaneslce.model.Ensemble trainEnsemble(Dataset d, ModelOptions o, int k, String dataHash, Path model)
        throws IOException, InputException {
        if (k < 2) {
            throw new IllegalArgumentException("an ensemble file needs at least 2 members, not " + k);
        }
        Classifier main = ModelFiles.read(model);
        ModelOptions m = main.options();
        if (m.kind() != o.kind() || m.preEdge() != o.preEdge() || m.augment() != o.augment() || m.epochs() != o.epochs() || m.seed() != o.seed()
            || m.balanced() != o.balanced() || !Integer.toString(d.size()).equals(main.provenance().get("training_spectra"))) {
            throw new InputException(model.toString(), 0, "was trained with " + m.describe() + ", seed " + m.seed() + " on "
                + main.provenance().get("training_spectra") + " spectra; the ensemble asks for " + o.describe() + ", seed " + o.seed()
                + " on " + d.size() + ": train the model with the same options and data first");
        }
        java.util.List<Classifier> members = new java.util.ArrayList<>();
        members.add(main);
        for (int i = 1; i < k; i++) {
            members.add(org.xaneslce.model.Ensemble.member(d, o, i, dataHash));
        }
        org.xaneslce.model.Ensemble e = new org.xaneslce.model.Ensemble(members);
        ModelFiles.writeEnsemble(e, model);
        return e;
    }

    /** Ensemble sizes scored on {@code repeats} test folds of a 10-fold partition (EnsembleEvaluation). */
    public static java.util.List<org.xaneslce.trust.EnsembleEvaluation.Size> evaluateEnsembles(Dataset d, ModelOptions o,
        Evaluation.SplitKind split, int repeats, int[] sizes, int threads) {
        return org.xaneslce.trust.EnsembleEvaluation.run(d, o, split, 10, repeats, sizes,
            threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), null);
    }

    /** The reproduction run's second part: open set and coordination number and distance (BeyondPaper). */
    public static org.xaneslce.evaluation.BeyondPaper.Result beyondPaper(java.util.Map<String, Dataset> base, java.util.Map<String, Dataset> open,
                                                                         Study.Options options, Study.Listener listener) {
        return org.xaneslce.evaluation.BeyondPaper.run(base, open, options, listener);
    }
}
