package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xaneslce.api.SimulateService;
import org.xaneslce.simulation.Campaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xlce simulate}: a resumable FEFF campaign whose results go into the database. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Compute site K-edge spectra with an installed FEFF (feff8l from Debian's feff85exafs by default) and store",
        "spectrum, structure and label in the database. Resumable: run it again and it continues; a site is never run twice.",
        "feff8l has no full multiple scattering: its near-edge region differs from FEFF 9 (spectra are marked feff8l)."})
final class SimulateCommand extends XlceCommand {
    @Option(names = "--element", description = "Absorber.")
    String element;

    @Option(names = "--plan", description = "Label every 3d-metal site of --structures and print, per metal and class, the paper's count,"
        + " what the datasets hold, the sites available, the runs needed and the hours; write site lists with --plan-out.")
    boolean planOnly;

    @Option(names = "--plan-out", description = "With --plan: write one site list per metal and class to run (priority order) here.")
    Path planOut;

    @Option(names = "--datasets", defaultValue = "data/dataset", description = "With --plan: the base datasets (default ${DEFAULT-VALUE}).")
    Path datasets;

    @Option(names = "--feff9-data", defaultValue = "../shared/data", description = "With --plan: folder with feff9-grid/ and feff9-cu/"
        + " (sites that have FEFF 9 spectra; default ${DEFAULT-VALUE}).")
    Path feff9Data;

    @Option(names = "--seconds-per-site", defaultValue = "170", description = "With --plan: FEFF time per site where the database has no"
        + " FEFF10 measurement (default ${DEFAULT-VALUE}).")
    double secondsPerSite;

    @Option(names = "--sites", description = "A file of <mp-id>_<site> lines (structures from --structures), or structure files/folders.")
    List<Path> sites;

    @Option(names = "--structures", defaultValue = "../shared/data/mp-structures", description = "Structures for site ids: <id>.cif, or <id>/POSCAR as in a FEFF campaign folder (default ${DEFAULT-VALUE}).")
    Path structures;

    @Option(names = "--sample", defaultValue = "0", description = "Plan a seeded random sample of this many sites (0: all).")
    int sample;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--code", description = "FEFF code: feff8l (Debian's feff85exafs), feff9 (--feff PATH) or feff10 (--feff-home DIR or $"
        + SimulateService.FEFF10_HOME_ENV + "). Default: feff8l, or feff9 when --feff names a FEFF 9.")
    String code;

    @Option(names = "--feff", description = "FEFF executable for feff8l or feff9 (default feff8l on the PATH).")
    String feff;

    @Option(names = "--feff-home", description = "FEFF10 installation (a folder made by FEFF10's build.sh; default $" + SimulateService.FEFF10_HOME_ENV + ").")
    Path feffHome;

    @Option(names = "--cards", description = "Card set: mp (FEFF 9 library cards), mp-low, fast, medium, fine (FEFF10 only); default mp for feff9 and feff10.")
    String cardsName;

    @Option(names = "--engine", hidden = true, description = "Old name: feff8l or feff9 (as --code).")
    String engine;

    @Option(names = "--workers", defaultValue = "0", description = "Parallel FEFF runs (default: one per core).")
    int workers;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds per site (default ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--radius", defaultValue = "9.0", description = "Cluster radius, Angstrom (default ${DEFAULT-VALUE}).")
    double radius;

    @Option(names = "--campaign", description = "Campaign name (default <El>-<engine>).")
    String campaign;

    @Option(names = "--work", defaultValue = "feff-work", description = "Working folder (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--retry-failed", arity = "0..1", fallbackValue = "", paramLabel = "TEXT", description = {"Run the campaign's failed",
        "sites again (those whose reason contains TEXT; all without it), e.g. --retry-failed 'Bad counts' after an SCF",
        "that oscillated: FEFF10 runs are retried with gentler SCF mixing (docs/SIMULATION.md)."})
    String retryFailed;

    @Option(names = "--keep-failed", description = "Keep the working folders of failed sites.")
    boolean keepFailed;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many sites in this run (0: no limit).")
    int max;

    @Option(names = "--export", description = "Also write the campaign's finished sites to this archive (gzip CSV, e.g."
        + " data/campaigns/Ti-feff10-fast.csv.gz) every --export-minutes and at the end; `xlce db import` restores it on another machine.")
    Path export;

    @Option(names = "--export-minutes", defaultValue = "10", description = "Minutes between exports (default ${DEFAULT-VALUE}).")
    double exportMinutes;

    @Option(names = "--no-symmetry", description = "Plan every site, even one whose cluster equals that of another site of the same structure.")
    boolean noSymmetry;

    @Mixin
    DbCommand.DbOption dbOption;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        if (planOnly) {
            return new PlanPrinter(out, err).print(structures, datasets, feff9Data, dbOption.db, secondsPerSite, planOut, seed);
        }
        if (element == null || sites == null || sites.isEmpty()) {
            err.println("xlce simulate: --element and --sites are required (or --plan)");
            return 2;
        }
        SimulateService.Setup setup;
        try {
            String c = code != null ? code : engine != null ? engine : feffHome != null ? "feff10"
                : feff != null && feff.matches(".*feff9.*") ? "feff9" : "feff8l";
            boolean feff10 = c.equalsIgnoreCase("feff10");
            String exe = feff10 ? SimulateService.feff10Home(java.util.Optional.ofNullable(feffHome)).toString() : feff != null ? feff : "feff8l";
            if (!feff10 && !SimulateService.available(exe)) {
                throw new IllegalArgumentException("FEFF executable '" + exe + "' not found (apt-get install feff85exafs gives feff8l, or give --feff PATH)");
            }
            setup = new SimulateService.Setup(element, c, cardsName, exe, radius, timeout);
            setup.runner();
        } catch (IllegalArgumentException e) {
            err.println("xlce simulate: " + e.getMessage());
            return 2;
        }
        SimulateService.Sites selected = SimulateService.sites(sites, element, structures, sample, seed, m -> err.println("xlce simulate: " + m));
        List<Campaign.SiteRef> refs = selected.sites();
        Map<String, Integer> skipped = selected.skipped();
        String name = campaign != null ? campaign : setup.defaultName();
        try (SimulateService.CampaignRun c = SimulateService.CampaignRun.open(dbOption.db, name, setup)) {
            Campaign.Plan plan = c.plan(refs, !noSymmetry);
            int added = plan.added();
            int recovered = c.recover();
            if (retryFailed != null) {
                out.printf(Locale.ROOT, "%d failed sites back to pending%s%n", c.retryFailed(retryFailed),
                    retryFailed.isEmpty() ? "" : " (reason contains '" + retryFailed + "')");
            }
            Campaign.Status before = c.status();
            out.printf(Locale.ROOT, "campaign %s (%s, %s): %d sites planned now, %d left out as equivalent to a planned site of the same structure"
                    + " (%d in all; %d done, %d failed, %d to run; %d recovered from a dead run)%s%n",
                name, element, setup.code().toLowerCase(java.util.Locale.ROOT) + " cards " + setup.cards(), added, plan.equivalent(), before.total(), before.done(), before.failed(),
                before.pending() + before.running(), recovered, skipped.isEmpty() ? "" : "; ids skipped: " + skipped);
            int n = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
            int todo = before.pending() + before.running();
            if (todo == 0) {
                String why = before.total() > 0 ? "every planned site is finished (" + before.done() + " done, " + before.failed() + " failed)"
                    : refs.isEmpty() ? "no " + element + " site in the inputs" + (skipped.isEmpty() ? "" : " (skipped: " + skipped + ")")
                    : "all " + refs.size() + " sites are equivalent to others";
                out.println("nothing to run: " + why);
                return before.done() > 0 ? 0 : 1;
            }
            Progress p = new Progress(err, "sites", max > 0 ? Math.min(max, todo) : todo, true);
            int[] failed = {0};
            int[] finished = {0};
            long t0 = System.nanoTime();
            long[] lastExport = {t0};
            c.run(n, work, keepFailed, max, o -> {
                synchronized (p) {
                    finished[0]++;
                    if (!o.ok()) {
                        failed[0]++;
                        err.println("xlce simulate: " + o.material() + " site " + o.site() + ": " + o.reason());
                    }
                    p.step();
                    if (export != null && System.nanoTime() - lastExport[0] > exportMinutes * 60e9) {
                        lastExport[0] = System.nanoTime();
                        exportQuietly(c, err);
                    }
                }
            });
            if (export != null) {
                exportQuietly(c, err);
            }
            Campaign.Status after = c.status();
            double secs = (System.nanoTime() - t0) / 1e9;
            // this run's own sites: another process working on the same campaign finishes sites too
            int ran = finished[0];
            out.printf(Locale.ROOT, "ran %d sites (%d failed) in %.0f s with %d workers: %.0f sites per hour per core; campaign now %d done, %d failed, %d pending%n",
                ran, failed[0], secs, n, ran / Math.max(secs, 1e-9) * 3600 / n, after.done(), after.failed(), after.pending() + after.running());
            if (ran > 0 && failed[0] == ran) {
                err.println("xlce simulate: every site of this run failed (see the reasons above)");
                return 1;
            }
        }
        return 0;
    }

    private void exportQuietly(SimulateService.CampaignRun c, PrintWriter err) {
        try {
            int n = c.export(export);
            err.println("xlce simulate: " + n + " finished sites exported to " + export);
        } catch (java.io.IOException | java.sql.SQLException e) {
            err.println("xlce simulate: export to " + export + " failed (the campaign goes on): " + e.getMessage());
        }
    }
}
