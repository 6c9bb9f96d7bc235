package org.xaneslce.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.io.InputException;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.trust.TrustModel;

/**
 * Calibrate: fits the temperature and the conformal sets of a shipped model from held-out
 * predictions (see {@link TrustModel}), writes them beside the model file
 * ({@code <El>-<kind>.trust.json}, read by predict), and reports ECE, coverage and set size.
 */
public final class TrustService {
    private TrustService() {
    }

    /**
     * Runs the fold protocol for {@code element} with the paper's {@code kind} model and writes the
     * shipped model's calibration into {@code modelsDir}.
     *
     * @param epochs training epochs (the paper: 50)
     */
    public static TrustModel.Result calibrate(String element, String kind, Optional<Path> datasets, Optional<Path> modelsDir, int epochs, long seed)
        throws InputException, IOException {
        return calibrate(element, kind, datasets, modelsDir, epochs, seed, 1,
            List.of(new TrustModel.Way(TrustModel.Fit.NEXT_FOLD, TrustModel.Objective.NLL)), 1).get(0);
    }

    /**
     * As above, for the mean of the first {@code members} members of the model's ensemble (1: the
     * model alone; more needs {@code <El>-<kind>.ensemble.json} with at least that many; 0: all the
     * members the ensemble has, or the model alone without one), judged
     * once per way in {@code ways} (same fold models); the first way's shipped calibration is
     * written. Fold models are trained on {@code threads} threads (the numbers do not depend on it).
     */
    public static List<TrustModel.Result> calibrate(String element, String kind, Optional<Path> datasets, Optional<Path> modelsDir, int epochs,
                                                    long seed, int members, List<TrustModel.Way> ways, int threads) throws InputException, IOException {
        return calibrate(element, kind, datasets, modelsDir, epochs, seed, members, ways, threads,
            org.xaneslce.evaluation.Evaluation.SplitKind.stratified);
    }

    /** As above, with the protocol's 10 folds stratified or by material ({@code split}). */
    public static List<TrustModel.Result> calibrate(String element, String kind, Optional<Path> datasets, Optional<Path> modelsDir, int epochs,
                                                    long seed, int members, List<TrustModel.Way> ways, int threads,
                                                    org.xaneslce.evaluation.Evaluation.SplitKind split) throws InputException, IOException {
        Path data = Installation.datasets(datasets).resolve(element + ".csv.gz");
        if (!Files.exists(data)) {
            throw new InputException(data.toString(), 0, "no dataset for " + element);
        }
        Dataset d = DatasetFiles.read(data);
        Path model = Installation.models(modelsDir).resolve(element + "-" + kind + ".json");
        if (!Files.exists(model)) {
            throw new InputException(model.toString(), 0, "no model to calibrate; train it first (xlce train --element " + element + ")");
        }
        org.xaneslce.model.Classifier shippedModel = org.xaneslce.model.ModelFiles.read(model);
        // the fold models are trained as the shipped model was (augmentation, loss weighting, dropout, ...),
        // with the protocol's epochs and seed: a calibration measured on other models would not be its own
        ModelOptions p = shippedModel.options();
        ModelOptions o = new ModelOptions(p.kind(), false, p.augment(), epochs, p.batchSize(), p.learningRate(), p.dropout(), seed, p.balanced());
        int modelClasses = shippedModel.classList().length;
        int have = org.xaneslce.model.ModelFiles.readEnsemble(model, shippedModel).map(e -> e.members().size()).orElse(0);
        if (members == 0) {
            members = Math.max(1, have);
        }
        if (members > 1) {
            if (have < members) {
                throw new InputException(model.toString(), 0, "calibrating the mean of " + members + " ensemble members needs an ensemble of at"
                    + " least " + members + " beside the model; it has " + (have == 0 ? "none" : have) + " (xlce train --members " + members + ")");
            }
        }
        if (modelClasses != d.classCount()) {
            throw new InputException(data.toString(), 0, "the model " + model.getFileName() + " tells " + modelClasses
                + " classes apart, this dataset " + d.classCount() + ": calibrate with the dataset the model was trained on"
                + (modelClasses == 4 ? " (--data data/dataset-open)" : ""));
        }
        List<TrustModel.Result> rs = TrustModel.fit(d, o, members, ways, threads, split);
        TrustModel.Result r = rs.get(0);
        r.shipped().write(TrustModel.fileFor(model), org.xaneslce.util.Sha256.of(Files.readAllBytes(model)));
        return rs;
    }

    /**
     * What the fold protocol measured for each shipped {@code <El>-<kind>.json} whose calibration
     * file records it (absorber -> record), from the installation's models folder or {@code modelsDir}.
     */
    public static java.util.Map<String, TrustModel.Measured> measured(Optional<Path> modelsDir, String kind) throws InputException {
        Path dir = Installation.models(modelsDir);
        java.util.Map<String, TrustModel.Measured> out = new java.util.LinkedHashMap<>();
        for (String el : List.of("Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu")) {
            Path model = dir.resolve(el + "-" + kind + ".json");
            if (Files.exists(model)) {
                TrustModel.readMeasured(model).ifPresent(m -> out.put(el, m));
            }
        }
        return out;
    }

    /**
     * What {@link #refitNovelty} did.
     *
     * @param model the model file rewritten
     * @param spectra training spectra the detector was fitted on
     * @param flaggedBefore fraction of those spectra the old detector flags
     * @param flaggedAfter fraction the new one flags
     * @param trustCarried whether a calibration file beside the model was carried over to the new file
     */
    public record NoveltyRefit(Path model, int spectra, double flaggedBefore, double flaggedAfter, boolean trustCarried) {
    }

    /**
     * Replaces the novelty detector of the shipped {@code <El>-<kind>.json} with the measured-aware
     * one fitted on the dataset the model was trained on (refused when the dataset's size or classes
     * differ from the model's training record). The network is untouched, so a calibration beside
     * the model stays valid and is carried over to the new file (its model_sha256 updated); the
     * calibration is written first to a temporary file and moved after the model, so a crash leaves
     * either the old pair or a calibration that predict refuses with a clear message.
     */
    public static NoveltyRefit refitNovelty(String element, String kind, Optional<Path> datasets, Optional<Path> modelsDir)
        throws InputException, IOException {
        Path data = Installation.datasets(datasets).resolve(element + ".csv.gz");
        if (!Files.exists(data)) {
            throw new InputException(data.toString(), 0, "no dataset for " + element);
        }
        Dataset d = DatasetFiles.read(data);
        Path model = Installation.models(modelsDir).resolve(element + "-" + kind + ".json");
        if (!Files.exists(model)) {
            throw new InputException(model.toString(), 0, "no model; train it first (xlce train --element " + element + ")");
        }
        org.xaneslce.model.Classifier c = org.xaneslce.model.ModelFiles.read(model);
        String trained = c.provenance().get("training_spectra");
        if (c.classList().length != d.classCount() || trained != null && !trained.equals(Integer.toString(d.size()))) {
            throw new InputException(data.toString(), 0, "the model " + model.getFileName() + " was trained on " + trained + " spectra of "
                + c.classList().length + " classes, this dataset has " + d.size() + " of " + d.classCount()
                + ": refit with the dataset the model was trained on" + (c.classList().length == 4 ? " (--data data/dataset-open)" : ""));
        }
        Optional<TrustModel> trust = TrustModel.readFor(model, c);
        org.xaneslce.model.Classifier n = c.withMeasuredAwareNovelty(d);
        double before = flagged(c, d);
        double after = flagged(n, d);
        Path tmpModel = model.resolveSibling(model.getFileName() + ".new");
        org.xaneslce.model.ModelFiles.write(n, tmpModel);
        String sha = org.xaneslce.util.Sha256.of(Files.readAllBytes(tmpModel));
        Path trustFile = TrustModel.fileFor(model);
        Path tmpTrust = trustFile.resolveSibling(trustFile.getFileName() + ".new");
        if (trust.isPresent()) {
            trust.get().write(tmpTrust, sha);
        }
        Files.move(tmpModel, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (trust.isPresent()) {
            Files.move(tmpTrust, trustFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new NoveltyRefit(model, d.size(), before, after, trust.isPresent());
    }

    private static double flagged(org.xaneslce.model.Classifier c, Dataset d) {
        int n = 0;
        int g = c.grid().count();
        for (Dataset.Entry e : d.entries()) {
            if (c.predictOne(java.util.Arrays.copyOf(e.mu(), g)).novelty().novel()) {
                n++;
            }
        }
        return n / (double) Math.max(1, d.size());
    }
}
