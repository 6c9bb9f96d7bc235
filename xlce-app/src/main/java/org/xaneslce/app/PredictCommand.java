package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.xaneslce.io.InputException;
import org.xaneslce.predict.Predictor;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.SpectrumFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xlce predict}: T4/S5/O6 probabilities of spectrum files. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classify spectra (FEFF xmu.dat or run folder, MP XAS JSON, XDI, Athena .prj, columns) as T4, S5 or O6.",
        "Measured spectra are normalized and aligned to the model; 'novel' flags a spectrum unlike the training data."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--models", defaultValue = "models", description = "Folder of model files (default ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--verbose", description = "Also print how each spectrum was prepared.")
    boolean verbose;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Predictor p;
        try {
            p = Predictor.load(models, kind);
        } catch (InputException e) {
            err.println("xlce predict: " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "%-40s %-3s %6s %6s %6s  %-5s %-8s %s%n", "spectrum", "el", "P(T4)", "P(S5)", "P(O6)", "class", "novelty", "alignment");
        int refused = 0;
        int done = 0;
        Set<String> cautions = new LinkedHashSet<>();
        for (Path f : files) {
            List<Spectrum> spectra;
            try {
                spectra = SpectrumFormats.read(f);
            } catch (InputException e) {
                err.println("xlce predict: " + e.getMessage());
                refused++;
                continue;
            }
            for (Spectrum s : spectra) {
                try {
                    Predictor.Result r = p.predict(s, f.toString());
                    float[] pr = r.prediction().probabilities();
                    String nov = r.prediction().novelty().novel() ? String.format(Locale.ROOT, "NOVEL %.1f", r.prediction().noveltyRatio())
                        : String.format(Locale.ROOT, "ok %.2f", r.prediction().noveltyRatio());
                    String al = Double.isNaN(r.pearson()) ? "computed" : String.format(Locale.ROOT, "%+.1f eV r=%.3f", r.shiftEv(), r.pearson());
                    String name = spectra.size() > 1 ? s.id() : f.getFileName().toString();
                    out.printf(Locale.ROOT, "%-40s %-3s %6.3f %6.3f %6.3f  %-5s %-8s %s%n", name.length() > 40 ? name.substring(name.length() - 40) : name,
                        r.element(), pr[0], pr[1], pr[2], r.prediction().best(), nov, al);
                    if (verbose) {
                        out.println("    " + r.notes() + "; absorber from " + r.absorberSource());
                    }
                    if (!r.caution().isEmpty()) {
                        cautions.add(r.caution());
                    }
                    done++;
                } catch (InputException e) {
                    err.println("xlce predict: " + s.id() + ": " + e.getMessage());
                    refused++;
                }
            }
        }
        err.printf(Locale.ROOT, "%d spectra classified, %d refused%n", done, refused);
        cautions.forEach(c -> out.println("caution: " + c + "."));
        out.println("novelty: score / 99th percentile of the training spectra; above 1 (NOVEL) the spectrum is unlike the training data and the probabilities deserve less trust.");
        return refused > 0 ? 1 : 0;
    }
}
