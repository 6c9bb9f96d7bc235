package org.xaneslce.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.evaluation.Splits;
import org.xaneslce.io.AtomicFiles;
import org.xaneslce.io.InputException;
import java.util.concurrent.Callable;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.Ensemble;
import org.xaneslce.model.ModelOptions;
import org.xaneslce.util.Parallel;

/**
 * Calibration and conformal sets for a shipped model, from held-out predictions only, and the
 * fold protocol that measures them. In each of 10 stratified folds the model is trained on 8
 * folds, the temperature and the conformal thresholds are fitted on the 9th (the calibration
 * fold, the next one) and judged on the 10th (the test fold): ECE before and after, and the
 * coverage and size of the sets at 0.8, 0.9 and 0.95. The shipped model (trained on all data)
 * gets a temperature and conformal scores fitted on the out-of-fold predictions of the fold models
 * (each spectrum predicted by a model that did not see it): an approximation, since the shipped
 * model saw more data than the fold models, measured by the same protocol.
 *
 * @param temperature the temperature
 * @param topLabel the top-label map applied after the temperature ({@link Calibration#fitTopLabel}:
 *     {a, b}), or null for none (calibrations written before it, or fitted without it)
 * @param conformal the class-conditional conformal scores (on calibrated probabilities)
 * @param provenance how they were fitted
 * @param members what the temperature and scores apply to: 1 the model's own probabilities, K the
 *     mean of the first K members of its ensemble ({@code <El>-<kind>.ensemble.json})
 * @param measured what the fold protocol measured for this way of calibrating (ECE, coverage,
 *     reliability diagram), kept in the file for the report; null when not recorded
 */
public record TrustModel(double temperature, double[] topLabel, Conformal conformal, String provenance, int members, Measured measured) {
    /**
     * The fold protocol's report, as recorded with a shipped calibration.
     *
     * @param way how the test folds were calibrated ("cross-fit, ece" and the like)
     * @param report what was measured on the test folds
     */
    public record Measured(String way, Report report) {
    }

    public TrustModel {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, not " + members);
        }
        if (topLabel != null && (topLabel.length != 2 || !(topLabel[0] > 0) || !Double.isFinite(topLabel[1]))) {
            throw new IllegalArgumentException("top-label map must be {a > 0, b}, not " + java.util.Arrays.toString(topLabel));
        }
        topLabel = topLabel == null ? null : topLabel.clone();
    }

    @Override
    public double[] topLabel() {
        return topLabel == null ? null : topLabel.clone();
    }

    /** The coverages reported. */
    public static final double[] COVERAGES = {0.8, 0.9, 0.95};
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the fold protocol measured (pooled over the test folds).
     *
     * @param spectra spectra judged
     * @param eceBefore ECE of the raw probabilities
     * @param eceAfter ECE after calibration (temperature, and the top-label map where the way has one)
     * @param eceFloor the ECE perfectly calibrated probabilities would show on as many spectra
     *     ({@link Calibration#eceFloor}, 200 draws, on the calibrated probabilities)
     * @param meanTemperature mean fitted temperature over the folds
     * @param coverage per coverage level (COVERAGES), the share of test spectra whose set holds the truth
     * @param classCoverage per coverage level and class, the same per true class
     * @param setSize per coverage level, the mean set size
     * @param reliabilityBefore the reliability bins before
     * @param reliabilityAfter the reliability bins after
     */
    public record Report(int spectra, double eceBefore, double eceAfter, double eceFloor, double meanTemperature, double[] coverage, double[][] classCoverage,
                         double[] setSize, List<Calibration.Bin> reliabilityBefore, List<Calibration.Bin> reliabilityAfter) {
    }

    /**
     * The protocol's report and the shipped model's calibration.
     *
     * @param report what the protocol measured
     * @param shipped the calibration of the model trained on all data
     * @param outOfFold each spectrum's raw (uncalibrated) probabilities from the fold model that did
     *     not see it, n x classes in dataset order
     * @param fold each spectrum's test fold
     */
    public record Result(Report report, TrustModel shipped, double[] outOfFold, int[] fold) {
        /**
         * Writes the out-of-fold predictions as CSV (material, site, label, class index, test fold, raw
         * probability per class), whole or not at all, for analyses outside xlce.
         */
        public void writeOutOfFold(Path file, Dataset d) throws IOException {
            int k = d.classCount();
            StringBuilder b = new StringBuilder("material,site,label,class,fold");
            for (int c = 0; c < k; c++) {
                b.append(",p_").append(org.xaneslce.coordination.CoordinationClass.values()[c].name());
            }
            b.append('\n');
            for (int i = 0; i < d.size(); i++) {
                Dataset.Entry e = d.entries().get(i);
                b.append(e.material()).append(',').append(e.site()).append(',').append(e.label()).append(',')
                    .append(e.coordinationClass().ordinal()).append(',').append(fold[i]);
                for (int c = 0; c < k; c++) {
                    b.append(',').append(String.format(Locale.ROOT, "%.7g", outOfFold[i * k + c]));
                }
                b.append('\n');
            }
            AtomicFiles.write(file, b.toString());
        }
    }

    /**
     * Where each test fold's temperature and conformal scores come from.
     * <ul>
     * <li>{@code NEXT_FOLD}: the calibration fold of that fold's model (one tenth of the data).</li>
     * <li>{@code CROSS_FIT}: the pooled out-of-fold predictions of the other nine test folds, each
     * made by a model that did not see it (nine tenths of the data); the test fold's own labels never
     * enter. This is how the shipped model's calibration is fitted, so it measures what is shipped.</li>
     * </ul>
     */
    public enum Fit {
        NEXT_FOLD, CROSS_FIT
    }

    /**
     * What the temperature minimizes on the calibration spectra: {@code NLL} the negative
     * log-likelihood (Guo et al.), {@code ECE} the expected calibration error itself (the 15-bin
     * top-label ECE, searched over a grid of temperatures, see {@link Calibration#fitTemperatureEce});
     * {@code ECE_TOP_LABEL} that temperature followed by the top-label map fitted on the same
     * spectra ({@link Calibration#fitTopLabel}).
     */
    public enum Objective {
        NLL, ECE, ECE_TOP_LABEL;

        /** The command-line name: nll, ece, ece+top. */
        public String id() {
            return this == ECE_TOP_LABEL ? "ece+top" : name().toLowerCase(Locale.ROOT);
        }

        /** The objective named {@code s} (nll, ece, ece+top). */
        public static Objective parse(String s) {
            for (Objective o : values()) {
                if (o.id().equals(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("nll, ece or ece+top, not '" + s + "'");
        }
    }

    /**
     * One way of judging: where the calibration comes from and what the temperature minimizes.
     *
     * @param fit where
     * @param objective what
     */
    public record Way(Fit fit, Objective objective) {
        @Override
        public String toString() {
            return (fit == Fit.NEXT_FOLD ? "next-fold" : "cross-fit") + ", " + objective.id();
        }
    }

    /** Runs the fold protocol on {@code d} with {@code o} (10 stratified folds, the options' seed), single models, next-fold fits. */
    public static Result fit(Dataset d, ModelOptions o) {
        return fit(d, o, 1, Fit.NEXT_FOLD, 1);
    }

    /**
     * Runs the fold protocol on {@code d} with {@code o}: in each of 10 stratified folds an ensemble of
     * {@code members} (member 0 the single model, see {@link Ensemble}) is trained on 8 folds and
     * its mean probabilities are calibrated as {@code how} says and judged on the test fold.
     */
    public static Result fit(Dataset d, ModelOptions o, int members, Fit how, int threads) {
        return fit(d, o, members, List.of(new Way(how, Objective.NLL)), threads).get(0);
    }

    /**
     * As above, judged once per way in {@code ways} on the same fold models (one result each, in
     * that order; each result's shipped calibration minimizes that way's objective).
     */
    public static List<Result> fit(Dataset d, ModelOptions o, int members, List<Way> ways, int threads) {
        return fit(d, o, members, ways, threads, org.xaneslce.evaluation.Evaluation.SplitKind.stratified);
    }

    /**
     * As above with the 10 folds of {@code split}: stratified, or by material (all sites of a
     * material in one fold, as a new material would come).
     */
    public static List<Result> fit(Dataset d, ModelOptions o, int members, List<Way> ways, int threads,
                                   org.xaneslce.evaluation.Evaluation.SplitKind split) {
        int k = d.classCount();
        int[] y = d.entries().stream().mapToInt(e -> e.coordinationClass().ordinal()).toArray();
        int[][] folds = org.xaneslce.evaluation.Evaluation.folds(d, split, 10, o.seed());
        String foldWords = split == org.xaneslce.evaluation.Evaluation.SplitKind.material ? "10 folds by material" : "10 stratified folds";
        int n = d.size();
        List<Callable<double[][]>> jobs = new ArrayList<>();
        for (int f = 0; f < folds.length; f++) {
            int fold = f;
            jobs.add(() -> {
                int[] test = folds[fold];
                int[] cal = folds[(fold + 1) % folds.length];
                java.util.Set<Integer> held = new java.util.HashSet<>();
                for (int i : test) {
                    held.add(i);
                }
                for (int i : cal) {
                    held.add(i);
                }
                int[] train = java.util.stream.IntStream.range(0, n).filter(i -> !held.contains(i)).toArray();
                Ensemble e = Ensemble.train(d.subset(train), o.withSeed(o.seed() + fold), members, "fold " + fold);
                return new double[][] {probs(e, d, cal), probs(e, d, test)};
            });
        }
        List<double[][]> pred = Parallel.run(jobs, threads);
        double[] oof = new double[n * k];
        int[] foldOf = new int[n];
        for (int f = 0; f < folds.length; f++) {
            for (int i = 0; i < folds[f].length; i++) {
                System.arraycopy(pred.get(f)[1], i * k, oof, folds[f][i] * k, k);
                foldOf[folds[f][i]] = f;
            }
        }
        List<Result> results = new ArrayList<>();
        for (Way way : ways) {
            results.add(judge(d, o, members, way, folds, pred, oof, foldOf, y, foldWords));
        }
        return results;
    }

    private static Result judge(Dataset d, ModelOptions o, int members, Way way, int[][] folds, List<double[][]> pred, double[] oof, int[] foldOf,
                                int[] y, String foldWords) {
        int k = d.classCount();
        int n = d.size();
        double[] raw = new double[n * k];
        double[] calp = new double[n * k];
        int[] ty = new int[n];
        int m = 0;
        double[] covered = new double[COVERAGES.length];
        double[][] classIn = new double[COVERAGES.length][k];
        int[] classN = new int[k];
        double[] size = new double[COVERAGES.length];
        double tSum = 0;
        for (int f = 0; f < folds.length; f++) {
            int[] test = folds[f];
            double[] pc;
            int[] yc;
            if (way.fit() == Fit.NEXT_FOLD) {
                pc = pred.get(f)[0];
                yc = pick(y, folds[(f + 1) % folds.length]);
            } else {
                int[] rest = Splits.complement(test, n);
                pc = new double[rest.length * k];
                for (int i = 0; i < rest.length; i++) {
                    System.arraycopy(oof, rest[i] * k, pc, i * k, k);
                }
                yc = pick(y, rest);
            }
            double[] pt = pred.get(f)[1];
            int[] yt = pick(y, test);
            double t = temperature(pc, k, yc, way.objective());
            tSum += t;
            double[] pcs = Calibration.scale(pc, k, t);
            double[] top = topLabel(pcs, k, yc, way.objective());
            Conformal cp = Conformal.fit(map(pcs, k, top), k, yc);
            double[] ptc = map(Calibration.scale(pt, k, t), k, top);
            System.arraycopy(pt, 0, raw, m * k, pt.length);
            System.arraycopy(ptc, 0, calp, m * k, ptc.length);
            for (int i = 0; i < test.length; i++) {
                ty[m++] = yt[i];
                classN[yt[i]]++;
                double[] row = java.util.Arrays.copyOfRange(ptc, i * k, (i + 1) * k);
                for (int a = 0; a < COVERAGES.length; a++) {
                    boolean[] s = cp.set(row, COVERAGES[a]);
                    covered[a] += s[yt[i]] ? 1 : 0;
                    classIn[a][yt[i]] += s[yt[i]] ? 1 : 0;
                    for (boolean b : s) {
                        size[a] += b ? 1 : 0;
                    }
                }
            }
        }
        for (int a = 0; a < COVERAGES.length; a++) {
            covered[a] /= m;
            size[a] /= m;
            for (int j = 0; j < k; j++) {
                classIn[a][j] = classN[j] == 0 ? Double.NaN : classIn[a][j] / classN[j];
            }
        }
        Report r = new Report(m, Calibration.ece(raw, k, ty), Calibration.ece(calp, k, ty), Calibration.eceFloor(calp, k, 200, o.seed()),
            tSum / folds.length, covered, classIn, size,
            Calibration.reliability(raw, k, ty), Calibration.reliability(calp, k, ty));
        double tAll = temperature(oof, k, y, way.objective());
        double[] oofScaled = Calibration.scale(oof, k, tAll);
        double[] topAll = topLabel(oofScaled, k, y, way.objective());
        String what = members == 1 ? "the model" : "the mean of the first " + members + " ensemble members";
        TrustModel shipped = new TrustModel(tAll, topAll, Conformal.fit(map(oofScaled, k, topAll), k, y), String.format(Locale.ROOT,
            "temperature (minimizing the %s)%s and conformal scores of %s from out-of-fold predictions of %s (seed %d; fold models: %s), %d"
            + " spectra; judged with %s fits", way.objective() == Objective.NLL ? "NLL" : "ECE",
            topAll == null ? "" : ", top-label map", what, foldWords, o.seed(), o.describe(), n,
            way.fit() == Fit.NEXT_FOLD ? "next-fold" : "cross-fitted"),
            members, new Measured(way + ", " + members + (members == 1 ? " model" : " members") + ", " + foldWords, r));
        return new Result(r, shipped, oof, foldOf);
    }

    private static double temperature(double[] probs, int k, int[] labels, Objective objective) {
        return objective == Objective.NLL ? Calibration.fitTemperature(probs, k, labels) : Calibration.fitTemperatureEce(probs, k, labels);
    }

    /** The top-label map fitted on probabilities already at their temperature, or null when the objective has none. */
    private static double[] topLabel(double[] scaled, int k, int[] labels, Objective objective) {
        return objective == Objective.ECE_TOP_LABEL ? Calibration.fitTopLabel(scaled, k, labels) : null;
    }

    /** Rows of probabilities at their temperature through the top-label map {@code top}, where there is one. */
    private static double[] map(double[] scaled, int k, double[] top) {
        return top == null ? scaled : Calibration.topLabel(scaled, k, top);
    }

    /** Calibrated probabilities of one spectrum's raw probabilities. */
    public double[] calibrate(float[] raw) {
        double[] p = new double[raw.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = raw[i];
        }
        return map(Calibration.scale(p, p.length, temperature), p.length, topLabel);
    }

    /** The file beside a model file: Cu-cnn.json -> Cu-cnn.trust.json. */
    public static Path fileFor(Path model) {
        String n = model.getFileName().toString();
        return model.resolveSibling(n.substring(0, n.length() - ".json".length()) + ".trust.json");
    }

    /**
     * Writes the calibration (whole or not at all) for the model file whose SHA-256 is
     * {@code modelSha256}: predict refuses it beside any other model.
     */
    public void write(Path file, String modelSha256) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "xanes-lce trust");
        o.put("format_version", 2);
        o.put("model_sha256", modelSha256);
        o.put("temperature", temperature);
        if (topLabel != null) {
            ArrayNode t = o.putArray("top_label");
            t.add(topLabel[0]);
            t.add(topLabel[1]);
        }
        o.put("members", members);
        o.put("provenance", provenance);
        ArrayNode s = o.putArray("conformal_scores");
        for (double[] c : conformal.scores()) {
            ArrayNode a = s.addArray();
            for (double v : c) {
                a.add(Math.round(v * 1e6) / 1e6);
            }
        }
        if (measured != null) {
            Report r = measured.report();
            ObjectNode m = o.putObject("measured");
            m.put("way", measured.way());
            m.put("spectra", r.spectra());
            m.put("ece_before", round(r.eceBefore()));
            m.put("ece_after", round(r.eceAfter()));
            m.put("ece_floor", round(r.eceFloor()));
            m.put("mean_temperature", round(r.meanTemperature()));
            ArrayNode lv = m.putArray("coverage_levels");
            ArrayNode cv = m.putArray("coverage");
            ArrayNode ss = m.putArray("set_size");
            ArrayNode cc = m.putArray("class_coverage");
            for (int a = 0; a < COVERAGES.length; a++) {
                lv.add(COVERAGES[a]);
                cv.add(round(r.coverage()[a]));
                ss.add(round(r.setSize()[a]));
                ArrayNode row = cc.addArray();
                for (double v : r.classCoverage()[a]) {
                    row.add(Double.isNaN(v) ? null : round(v));
                }
            }
            bins(m.putArray("reliability_before"), r.reliabilityBefore());
            bins(m.putArray("reliability_after"), r.reliabilityAfter());
        }
        AtomicFiles.write(file, JSON.writeValueAsString(o) + "\n");
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** One row per bin: count, mean confidence, accuracy (null for an empty bin). */
    private static void bins(ArrayNode out, List<Calibration.Bin> bins) {
        for (Calibration.Bin b : bins) {
            ArrayNode row = out.addArray();
            row.add(b.count());
            if (b.count() == 0) {
                row.addNull();
                row.addNull();
            } else {
                row.add(round(b.confidence()));
                row.add(round(b.accuracy()));
            }
        }
    }

    private static Measured readMeasured(JsonNode m, String src) throws InputException {
        if (m.isMissingNode() || m.isNull()) {
            return null;
        }
        try {
            int k = m.path("class_coverage").path(0).size();
            double[] cov = new double[COVERAGES.length];
            double[] size = new double[COVERAGES.length];
            double[][] cls = new double[COVERAGES.length][k];
            for (int a = 0; a < COVERAGES.length; a++) {
                cov[a] = number(m.path("coverage").path(a), src, "coverage");
                size[a] = number(m.path("set_size").path(a), src, "set_size");
                for (int c = 0; c < k; c++) {
                    JsonNode v = m.path("class_coverage").path(a).path(c);
                    cls[a][c] = v.isNull() ? Double.NaN : number(v, src, "class_coverage");
                }
            }
            Report r = new Report((int) number(m.path("spectra"), src, "spectra"), number(m.path("ece_before"), src, "ece_before"), number(m.path("ece_after"), src,
                "ece_after"), number(m.path("ece_floor"), src, "ece_floor"), number(m.path("mean_temperature"), src, "mean_temperature"), cov, cls,
                size, readBins(m.path("reliability_before"), src), readBins(m.path("reliability_after"), src));
            return new Measured(m.path("way").asText(), r);
        } catch (IllegalArgumentException e) {
            throw new InputException(src, 0, "measured: " + e.getMessage());
        }
    }

    private static double number(JsonNode v, String src, String field) throws InputException {
        if (!v.isNumber()) {
            throw new InputException(src, 0, "measured." + field + ": not a number (" + v + ")");
        }
        return v.asDouble();
    }

    private static List<Calibration.Bin> readBins(JsonNode a, String src) throws InputException {
        if (a.size() != Calibration.BINS) {
            throw new InputException(src, 0, "measured reliability: " + a.size() + " bins, not " + Calibration.BINS);
        }
        List<Calibration.Bin> out = new ArrayList<>();
        for (int b = 0; b < a.size(); b++) {
            JsonNode row = a.get(b);
            int count = row.path(0).asInt();
            out.add(new Calibration.Bin(b / (double) Calibration.BINS, (b + 1) / (double) Calibration.BINS, count,
                count == 0 ? Double.NaN : number(row.path(1), src, "reliability"), count == 0 ? Double.NaN : number(row.path(2), src, "reliability")));
        }
        return out;
    }

    /**
     * What the fold protocol measured for the calibration beside {@code model}, if the file records
     * it (without checking that it belongs to this version of the model: the report shows it with
     * its protocol).
     */
    public static Optional<Measured> readMeasured(Path model) throws InputException {
        Path f = fileFor(model);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(readMeasured(JSON.readTree(f.toFile()).path("measured"), f.toString()));
        } catch (IOException e) {
            throw new InputException(f.toString(), 0, "not a readable calibration file: " + e.getMessage());
        }
    }

    /**
     * Reads the calibration beside {@code model} (the file of {@code classifier}), if there is one;
     * a calibration fitted for another model file, or for another number of classes, is refused:
     * applied to a retrained model its temperature and sets would be silently wrong.
     */
    public static Optional<TrustModel> readFor(Path model, Classifier classifier) throws InputException {
        Path f = fileFor(model);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode o = JSON.readTree(f.toFile());
            JsonNode s = o.path("conformal_scores");
            if (!s.isArray() || !o.path("temperature").isNumber()) {
                throw new InputException(f.toString(), 0, "not a calibration file: temperature or conformal_scores missing");
            }
            if (s.size() != classifier.classList().length) {
                throw new InputException(f.toString(), 0, "calibration of " + s.size() + " classes beside a model of "
                    + classifier.classList().length + " (" + model.getFileName() + "); rerun xlce calibrate or delete it");
            }
            String sha = o.path("model_sha256").asText("");
            if (!sha.isEmpty() && !sha.equals(org.xaneslce.util.Sha256.of(Files.readAllBytes(model)))) {
                throw new InputException(f.toString(), 0, "calibration fitted for another version of " + model.getFileName()
                    + " (model_sha256 differs); rerun xlce calibrate or delete it");
            }
            double[][] scores = new double[s.size()][];
            for (int c = 0; c < scores.length; c++) {
                scores[c] = new double[s.get(c).size()];
                for (int i = 0; i < scores[c].length; i++) {
                    scores[c][i] = s.get(c).get(i).asDouble();
                }
            }
            int members = o.path("members").asInt(1);
            if (members < 1) {
                throw new InputException(f.toString(), 0, "members must be at least 1, not " + o.path("members"));
            }
            double[] top = null;
            JsonNode t = o.path("top_label");
            if (!t.isMissingNode() && !t.isNull()) {
                if (!t.isArray() || t.size() != 2 || !t.get(0).isNumber() || !t.get(1).isNumber() || !(t.get(0).asDouble() > 0)) {
                    throw new InputException(f.toString(), 0, "top_label must be [a, b] with a > 0, not " + t);
                }
                top = new double[] {t.get(0).asDouble(), t.get(1).asDouble()};
            }
            return Optional.of(new TrustModel(o.get("temperature").asDouble(), top, new Conformal(scores), o.path("provenance").asText(), members,
                readMeasured(o.path("measured"), f.toString())));
        } catch (IOException e) {
            throw new InputException(f.toString(), 0, "not a readable calibration file: " + e.getMessage());
        }
    }

    private static double[] probs(Ensemble c, Dataset d, int[] idx) {
        int g = c.members().get(0).grid().count();
        float[] x = new float[idx.length * g];
        for (int i = 0; i < idx.length; i++) {
            float[] mu = d.entries().get(idx[i]).mu();
            System.arraycopy(mu, 0, x, i * g, g);
        }
        float[] p = c.predict(x, idx.length).mean();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }

    private static int[] pick(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
