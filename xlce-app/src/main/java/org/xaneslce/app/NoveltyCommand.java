package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.api.TrustService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xlce novelty}: give the shipped models the measured-aware novelty detector. */
@Command(name = "novelty", mixinStandardHelpOptions = true,
    description = {"Replace the novelty detector of the shipped models with the measured-aware one (the spectrum itself, 5 components,",
        "training spectra plus copies broadened by 0.5-2 eV), fitted on the dataset each model was trained on. The networks are",
        "untouched; a calibration beside a model is carried over."})
final class NoveltyCommand extends XlceCommand {
    @Option(names = "--element", description = "Absorbers (repeatable; default all eight).")
    List<String> elements = List.of("Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu");

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--data", description = "Folder of <El>.csv.gz datasets the models were trained on (default: data/dataset of the installation).")
    Path data;

    @Option(names = "--models", description = "Models folder (default: models/ of the installation).")
    Path models;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        int failed = 0;
        for (String el : elements) {
            try {
                TrustService.NoveltyRefit r = TrustService.refitNovelty(el, kind, Optional.ofNullable(data), Optional.ofNullable(models));
                out.printf(Locale.ROOT, "%s: %s refitted on %d spectra; training spectra flagged %.3f -> %.3f%s%n", el, r.model(), r.spectra(),
                    r.flaggedBefore(), r.flaggedAfter(), r.trustCarried() ? "; calibration carried over" : "");
            } catch (org.xaneslce.io.InputException e) {
                err.println("xlce novelty: " + e.getMessage() + " (model left as it was)");
                failed++;
            }
        }
        return failed > 0 ? 1 : 0;
    }
}
