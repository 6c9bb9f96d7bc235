package org.xaneslce.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionRecord;
import org.xaneslce.api.PredictionWriter;
import org.xaneslce.io.AtomicFiles;
import org.xaneslce.io.InputException;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xlce predict}: T4/S5/O6 probabilities of spectrum files; a thin shell over {@link PredictService}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify spectra as T4, S5, O6 (or OTHER, with the open-set models):",
        "files (XDI, column and SPEC files, FEFF xmu.dat or run folder, Athena .prj,",
        "MP XAS JSON; told by content) or folders (walked; files that are not",
        "spectra are skipped and counted). Measured spectra are normalized and",
        "aligned to the model; 'novel' flags a spectrum unlike the training data.",
        "Beside the class: the conformal set, the ensemble's spread, and the",
        "coordination number and mean metal-oxygen distance of the first shell",
        "with its interval, where the models folder has them.",
        "Exit code 0 when every input was classified, 1 when some failed, 2 for usage errors."})
final class PredictCommand extends XlceCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> files;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", description = "Write the result to this file (whole or not at all) instead of standard output.")
    Path outFile;

    @Option(names = "--element", description = "The absorber, when the file does not say (or says wrongly).")
    String element;

    @Option(names = "--edge", description = "The edge, when the file does not say (models exist for K edges).")
    String edge;

    @Option(names = "--energy", description = "The energy column of a column file: a name or 1-based number.")
    String energyColumn;

    @Option(names = "--mu", description = "How mu is made: a column name or number, A/B, or ln(A/B) of two columns (e.g. 'ln(i0/itrans)').")
    String muExpression;

    @Option(names = "--models", description = "Folder of model files (default: models/ of the installation, or $XLCE_MODELS).")
    Path models;

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--coverage", defaultValue = "0.9", description = "Coverage of the conformal prediction sets (default ${DEFAULT-VALUE}):"
        + " the set holds the true class with this probability, where the model is calibrated (xlce calibrate); also the"
        + " coverage of the distance interval.")
    double coverage;

    @Option(names = "--energy-scale", defaultValue = "auto", description = "How a measured spectrum is placed on the model's energy grid:"
        + " 'calibrated': the scan's energy is calibrated to the metal foil's tabulated edge (as beamlines and Athena do), and the"
        + " absorber's fixed offset between that scale and FEFF 9's, measured on a reference pair (Cu so far), places it with no fitting;"
        + " 'align': by the shift of best correlation with the model's mean spectrum, for any energy scale (loses the edge position);"
        + " 'auto' (default): calibrated where the scan's edge so placed lies within 10 eV of the model's, else align"
        + " (docs/CLASSIFIERS.md, Energy scale).")
    String energyScale;

    @Option(names = "--verbose", description = "Also print how each spectrum was prepared (table format).")
    boolean verbose;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv").contains(fmt)) {
            err.println("xlce predict: --format must be table, json or csv, not '" + format + "'");
            return 2;
        }
        ReadOptions options;
        try {
            options = ReadOptions.of(energyColumn, muExpression, element, edge);
        } catch (IllegalArgumentException e) {
            err.println("xlce predict: " + e.getMessage());
            return 2;
        }
        if (!(coverage > 0 && coverage < 1)) {
            err.println("xlce predict: --coverage must lie between 0 and 1, not " + coverage);
            return 2;
        }
        Predictor.Placement placement;
        try {
            placement = Predictor.Placement.parse(energyScale);
        } catch (IllegalArgumentException e) {
            err.println("xlce predict: --energy-scale must be auto, calibrated or align, not '" + energyScale + "'");
            return 2;
        }
        PredictService service;
        try {
            service = PredictService.load(Optional.ofNullable(models), kind);
        } catch (InputException e) {
            err.println("xlce predict: " + e.getMessage());
            return 2;
        }
        PredictService.Batch batch = service.predict(files, options, coverage, placement, null);
        List<PredictionRecord> records = batch.records();
        String text = switch (fmt) {
            case "json" -> PredictionWriter.json(records);
            case "csv" -> PredictionWriter.csv(records);
            default -> table(records);
        };
        if (outFile != null) {
            try {
                AtomicFiles.write(outFile, text);
            } catch (IOException e) {
                err.println("xlce predict: cannot write " + outFile + ": " + e.getMessage());
                return 1;
            }
        } else {
            out.print(text);
            out.flush();
        }
        for (PredictionRecord r : records) {
            if (!r.ok()) {
                err.println("xlce predict: " + r.file() + ": " + r.error());
            }
        }
        long failed = batch.failed();
        err.printf(Locale.ROOT, "%d spectra classified, %d inputs failed%s (models: %s, %s)%s%n", records.size() - failed, failed,
            batch.skippedCount() == 0 ? "" : ", " + batch.skippedCount() + " files in folders skipped as not spectra " + batch.skipped(),
            service.modelsDir(), service.kind(), outFile == null ? "" : "; written to " + outFile);
        return failed > 0 ? 1 : 0;
    }

    private String table(List<PredictionRecord> records) {
        StringBuilder b = new StringBuilder(PredictionWriter.table(records));
        if (verbose) {
            for (PredictionRecord r : records) {
                if (r.ok()) {
                    b.append(r.file()).append(": ").append(r.preparation()).append("; absorber from ").append(r.absorberSource()).append('\n');
                }
            }
        }
        Set<String> notes = new LinkedHashSet<>();
        notes.add(String.format(Locale.ROOT, "set: the classes that hold the truth with probability %.2f (conformal, calibrated on held-out"
            + " folds; '-': the model has no calibration); probabilities are calibrated (a temperature, then a top-label map) where the model has a calibration.", coverage));
        notes.add("novelty: score / 99th percentile of the training spectra; above 1 (NOVEL) the spectrum is unlike the training data"
            + " and the probabilities deserve less trust.");
        if (records.stream().anyMatch(r -> r.ok() && r.probabilities().containsKey("OTHER"))) {
            notes.add("OTHER: none of T4, S5, O6 (square planar, linear, see-saw, trigonal...: the open-set model learnt them from"
                + " oxide sites); P(OTHER) '-': a three-class model.");
        }
        if (records.stream().anyMatch(r -> r.ok() && r.shell() != null)) {
            notes.add(String.format(Locale.ROOT, "CN, <d>: oxygen neighbours within 1.2 x d_min and their mean distance, predicted from the"
                + " spectrum; +- holds the true distance with probability %.2f (split conformal) for a spectrum like the training ones.", coverage));
        }
        notes.forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }
}
