package org.xaneslce.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Predictions as JSON (an array, one object per input: file, element, edge, model, class,
 * probabilities, set, coverage, ensemble (members, mean, spread; null without an ensemble), cn,
 * cn_probabilities, mean_distance, mean_distance_interval (cn and mean_distance null without a
 * geometry model), novelty, novel, shift_ev, energy_placement, pearson, absorber_source, warnings; or {file, error}),
 * CSV (one row per input, the same fields, probabilities as p_T4, p_S5, p_O6, p_OTHER; p_OTHER
 * empty for a model without OTHER) and a text table.
 * The command line and the web page write exactly these.
 */
public final class PredictionWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PredictionWriter() {
    }

    /** One record as a JSON object (the command line's keys). */
    public static ObjectNode node(PredictionRecord r) {
        return node(r, false);
    }

    /**
     * One record as a JSON object; with {@code withSpectrum} also {@code spectrum}: the grid's
     * energies and the spectrum as the model saw it (the web page plots it).
     */
    public static ObjectNode node(PredictionRecord r, boolean withSpectrum) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", r.file());
        if (!r.ok()) {
            o.put("error", r.error());
            return o;
        }
        o.put("element", r.element());
        o.put("edge", r.edge());
        o.put("model", r.model());
        o.put("class", r.coordinationClass());
        ObjectNode p = o.putObject("probabilities");
        r.probabilities().forEach((k, v) -> p.put(k, round(v, 4)));
        o.put("calibrated", r.calibrated());
        ArrayNode set = o.putArray("set");
        r.set().forEach(set::add);
        if (Double.isFinite(r.coverage())) {
            o.put("coverage", r.coverage());
        }
        if (r.ensemble() != null) {
            ObjectNode en = o.putObject("ensemble");
            en.put("members", r.ensemble().members());
            ObjectNode mean = en.putObject("mean");
            r.ensemble().mean().forEach((k, v) -> mean.put(k, round(v, 4)));
            ObjectNode spread = en.putObject("spread");
            r.ensemble().spread().forEach((k, v) -> spread.put(k, round(v, 4)));
        } else {
            o.putNull("ensemble");
        }
        if (r.shell() != null) {
            o.put("cn", r.shell().cn());
            ObjectNode cp = o.putObject("cn_probabilities");
            r.shell().cnProbabilities().forEach((k, v) -> cp.put(k, round(v, 4)));
            o.put("mean_distance", round(r.shell().meanDistanceAngstrom(), 3));
            if (Double.isFinite(r.shell().halfWidthAngstrom())) {
                ArrayNode iv = o.putArray("mean_distance_interval");
                iv.add(round(r.shell().meanDistanceAngstrom() - r.shell().halfWidthAngstrom(), 3));
                iv.add(round(r.shell().meanDistanceAngstrom() + r.shell().halfWidthAngstrom(), 3));
            } else {
                o.putNull("mean_distance_interval");
            }
        } else {
            o.putNull("cn");
            o.putNull("mean_distance");
        }
        o.put("novelty", round(r.novelty(), 3));
        o.put("novel", r.novel());
        o.put("shift_ev", round(r.shiftEv(), 2));
        o.put("energy_placement", r.placement());
        if (Double.isFinite(r.pearson())) {
            o.put("pearson", round(r.pearson(), 4));
        } else {
            o.putNull("pearson");
        }
        o.put("absorber_source", r.absorberSource());
        o.put("preparation", r.preparation());
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(w::add);
        if (withSpectrum) {
            ObjectNode sp = o.putObject("spectrum");
            ArrayNode e = sp.putArray("energy_ev");
            for (double v : r.gridEnergies()) {
                e.add(round(v, 3));
            }
            ArrayNode m = sp.putArray("mu");
            for (float v : r.onGrid()) {
                m.add(round(v, 5));
            }
        }
        return o;
    }

    /** The records as a JSON array, each with its spectrum on the model grid. */
    public static String jsonWithSpectra(List<PredictionRecord> records) {
        ArrayNode a = JSON.createArrayNode();
        records.forEach(r -> a.add(node(r, true)));
        try {
            return JSON.writeValueAsString(a) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records as a JSON array. */
    public static String json(List<PredictionRecord> records) {
        ArrayNode a = JSON.createArrayNode();
        records.forEach(r -> a.add(node(r)));
        try {
            return JSON.writeValueAsString(a) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records as CSV with a header row (RFC 4180 quoting). */
    public static String csv(List<PredictionRecord> records) {
        StringBuilder b = new StringBuilder("file,element,edge,model,class,p_T4,p_S5,p_O6,p_OTHER,set,coverage,members,spread,cn,mean_distance,mean_distance_low,mean_distance_high,novelty,novel,shift_ev,energy_placement,pearson,absorber_source,warnings,error\n");
        for (PredictionRecord r : records) {
            b.append(q(r.file())).append(',');
            if (!r.ok()) {
                b.append(",,,,,,,,,,,,,,,,,,,,,,,").append(q(r.error())).append('\n');
                continue;
            }
            b.append(q(r.element())).append(',').append(q(r.edge())).append(',').append(q(r.model())).append(',')
                .append(r.coordinationClass()).append(',');
            for (String c : List.of("T4", "S5", "O6", "OTHER")) {
                Double v = r.probabilities().get(c);
                b.append(v == null ? "" : String.format(Locale.ROOT, "%.4f", v)).append(',');
            }
            b.append(String.join(" ", r.set())).append(',').append(Double.isFinite(r.coverage()) ? String.format(Locale.ROOT, "%.2f", r.coverage()) : "")
                .append(',');
            if (r.ensemble() != null) {
                b.append(r.ensemble().members()).append(',').append(String.format(Locale.ROOT, "%.4f",
                    r.ensemble().spread().getOrDefault(r.coordinationClass(), Double.NaN))).append(',');
            } else {
                b.append(",,");
            }
            if (r.shell() != null) {
                double m = r.shell().meanDistanceAngstrom();
                double h = r.shell().halfWidthAngstrom();
                b.append(r.shell().cn()).append(Double.isFinite(h) ? String.format(Locale.ROOT, ",%.3f,%.3f,%.3f,", m, m - h, m + h)
                    : String.format(Locale.ROOT, ",%.3f,,,", m));
            } else {
                b.append(",,,,");
            }
            b.append(String.format(Locale.ROOT, "%.3f", r.novelty())).append(',').append(r.novel()).append(',')
                .append(String.format(Locale.ROOT, "%.2f", r.shiftEv())).append(',').append(r.placement() == null ? "" : r.placement()).append(',')
                .append(Double.isFinite(r.pearson()) ? String.format(Locale.ROOT, "%.4f", r.pearson()) : "").append(',')
                .append(q(r.absorberSource())).append(',').append(q(String.join("; ", r.warnings()))).append(",\n");
        }
        return b.toString();
    }

    /** A text table with whole file names; failed inputs as a line with the error. */
    public static String table(List<PredictionRecord> records) {
        int w = Math.max(8, records.stream().mapToInt(r -> r.file().length()).max().orElse(8));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  %-3s %-4s %6s %6s %6s %8s  %-5s %-14s %-3s %-17s %-10s %s%n", "spectrum", "el",
            "edge", "P(T4)", "P(S5)", "P(O6)", "P(OTHER)", "class", "set", "CN", "<d> (A)", "novelty", "alignment"));
        for (PredictionRecord r : records) {
            if (!r.ok()) {
                b.append(String.format(Locale.ROOT, "%-" + w + "s  error: %s%n", r.file(), r.error()));
                continue;
            }
            String nov = (r.novel() ? "NOVEL " : "ok ") + String.format(Locale.ROOT, "%.2f", r.novelty());
            String al = Double.isNaN(r.pearson()) ? "computed" : String.format(Locale.ROOT, "%s%+.1f eV r=%.3f",
                "calibrated".equals(r.placement()) ? "cal " : "", r.shiftEv(), r.pearson());
            String set = r.set().isEmpty() ? "-" : "{" + String.join(",", r.set()) + "}";
            Double other = r.probabilities().get("OTHER");
            String cn = r.shell() == null ? "-" : r.shell().cn() <= org.xaneslce.model.GeometryModel.CN_LOW ? "<=" + r.shell().cn()
                : r.shell().cn() >= org.xaneslce.model.GeometryModel.CN_HIGH ? ">=" + r.shell().cn() : Integer.toString(r.shell().cn());
            String dist = r.shell() == null ? "-" : Double.isFinite(r.shell().halfWidthAngstrom())
                ? String.format(Locale.ROOT, "%.3f +- %.3f", r.shell().meanDistanceAngstrom(), r.shell().halfWidthAngstrom())
                : String.format(Locale.ROOT, "%.3f +- ?", r.shell().meanDistanceAngstrom());
            b.append(String.format(Locale.ROOT, "%-" + w + "s  %-3s %-4s %6.3f %6.3f %6.3f %8s  %-5s %-14s %-3s %-17s %-10s %s%n", r.file(), r.element(),
                r.edge(), r.probabilities().getOrDefault("T4", Double.NaN), r.probabilities().getOrDefault("S5", Double.NaN),
                r.probabilities().getOrDefault("O6", Double.NaN), other == null ? "-" : String.format(Locale.ROOT, "%.3f", other),
                r.coordinationClass(), set, cn, dist, nov, al));
            for (String warning : r.warnings()) {
                b.append(String.format(Locale.ROOT, "%-" + w + "s    warning: %s%n", "", warning));
            }
        }
        return b.toString();
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String q(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\x00-\\x1F\\x7F]", " ");
        return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
