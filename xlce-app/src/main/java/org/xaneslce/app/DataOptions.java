package org.xaneslce.app;

import java.nio.file.Path;
import java.util.Optional;
import org.xaneslce.api.ModelService;
import org.xaneslce.dataset.Dataset;
import picocli.CommandLine.Option;

/** Where training data come from: the bundled datasets (default) or a database. */
final class DataOptions {
    @Option(names = "--data", description = "Folder of <El>.csv.gz datasets (default: data/dataset of the installation).")
    Path data;

    @Option(names = "--db", description = "Build the dataset from this spectral database instead.")
    Path db;

    /** The source these options name. */
    ModelService.Source source() {
        return new ModelService.Source(Optional.ofNullable(data), Optional.ofNullable(db));
    }

    /** The base dataset of {@code element}. */
    Dataset load(String element) throws Exception {
        return source().load(element);
    }

    /** A hash naming the data a model was trained on. */
    String hash(String element) throws Exception {
        return source().hash(element);
    }
}
