package org.xaneslce.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.io.InputException;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.nn.Network;
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
        Path data = Installation.datasets(datasets).resolve(element + ".csv.gz");
        if (!Files.exists(data)) {
            throw new InputException(data.toString(), 0, "no dataset for " + element);
        }
        Dataset d = DatasetFiles.read(data);
        Network.Kind k = Network.Kind.valueOf(kind.toLowerCase(java.util.Locale.ROOT));
        ModelOptions p = ModelOptions.paper(k, false, seed);
        ModelOptions o = new ModelOptions(p.kind(), false, p.augment(), epochs, p.batchSize(), p.learningRate(), p.dropout(), seed, p.balanced());
        Path model = Installation.models(modelsDir).resolve(element + "-" + kind + ".json");
        if (!Files.exists(model)) {
            throw new InputException(model.toString(), 0, "no model to calibrate; train it first (xlce train --element " + element + ")");
        }
        int modelClasses = org.xaneslce.model.ModelFiles.read(model).classList().length;
        if (modelClasses != d.classCount()) {
            throw new InputException(data.toString(), 0, "the model " + model.getFileName() + " tells " + modelClasses
                + " classes apart, this dataset " + d.classCount() + ": calibrate with the dataset the model was trained on"
                + (modelClasses == 4 ? " (--data data/dataset-open)" : ""));
        }
        TrustModel.Result r = TrustModel.fit(d, o);
        r.shipped().write(TrustModel.fileFor(model), org.xaneslce.store.Sha256.of(Files.readAllBytes(model)));
        return r;
    }
}
