package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xaneslce.api.SimulateService;
import org.xaneslce.simulation.CampaignPlanner;

/** {@code xlce simulate --plan}: the deficit table and the site lists. */
final class PlanPrinter {
    private final PrintWriter out;
    private final PrintWriter err;

    PlanPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int print(Path structures, Path datasets, Path feff9Data, Path db, double defaultSeconds, Path planOut, long seed) throws Exception {
        if (!Files.isDirectory(structures)) {
            err.println("xlce simulate --plan: no structure folder " + structures + " (give --structures DIR)");
            return 2;
        }
        SimulateService.CampaignPlan plan = SimulateService.plan(structures, datasets, feff9Data, db, defaultSeconds);
        CampaignPlanner.Labelled lab = plan.labelled();
        out.printf(Locale.ROOT, "labelled %d 3d-metal sites of %d structures (%d unreadable) in %.0f s; %d T4/S5/O6 candidates,"
            + " %d left out as equivalent to another site of the same structure%n", lab.sites(), lab.files(), lab.filesRejected(),
            plan.labelSeconds(), lab.candidates().size(), lab.equivalentLeftOut());
        out.println("| metal | class | paper | have (FEFF 9 level) | available to compute | runs needed | hours, one core |");
        out.println("|---|---|---|---|---|---|---|");
        double total = 0;
        for (CampaignPlanner.Row r : plan.rows()) {
            total += r.hours();
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.0f |%n", r.element(), r.coordinationClass(), r.paper(), r.have(),
                r.available(), r.runs(), r.hours());
        }
        out.printf(Locale.ROOT, "total: %.0f core-hours at the measured FEFF10 time per site (%s)%n", total, plan.secondsPerSite());
        if (planOut != null) {
            for (Path f : plan.writeSiteLists(planOut, seed)) {
                out.println("site list: " + f);
            }
        }
        return 0;
    }
}
