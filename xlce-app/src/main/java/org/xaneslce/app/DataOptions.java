package org.xaneslce.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xaneslce.dataset.AbsorberGrids;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.store.DatasetBuilder;
import org.xaneslce.store.SpectralDatabase;
import picocli.CommandLine.Option;

/** Where training data come from: the bundled datasets (default) or a database. */
final class DataOptions {
    @Option(names = "--data", defaultValue = "data/dataset", description = "Folder of <El>.csv.gz datasets (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", description = "Build the dataset from this spectral database instead.")
    Path db;

    /** The base dataset of {@code element}. */
    Dataset load(String element) throws Exception {
        if (db != null) {
            try (SpectralDatabase d = SpectralDatabase.open(db)) {
                return DatasetBuilder.build(d, element, AbsorberGrids.forElement(element).orElseThrow(() ->
                    new IllegalArgumentException("no grid defined for " + element))).dataset();
            }
        }
        Path f = data.resolve(element + ".csv.gz");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("no dataset for " + element + " at " + f + " (run from the repository root, or give --data or --db)");
        }
        return DatasetFiles.read(f);
    }

    /** A hash naming the data a model was trained on. */
    String hash(String element) throws Exception {
        if (db != null) {
            return "db:" + db.toAbsolutePath();
        }
        return "sha256:" + org.xaneslce.store.Sha256.of(Files.readAllBytes(data.resolve(element + ".csv.gz")));
    }
}
