package org.xaneslce.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.evaluation.Evaluation;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.evaluation.Study;

/**
 * Writes a study as a self-contained HTML report (inline SVG figures) plus every number as CSV and
 * JSON. Each file is written to a temporary name and moved into place, so an interrupted run
 * leaves no half-written file.
 */
public final class ReportWriter {
    private static final String[] EARLY = {"Ti", "V", "Cr", "Mn"};
    private static final String[] LATE = {"Fe", "Co", "Ni", "Cu"};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes the report into {@code dir}. {@code provenance} holds data hashes, machine, options. */
    public static void write(Study.Result r, Map<String, String> provenance, Path dir) throws IOException {
        write(r, null, provenance, dir);
    }

    /**
     * Writes the report into {@code dir}, with the part beyond the paper ({@code beyond}: open set,
     * coordination number and distance; null to leave it out).
     */
    public static void write(Study.Result r, org.xaneslce.evaluation.BeyondPaper.Result beyond, Map<String, String> provenance, Path dir)
        throws IOException {
        write(r, beyond, Map.of(), provenance, dir);
    }

    /**
     * As above, with the calibration the shipped CNNs' files record ({@code calibration}: absorber ->
     * what {@code xlce calibrate} measured; empty to leave the section out).
     */
    public static void write(Study.Result r, org.xaneslce.evaluation.BeyondPaper.Result beyond,
                             Map<String, org.xaneslce.trust.TrustModel.Measured> calibration, Map<String, String> provenance, Path dir)
        throws IOException {
        Files.createDirectories(dir);
        StringBuilder t1 = new StringBuilder("absorber,T4,S5,O6,total,paper_T4,paper_S5,paper_O6,paper_total\n");
        StringBuilder t2 = new StringBuilder("absorber,model,split,macro_f1,macro_f1_std,f1_T4,f1_T4_std,f1_S5,f1_S5_std,f1_O6,f1_O6_std,folds,epochs,paper_macro_f1,paper_std\n");
        StringBuilder curves = new StringBuilder("absorber,perturbation,value,macro_f1_with_augmentation,macro_f1_without\n");
        StringBuilder theory = new StringBuilder("pair,shift_ev,pearson_r,on_boundary\n");
        ObjectNode json = JSON.createObjectNode();
        json.put("profile", r.options().name());
        ObjectNode prov = json.putObject("provenance");
        provenance.forEach(prov::put);
        ObjectNode elements = json.putObject("absorbers");
        for (Map.Entry<String, Study.ElementResult> e : r.elements().entrySet()) {
            String el = e.getKey();
            Study.ElementResult er = e.getValue();
            int[] c = er.dataset().classCounts();
            PaperTables.Row p = PaperTables.rows().get(el);
            t1.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%s%n", el, c[0], c[1], c[2], c[0] + c[1] + c[2],
                p == null ? ",,," : p.t4() + "," + p.s5() + "," + p.o6() + "," + p.total()));
            ObjectNode ej = elements.putObject(el);
            ej.put("spectra", er.dataset().size());
            ej.put("pre_edge_points", er.preEdgePoints());
            ej.put("level_of_theory", er.dataset().levelOfTheory());
            ej.put("grid", er.dataset().grid().toString());
            for (Map.Entry<String, Evaluation.Result> m : er.results().entrySet()) {
                Evaluation.Result res = m.getValue();
                String kind = m.getKey().replace(" by material", "");
                int col = java.util.Arrays.asList(Study.KINDS).indexOf(kind);
                boolean strat = res.split() == Evaluation.SplitKind.stratified;
                String paper = p == null || !strat ? "," : String.format(Locale.ROOT, "%.2f,%.2f", p.f1()[col], p.f1Std()[col]);
                t2.append(String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d,%s%n", el, kind, res.split(),
                    res.mean(Metrics::macroF1), res.std(Metrics::macroF1), res.mean(x -> x.f1(0)), res.std(x -> x.f1(0)),
                    res.mean(x -> x.f1(1)), res.std(x -> x.f1(1)), res.mean(x -> x.f1(2)), res.std(x -> x.f1(2)), res.folds().size(),
                    res.options().epochs(), paper));
                ObjectNode mj = ej.putObject(m.getKey());
                mj.put("split", res.split().name());
                mj.put("macro_f1", res.mean(Metrics::macroF1));
                mj.put("macro_f1_std", res.std(Metrics::macroF1));
                ArrayNode folds = mj.putArray("fold_macro_f1");
                res.folds().forEach(f -> folds.add(f.macroF1()));
                ArrayNode conf = mj.putArray("confusion");
                for (int[] row : res.confusion()) {
                    ArrayNode rr = conf.addArray();
                    for (int v : row) {
                        rr.add(v);
                    }
                }
                mj.put("seconds", res.seconds());
            }
        }
        for (Study.Curve cv : r.curves()) {
            for (int i = 0; i < cv.x().length; i++) {
                curves.append(String.format(Locale.ROOT, "%s,%s,%.3f,%.4f,%.4f%n", cv.element(), cv.kind(), cv.x()[i], cv.withAugmentation()[i], cv.without()[i]));
            }
        }
        for (Study.TheoryResult tr : r.theory()) {
            theory.append(String.format(Locale.ROOT, "%s,%.3f,%.4f,%s%n", tr.name(), tr.alignment().shiftEv(), tr.alignment().pearson(),
                tr.alignment().onBoundary()));
        }
        String t3 = table3Csv(r);
        json.put("table3_csv", t3);
        ObjectNode stages = json.putObject("stage_seconds");
        r.stageSeconds().forEach(stages::put);
        write(dir.resolve("table1_class_counts.csv"), t1.toString());
        write(dir.resolve("table2_f1.csv"), t2.toString());
        write(dir.resolve("table3_pre_edge_delta.csv"), t3);
        write(dir.resolve("robustness_curves.csv"), curves.toString());
        write(dir.resolve("theory_vs_experiment.csv"), theory.toString());
        if (beyond != null) {
            write(dir.resolve("beyond_paper.csv"), beyondCsv(beyond));
            json.put("beyond_paper_csv", beyondCsv(beyond));
        }
        write(dir.resolve("results.json"), JSON.writeValueAsString(json));
        if (!calibration.isEmpty()) {
            write(dir.resolve("calibration.csv"), calibrationCsv(calibration));
        }
        write(dir.resolve("index.html"), html(r, beyond, calibration, provenance));
    }

    /** Class-wise F1(full) - F1(pre-edge), averaged over early and late absorbers present; std over absorbers. */
    static String table3Csv(Study.Result r) {
        StringBuilder b = new StringBuilder("group,model,absorbers,delta_T4,delta_T4_std,delta_S5,delta_S5_std,delta_O6,delta_O6_std\n");
        for (String[] group : new String[][] {EARLY, LATE}) {
            for (String model : new String[] {"mlp", "cnn"}) {
                java.util.List<double[]> deltas = new java.util.ArrayList<>();
                java.util.List<String> names = new java.util.ArrayList<>();
                for (String el : group) {
                    Study.ElementResult er = r.elements().get(el);
                    if (er == null || !er.results().containsKey(model) || !er.results().containsKey("pre-edge " + model)) {
                        continue;
                    }
                    Evaluation.Result full = er.results().get(model);
                    Evaluation.Result pre = er.results().get("pre-edge " + model);
                    double[] d = new double[3];
                    for (int k = 0; k < 3; k++) {
                        int kk = k;
                        d[k] = full.mean(m -> m.f1(kk)) - pre.mean(m -> m.f1(kk));
                    }
                    deltas.add(d);
                    names.add(el);
                }
                if (deltas.isEmpty()) {
                    continue;
                }
                b.append(group == EARLY ? "early" : "late").append(',').append(model).append(',').append(String.join(" ", names));
                for (int k = 0; k < 3; k++) {
                    double mean = 0;
                    for (double[] d : deltas) {
                        mean += d[k] / deltas.size();
                    }
                    double var = 0;
                    for (double[] d : deltas) {
                        var += (d[k] - mean) * (d[k] - mean);
                    }
                    double sd = deltas.size() > 1 ? Math.sqrt(var / (deltas.size() - 1)) : 0;
                    b.append(String.format(Locale.ROOT, ",%.4f,%.4f", mean, sd));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One row per absorber: open-set scores (split by material) and coordination number and distance. */
    static String beyondCsv(org.xaneslce.evaluation.BeyondPaper.Result b) {
        StringBuilder s = new StringBuilder("absorber,open_set_spectra,other_sites,macro_f1_4class,macro_f1_4class_std,f1_other,recall_other,"
            + "closed_f1,closed_f1_std,geometry_data,geometry_spectra,cn_accuracy,cn_accuracy_4to6,distance_sites,distance_mae_angstrom,"
            + "distance_rmse_angstrom,distance_r2,interval90_coverage,interval90_half_width_angstrom\n");
        for (Map.Entry<String, org.xaneslce.evaluation.BeyondPaper.ElementResult> e : b.elements().entrySet()) {
            org.xaneslce.evaluation.BeyondPaper.ElementResult x = e.getValue();
            s.append(e.getKey()).append(',');
            Evaluation.Result o = x.openSet();
            if (o == null) {
                s.append(",,,,,,,,");
            } else {
                s.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,", java.util.Arrays.stream(x.openCounts()).sum(),
                    x.openCounts()[3], o.mean(Metrics::macroF1), o.std(Metrics::macroF1), o.mean(m -> m.f1(3)), o.mean(m -> m.recall(3)),
                    o.mean(Metrics::closedMacroF1), o.std(Metrics::closedMacroF1)));
            }
            org.xaneslce.evaluation.GeometryEvaluation.Result g = x.geometry();
            if (g == null) {
                s.append(",,,,,,,,,\n");
            } else {
                s.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%d,%.4f,%.4f,%.4f,%.4f,%.4f%n", x.geometryData(), g.spectra(), g.cnAccuracy(),
                    g.cnAccuracy456(), g.distanceCount(), g.mae(), g.rmse(), g.r2(), g.coverage90(), g.halfWidth90()));
            }
        }
        return s.toString();
    }

    private static void beyond(StringBuilder h, Study.Result r, org.xaneslce.evaluation.BeyondPaper.Result b) {
        h.append("<h2>Beyond the paper: an OTHER class, coordination number and distance</h2>")
            .append("<p>The paper's three classes leave out every site that is none of T4, S5, O6 (square planar, linear, see-saw...); the")
            .append(" shipped models learn them as OTHER from the open-set datasets. Scores split by material (the held-out-style test),")
            .append(" the four-class CNN beside the paper's three-class CNN by material above. <i>closed F1</i>: the T4/S5/O6 sites only, each")
            .append(" called the likeliest of the three (the paper's score).</p><table><tr><th>absorber</th><th>spectra (OTHER)</th>")
            .append("<th>4-class macro F1</th><th>F1 OTHER</th><th>recall OTHER</th><th>closed F1</th><th>3-class CNN by material</th></tr>");
        for (Map.Entry<String, org.xaneslce.evaluation.BeyondPaper.ElementResult> e : b.elements().entrySet()) {
            Evaluation.Result o = e.getValue().openSet();
            if (o == null) {
                continue;
            }
            Study.ElementResult er = r.elements().get(e.getKey());
            Evaluation.Result three = er == null ? null : er.results().get("cnn by material");
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d (%d)</td><td>%.3f &plusmn; %.3f</td><td>%.3f</td><td>%.3f</td>"
                    + "<td>%.3f &plusmn; %.3f</td><td>%s</td></tr>", e.getKey(), java.util.Arrays.stream(e.getValue().openCounts()).sum(),
                e.getValue().openCounts()[3], o.mean(Metrics::macroF1), o.std(Metrics::macroF1), o.mean(m -> m.f1(3)), o.mean(m -> m.recall(3)),
                o.mean(Metrics::closedMacroF1), o.std(Metrics::closedMacroF1),
                three == null ? "-" : String.format(Locale.ROOT, "%.3f &plusmn; %.3f", three.mean(Metrics::macroF1), three.std(Metrics::macroF1))));
        }
        h.append("</table><p>Coordination number (oxygen within 1.2 &times; d<sub>min</sub>; bins &le;3, 4, 5, 6, &ge;7) and mean M&ndash;O")
            .append(" distance of bonded shells (&le; 2.6 &Aring;) from the spectrum, MLP, ").append(org.xaneslce.evaluation.BeyondPaper.GEOMETRY_FOLDS)
            .append(" folds by material, with the split-conformal 90 % interval. Torrisi et al. (npj Comput. Mater. 2020) report CN 4/5/6")
            .append(" accuracy 85 % and R<sup>2</sup> 0.86 for the mean nearest-neighbour distance (any element, other structures).</p>")
            .append("<table><tr><th>absorber</th><th>data</th><th>spectra</th><th>CN accuracy</th><th>CN 4&ndash;6</th><th>MAE (&Aring;)</th>")
            .append("<th>RMSE (&Aring;)</th><th>R<sup>2</sup></th><th>90 % interval covers</th><th>half-width (&Aring;)</th></tr>");
        for (Map.Entry<String, org.xaneslce.evaluation.BeyondPaper.ElementResult> e : b.elements().entrySet()) {
            org.xaneslce.evaluation.GeometryEvaluation.Result g = e.getValue().geometry();
            if (g == null) {
                continue;
            }
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.4f</td><td>%.4f</td>"
                    + "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>", e.getKey(), e.getValue().geometryData(), g.spectra(), g.cnAccuracy(),
                g.cnAccuracy456(), g.mae(), g.rmse(), g.r2(), g.coverage90(), g.halfWidth90()));
        }
        h.append(String.format(Locale.ROOT, "</table><p>This part took %.0f s. The novelty score on measured spectra is measured by"
            + " <code>xlce-bench measured</code> (docs/CLASSIFIERS.md), not in this run.</p>", b.seconds()));
    }

    static String calibrationCsv(Map<String, org.xaneslce.trust.TrustModel.Measured> cal) {
        StringBuilder b = new StringBuilder("absorber,way,spectra,mean_temperature,ece_before,ece_after,ece_floor,coverage_0.8,coverage_0.9,"
            + "coverage_0.95,set_size_0.8,set_size_0.9,set_size_0.95\n");
        for (Map.Entry<String, org.xaneslce.trust.TrustModel.Measured> e : cal.entrySet()) {
            org.xaneslce.trust.TrustModel.Report p = e.getValue().report();
            b.append(String.format(Locale.ROOT, "%s,\"%s\",%d,%.3f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.3f%n", e.getKey(), e.getValue().way(),
                p.spectra(), p.meanTemperature(), p.eceBefore(), p.eceAfter(), p.eceFloor(), p.coverage()[0], p.coverage()[1], p.coverage()[2],
                p.setSize()[0], p.setSize()[1], p.setSize()[2]));
        }
        return b.toString();
    }

    /** The shipped CNNs' calibration as their files record it: ECE before and after, coverage, set size, reliability diagrams. */
    private static void calibration(StringBuilder h, Map<String, org.xaneslce.trust.TrustModel.Measured> cal) {
        h.append("<h2>Beyond the paper: calibrated probabilities and conformal sets of the shipped CNNs</h2>")
            .append("<p>Measured by <code>xlce calibrate</code> when the shipped calibration was fitted (not in this run; the numbers")
            .append(" travel in <code>models/&lt;El&gt;-cnn.trust.json</code>). Each spectrum is judged once, on the test fold of a")
            .append(" model that did not see it; the temperature and the class-conditional conformal thresholds of a test fold come from")
            .append(" other spectra only (<i>way</i>). ECE: top-label, 15 equal-width bins; <i>floor</i>: the ECE perfectly calibrated")
            .append(" probabilities would show on as many spectra (labels drawn from the probabilities themselves), the sampling noise")
            .append(" below which no calibration can be told apart. Goal of the trust issue: ECE &le; 0.03; coverage within 0.02 of nominal.</p>")
            .append("<table><tr><th>absorber</th><th>way</th><th>spectra</th><th>T</th><th>ECE before</th><th>ECE after</th><th>floor</th>")
            .append("<th>coverage 0.8</th><th>0.9</th><th>0.95</th><th>set size 0.8</th><th>0.9</th><th>0.95</th></tr>");
        StringBuilder figs = new StringBuilder("<div class=\"figs\">");
        for (Map.Entry<String, org.xaneslce.trust.TrustModel.Measured> e : cal.entrySet()) {
            org.xaneslce.trust.TrustModel.Report p = e.getValue().report();
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td style=\"text-align:left\">%s</td><td>%d</td><td>%.2f</td><td>%.3f</td>"
                    + "<td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>", e.getKey(),
                SvgPlot.esc(e.getValue().way()), p.spectra(), p.meanTemperature(), p.eceBefore(), p.eceAfter(), p.eceFloor(), p.coverage()[0],
                p.coverage()[1], p.coverage()[2], p.setSize()[0], p.setSize()[1], p.setSize()[2]));
            SvgPlot plot = new SvgPlot(270, 240, e.getKey() + ": reliability", "confidence (top probability)", "accuracy")
                .xRange(0, 1).yRange(0, 1).legendAt("tl");
            plot.line(new double[] {0, 1}, new double[] {0, 1}, "#888888", "ideal", true, 1, 1);
            reliability(plot, p.reliabilityBefore(), "#bbbbbb", String.format(Locale.ROOT, "before (%.3f)", p.eceBefore()));
            reliability(plot, p.reliabilityAfter(), SvgPlot.CLASS_COLOURS[0], String.format(Locale.ROOT, "after (%.3f)", p.eceAfter()));
            figs.append(plot.render());
        }
        h.append("</table>").append(figs).append("</div><p>Reliability diagrams: per bin, the mean top probability against the share")
            .append(" of right answers (bins with at least 5 spectra; ECE in brackets). Points below the diagonal are over-confident.</p>");
    }

    private static void reliability(SvgPlot plot, List<org.xaneslce.trust.Calibration.Bin> bins, String colour, String label) {
        List<double[]> pts = new java.util.ArrayList<>();
        for (org.xaneslce.trust.Calibration.Bin b : bins) {
            if (b.count() >= 5) {
                pts.add(new double[] {b.confidence(), b.accuracy()});
            }
        }
        double[] x = pts.stream().mapToDouble(v -> v[0]).toArray();
        double[] y = pts.stream().mapToDouble(v -> v[1]).toArray();
        plot.line(x, y, colour, label, false, 1, 1.5);
        plot.points(x, y, colour, null, 1);
    }

    private static String html(Study.Result r, org.xaneslce.evaluation.BeyondPaper.Result beyond,
                               Map<String, org.xaneslce.trust.TrustModel.Measured> calibration, Map<String, String> prov) {
        StringBuilder h = new StringBuilder();
        boolean quick = r.options().name().equals("quick");
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>xanes-lce: reproduction of Carbone et al. 2019</title><style>")
            .append("body{font-family:Helvetica,Arial,sans-serif;max-width:1180px;margin:24px auto;padding:0 16px;color:#222}")
            .append("table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
            .append("th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}.note{background:#fff6d6;border:1px solid #e6c200;padding:8px 12px}")
            .append(".figs{display:flex;flex-wrap:wrap;gap:8px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:34px}")
            .append(".ours{font-weight:bold}</style></head><body>");
        h.append("<h1>Local chemical environments from XANES: reproduction of Carbone, Yoo, Topsakal &amp; Lu (2019)</h1>");
        h.append(String.format(Locale.ROOT, "<p>Profile <b>%s</b>: %d test folds of a 10-fold partition, %d epochs, seed %d%s. Generated %s by xlce %s; wall time %s s.</p>",
            r.options().name(), r.options().repeats(), r.options().epochs(), r.options().seed(),
            r.options().materialSplit() ? ", stratified and by-material splits" : ", stratified splits", SvgPlot.esc(prov.getOrDefault("created_at", "")),
            SvgPlot.esc(prov.getOrDefault("code_version", "")), SvgPlot.esc(prov.getOrDefault("wall_seconds", ""))));
        if (quick) {
            h.append("<p class=\"note\"><b>Quick profile.</b> Fewer folds and epochs than the paper (10 folds, 50 epochs): numbers are indicative only. "
                + "Run <code>xlce reproduce --profile full</code> for the paper's protocol.</p>");
        }
        h.append("<h2>Table I: class counts of the base datasets</h2><table><tr><th>absorber</th><th>spectra</th><th>T4</th><th>S5</th><th>O6</th><th>total</th>"
            + "<th>paper T4</th><th>S5</th><th>O6</th><th>total</th></tr>");
        for (Map.Entry<String, PaperTables.Row> pe : PaperTables.rows().entrySet()) {
            Study.ElementResult er = r.elements().get(pe.getKey());
            PaperTables.Row p = pe.getValue();
            String ours = "<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>";
            if (er != null) {
                int[] c = er.dataset().classCounts();
                ours = String.format(Locale.ROOT, "<td class=\"ours\">%s</td><td class=\"ours\">%d</td><td class=\"ours\">%d</td><td class=\"ours\">%d</td><td class=\"ours\">%d</td>",
                    SvgPlot.esc(er.dataset().levelOfTheory()), c[0], c[1], c[2], c[0] + c[1] + c[2]);
            }
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td>%s<td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>", pe.getKey(), ours, p.t4(), p.s5(), p.o6(), p.total()));
        }
        h.append("</table>");
        h.append("<h2>Table II: macro F1 (mean &plusmn; std over the test folds), paper beside</h2><table><tr><th>absorber</th>");
        for (String k : Study.KINDS) {
            h.append("<th>").append(k).append("</th><th>paper</th>");
        }
        if (r.options().materialSplit()) {
            h.append("<th>mlp by material</th><th>cnn by material</th>");
        }
        h.append("</tr>");
        for (Map.Entry<String, Study.ElementResult> e : r.elements().entrySet()) {
            PaperTables.Row p = PaperTables.rows().get(e.getKey());
            h.append("<tr><td>").append(e.getKey()).append("</td>");
            for (int col = 0; col < 4; col++) {
                Evaluation.Result res = e.getValue().results().get(Study.KINDS[col]);
                String paperCell = p == null ? "-" : String.format(Locale.ROOT, "%.2f(%d)", p.f1()[col], Math.round(p.f1Std()[col] * 100));
                h.append(res == null ? "<td title=\"no pre-edge in these spectra\">n/a*</td><td>" + paperCell + "</td>"
                    : String.format(Locale.ROOT, "<td class=\"ours\">%.3f &plusmn; %.3f</td><td>%s</td>", res.mean(Metrics::macroF1),
                    res.std(Metrics::macroF1), paperCell));
            }
            if (r.options().materialSplit()) {
                for (String k : new String[] {"mlp by material", "cnn by material"}) {
                    Evaluation.Result res = e.getValue().results().get(k);
                    h.append(res == null ? "<td>-</td>" : String.format(Locale.ROOT, "<td class=\"ours\">%.3f &plusmn; %.3f</td>", res.mean(Metrics::macroF1), res.std(Metrics::macroF1)));
                }
            }
            h.append("</tr>");
        }
        List<String> noPreEdge = r.elements().entrySet().stream().filter(e -> e.getValue().preEdgePoints() == 0).map(Map.Entry::getKey).toList();
        h.append("</table>");
        if (!noPreEdge.isEmpty()) {
            h.append("<p class=\"note\">* ").append(String.join(", ", noPreEdge)).append(": no pre-edge study. Their feff8l spectra start at the Fermi level, ")
                .append("above the edge, so there is no pre-edge region to read (and no pre-edge PCA).</p>");
        }
        h.append("<h2>Table III: class-wise F1(full) &minus; F1(pre-edge), early and late metals</h2><table><tr><th>group</th><th>model</th><th>absorbers</th>"
            + "<th>&Delta;T4</th><th>&Delta;S5</th><th>&Delta;O6</th><th>paper &Delta;T4</th><th>&Delta;S5</th><th>&Delta;O6</th></tr>");
        Map<String, String> paper3 = Map.of("early,mlp", "0.09(3)</td><td>0.30(5)</td><td>0.03(1)", "early,cnn", "0.07(3)</td><td>0.22(5)</td><td>0.03(1)",
            "late,mlp", "0.21(4)</td><td>0.57(5)</td><td>0.10(1)", "late,cnn", "0.16(3)</td><td>0.44(7)</td><td>0.08(1)");
        for (String line : table3Csv(r).split("\n")) {
            if (line.startsWith("group")) {
                continue;
            }
            String[] f = line.split(",");
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"ours\">%.2f &plusmn; %.2f</td><td class=\"ours\">%.2f &plusmn; %.2f</td><td class=\"ours\">%.2f &plusmn; %.2f</td><td>%s</td></tr>",
                f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]), paper3.get(f[0] + "," + f[1])));
        }
        h.append("</table><p>Pre-edge models read the grid up to where the mean spectrum reaches half its maximum (the foot of the main edge): ");
        for (Map.Entry<String, Study.ElementResult> e : r.elements().entrySet()) {
            if (e.getValue().preEdgePoints() == 0) {
                continue;
            }
            h.append(String.format(Locale.ROOT, "%s %d points (%.1f eV); ", e.getKey(), e.getValue().preEdgePoints(),
                e.getValue().preEdgePoints() * e.getValue().dataset().grid().stepEv()));
        }
        h.append("</p>");
        fig2(h, r);
        fig3(h, r);
        fig4(h, r);
        fig56(h, r);
        if (beyond != null) {
            beyond(h, r, beyond);
        }
        if (!calibration.isEmpty()) {
            calibration(h, calibration);
        }
        List<String> feff8l = r.elements().entrySet().stream().filter(e -> !"FEFF9".equals(e.getValue().dataset().levelOfTheory()))
            .map(Map.Entry::getKey).toList();
        h.append("<h2>Where our numbers differ from the paper, and why</h2><ul>")
            .append("<li><b>Data.</b> Cu is the only absorber with the raw FEFF 9 campaign (4,800 runs); its base dataset (927 spectra) is close to the paper's 839 ")
            .append("and its F1 meets the paper's. Ti, V, Cr, Co and Ni come from the shared feff9-grid sets: 331 to 857 spectra after duplicate removal ")
            .append("against 1,419 to 3,366, with tiny minority classes (Ti 13 T4, Cr 21 S5, Ni 30 S5): a class with 1 to 3 test spectra per fold swings ")
            .append("between F1 0 and 1, and macro F1 follows. ")
            .append(feff8l.isEmpty() ? "Mn and Fe have no spectra in this run." : String.join(", ", feff8l)
                + " come from our own feff8l campaign (a seeded sample of the shared site lists, docs/SIMULATION.md).")
            .append("</li>")
            .append("<li><b>Grid.</b> Cu: 100 points at 0.5 eV as the paper. The feff9-grid sets hold only 35 eV, so their grids are 35 eV wide (0.354 eV steps), ")
            .append("against the paper's about 50 eV: less post-edge information.</li>")
            .append("<li><b>Labels.</b> Structures of the Materials Project of 2025 against 2018; exact CSM minima where ChemEnv's CN 6 search is not exact.</li>")
            .append("<li><b>Level of theory.</b> ").append(feff8l.isEmpty() ? "All spectra are FEFF 9 (as the paper). "
                : "FEFF 9 (as the paper) except " + String.join(", ", feff8l) + ": feff8l (FEFF 8.5L), which has no full multiple scattering, so "
                + "the near-edge shapes differ from FEFF 9 and their F1 is not one to one with the paper's (level-of-theory check in docs/SIMULATION.md). ")
            .append("Theory versus experiment uses FEFF 9 against measured data.</li>")
            .append(quick ? "<li><b>Protocol.</b> This is the quick profile: fewer folds and epochs.</li>" : "")
            .append("</ul>");
        h.append("<h2>Provenance</h2><table>");
        for (Map.Entry<String, String> p : prov.entrySet()) {
            h.append("<tr><td>").append(SvgPlot.esc(p.getKey())).append("</td><td style=\"text-align:left\">").append(SvgPlot.esc(p.getValue())).append("</td></tr>");
        }
        for (Map.Entry<String, Double> s : r.stageSeconds().entrySet()) {
            h.append(String.format(Locale.ROOT, "<tr><td>stage: %s</td><td style=\"text-align:left\">%.1f s</td></tr>", SvgPlot.esc(s.getKey()), s.getValue()));
        }
        h.append("</table><p>Every number above is also in the CSV files and results.json beside this page.</p></body></html>");
        return h.toString();
    }

    private static void fig2(StringBuilder h, Study.Result r) {
        h.append("<h2>Fig. 2: spectra by class, PCA of the full spectra and of the pre-edge part</h2>");
        for (Map.Entry<String, Study.ElementResult> e : r.elements().entrySet()) {
            Dataset d = e.getValue().dataset();
            h.append("<div class=\"figs\">");
            SvgPlot sp = new SvgPlot(440, 280, e.getKey() + " K edge: spectra on the model grid", "energy (eV)", "mu, max-normalized").legendAt("br");
            double[] energies = d.grid().energies();
            for (CoordinationClass c : CoordinationClass.modelled()) {
                boolean first = true;
                for (float[] mu : Study.sample(d, c, 40)) {
                    double[] y = new double[mu.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = mu[i];
                    }
                    sp.line(energies, y, SvgPlot.CLASS_COLOURS[c.ordinal()], first ? c.name() : null, false, 0.35, 1.0);
                    first = false;
                }
            }
            h.append(sp.render());
            h.append(pca(e.getKey() + ": PCA, full spectrum", d, e.getValue().pcaFull()));
            if (e.getValue().pcaPreEdge() != null) {
                h.append(pca(e.getKey() + ": PCA, pre-edge only", d, e.getValue().pcaPreEdge()));
            }
            h.append("</div>");
        }
    }

    private static void fig3(StringBuilder h, Study.Result r) {
        h.append("<h2>Fig. 3: class-wise F1, full spectrum versus pre-edge</h2><div class=\"figs\">");
        List<String> names = new java.util.ArrayList<>(r.elements().keySet());
        names.add("paper (all)");
        String[] groups = names.toArray(new String[0]);
        // The paper gives class-wise F1 averaged over the absorbers only (PAPER.md): T4, S5, O6 for the full-spectrum MLP and CNN.
        Map<String, double[]> paperF1 = Map.of("mlp", new double[] {0.92, 0.68, 0.95}, "cnn", new double[] {0.92, 0.71, 0.96});
        for (String model : new String[] {"mlp", "cnn"}) {
            double[][] vals = new double[6][groups.length];
            double[][] errs = new double[6][groups.length];
            for (int g = 0; g < groups.length; g++) {
                Study.ElementResult er = r.elements().get(groups[g]);
                if (er == null) {
                    for (int k = 0; k < 3; k++) {
                        vals[k][g] = paperF1.get(model)[k];
                        errs[k][g] = Double.NaN;
                        vals[3 + k][g] = Double.NaN;
                        errs[3 + k][g] = Double.NaN;
                    }
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    int kk = k;
                    vals[k][g] = er.results().get(model).mean(m -> m.f1(kk));
                    errs[k][g] = er.results().get(model).std(m -> m.f1(kk));
                    Evaluation.Result pre = er.results().get("pre-edge " + model);
                    vals[3 + k][g] = pre == null ? Double.NaN : pre.mean(m -> m.f1(kk));
                    errs[3 + k][g] = pre == null ? Double.NaN : pre.std(m -> m.f1(kk));
                }
            }
            h.append(SvgPlot.bars(570, 320, model.toUpperCase(Locale.ROOT) + ": class-wise F1 per absorber", "F1",
                groups, new String[] {"T4 full", "S5 full", "O6 full", "T4 pre-edge", "S5 pre-edge", "O6 pre-edge"},
                new String[] {SvgPlot.CLASS_COLOURS[0], SvgPlot.CLASS_COLOURS[1], SvgPlot.CLASS_COLOURS[2], "#9ec7e8", "#ffc58f", "#9fd89f"},
                vals, errs, 1.0));
        }
        h.append("</div><p>The last group is the paper's: it gives class-wise F1 of the full-spectrum models averaged over all absorbers"
            + " only (T4 0.92, S5 0.68 MLP / 0.71 CNN, O6 0.95 MLP / 0.96 CNN), not per absorber, and no class-wise pre-edge values.</p>");
    }

    private static void fig4(StringBuilder h, Study.Result r) {
        h.append("<h2>Fig. 4: theory versus experiment</h2><div class=\"figs\">");
        for (Study.TheoryResult tr : r.theory()) {
            SvgPlot p = new SvgPlot(560, 300, String.format(Locale.ROOT, "%s: FEFF shifted by %+.1f eV, Pearson r = %.3f%s", tr.name(),
                tr.alignment().shiftEv(), tr.alignment().pearson(), tr.alignment().onBoundary() ? " (on the search boundary!)" : ""),
                "energy (eV, measured scale)", "normalized mu").legendAt("br");
            p.line(tr.measuredEnergy(), tr.measured(), "#222222", "measured", false, 1, 1.8);
            p.line(tr.measuredEnergy(), tr.computedScaled(), "#d62728", "FEFF 9 (aligned, scaled)", false, 1, 1.8);
            h.append(p.render());
        }
        if (r.theory().isEmpty()) {
            h.append("<p>No theory/experiment pair was available.</p>");
        }
        h.append("</div>");
    }

    private static void fig56(StringBuilder h, Study.Result r) {
        h.append("<h2>Fig. 5 and 6: robustness of the CNN to energy shifts and noise of the test set</h2>")
            .append("<p>The paper gives these curves as figures without their values. What it states, drawn here as marks where it names a")
            .append(" number: with shift augmentation the CNN's F1 stays above 0.8 over most of -3..+3 eV, without it F1 drops beyond 1 eV;")
            .append(" without noise augmentation the CNN falls to about 0.45 (Ti) and 0.25 (V) at sigma 0.1.</p><div class=\"figs\">");
        for (Study.Curve cv : r.curves()) {
            boolean shift = cv.kind().equals("shift");
            SvgPlot p = new SvgPlot(440, 280, cv.element() + ": macro F1 vs " + (shift ? "energy shift" : "Gaussian noise"),
                shift ? "shift of the test spectra (eV)" : "noise sigma (fraction of the maximum)", "macro F1").yRange(0, 1).legendAt("bl");
            p.line(cv.x(), cv.withAugmentation(), "#d62728", shift ? "trained with shift augmentation" : "trained with noise augmentation", false, 1, 2);
            p.line(cv.x(), cv.without(), "#555555", "trained without augmentation", true, 1, 2);
            Double paperPoint = shift ? null : Map.of("Ti", 0.45, "V", 0.25).get(cv.element());
            if (paperPoint != null) {
                p.points(new double[] {0.1}, new double[] {paperPoint}, "#000000", "paper, without augmentation", 1);
            }
            h.append(p.render());
        }
        h.append("</div>");
    }

    private static String pca(String title, Dataset d, org.xaneslce.evaluation.Pca pca) {
        SvgPlot p = new SvgPlot(480, 280, title, String.format(Locale.ROOT, "PC1 (%.0f %% of variance), scaled", 100 * pca.explained()[0]),
            String.format(Locale.ROOT, "PC2 (%.0f %%), scaled", 100 * pca.explained()[1])).xRange(-1.05, 1.05).yRange(-1.05, 1.05).legendAt("out");
        for (CoordinationClass c : CoordinationClass.modelled()) {
            List<double[]> pts = new java.util.ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                if (d.entries().get(i).coordinationClass() == c) {
                    pts.add(pca.scores()[i]);
                }
            }
            p.points(pts.stream().mapToDouble(v -> v[0]).toArray(), pts.stream().mapToDouble(v -> v[1]).toArray(), SvgPlot.CLASS_COLOURS[c.ordinal()], c.name(), 0.5);
        }
        return p.render();
    }
}
