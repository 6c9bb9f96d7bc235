package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.xaneslce.api.ModelService;
import org.xaneslce.evaluation.Study;
import org.xaneslce.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xlce compare}: align a computed spectrum to a measured one by maximum Pearson correlation (the paper's Fig. 4). */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Align a computed spectrum to a measured one (maximum Pearson correlation over E0-10..E0+50 eV, shifts within +-30 eV).")
final class CompareCommand extends XlceCommand {
    @Parameters(index = "0", paramLabel = "COMPUTED")
    Path computed;

    @Parameters(index = "1", paramLabel = "MEASURED")
    Path measured;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        try {
            Study.TheoryResult r = ModelService.compare(computed, measured);
            out.printf(Locale.ROOT, "shift %+.2f eV (add to the computed energies), Pearson r = %.4f over %.1f..%.1f eV%s%n",
                r.alignment().shiftEv(), r.alignment().pearson(), r.alignment().windowStartEv(), r.alignment().windowEndEv(),
                r.alignment().onBoundary() ? "; WARNING: the optimum lies on the +-30 eV search boundary" : "");
            return r.alignment().onBoundary() ? 1 : 0;
        } catch (InputException | IllegalArgumentException e) {
            err.println("xlce compare: " + e.getMessage());
            return 1;
        }
    }
}
