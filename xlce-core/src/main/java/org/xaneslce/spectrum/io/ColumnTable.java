package org.xaneslce.spectrum.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;

/**
 * A block of numeric columns with their names, as beamlines and libraries write them: '#', '!' or
 * '%' comments; column names from the caller (XDI Column.N), a SPEC {@code #L} line, or the last
 * comment (or text) line before the numbers; "key: value" comment fields kept as header fields;
 * short numeric lines before the data (a point count) skipped. Then the choices Athena's column
 * dialog asks for: which column is the energy (by name, never a point number) and how mu is made
 * (a mu column, ln(i0/itrans) in transmission, ifluor/i0 in fluorescence, or the user's
 * expression).
 */
final class ColumnTable {
    private static final Pattern LN = Pattern.compile("^(-)?\\s*(?:ln|log)\\s*\\(\\s*(.+?)\\s*/\\s*(.+?)\\s*\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATIO = Pattern.compile("^(.+?)\\s*/\\s*(.+?)$");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][\\w.]*)\\s*[:=]\\s*(.+)$");
    private static final List<String> MU_NAMES = List.of("mu", "xmu", "mutrans", "mu_trans", "mufluor", "mu_fluor", "normtrans",
        "normfluor", "norm", "nor", "flat", "mu_norm", "absorption");
    private static final List<String> POINT_NAMES = List.of("pt_no", "pt", "point", "points", "index", "n", "no", "num", "#");

    final String source;
    final List<String> names;
    final boolean labelled;
    final List<double[]> rows;
    final Map<String, String> header;
    final int skippedHeaderRows;

    private ColumnTable(String source, List<String> names, boolean labelled, List<double[]> rows, Map<String, String> header, int skipped) {
        this.source = source;
        this.names = names;
        this.labelled = labelled;
        this.rows = rows;
        this.header = header;
        this.skippedHeaderRows = skipped;
    }

    /** Parses the text; {@code givenNames} (may be null) names the columns when it has one name per column. */
    static ColumnTable parse(String source, String text, List<String> givenNames) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        String[] lines = text.split("\r\n|\n|\r");
        String lastComment = null;
        List<String> specLabels = null;
        Map<String, String> header = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        int skipped = 0;
        int firstDataLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#") || l.startsWith("!") || l.startsWith("%")) {
                if (!rows.isEmpty()) {
                    continue;
                }
                String c = l.replaceFirst("^[#!%]+", "").trim();
                if (l.startsWith("#L ") || l.startsWith("#L\t")) {
                    specLabels = splitLabels(c.substring(1).trim());
                } else {
                    Matcher m = FIELD.matcher(c);
                    if (m.matches()) {
                        header.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim());
                    }
                    if (!c.matches("-+") && !c.matches("/+")) {
                        lastComment = c;
                    }
                }
                continue;
            }
            String[] f = split(l);
            boolean numeric = true;
            for (String t : f) {
                if (Double.isNaN(number(t)) && !isNonFinite(t)) {
                    numeric = false;
                    break;
                }
            }
            if (!numeric) {
                if (rows.isEmpty()) {
                    lastComment = l;
                    continue;
                }
                for (int k = 0; k < f.length; k++) {
                    if (Double.isNaN(number(f[k])) && !isNonFinite(f[k])) {
                        throw new InputException(source, i + 1, "bad number '" + printable(f[k]) + "' in column " + (k + 1));
                    }
                }
            }
            if (width >= 0 && f.length != width) {
                if (rows.size() <= 2 && f.length > width) {
                    // A count line or two before the data (old beamline formats): header, not data.
                    skipped += rows.size();
                    rows.clear();
                } else {
                    throw new InputException(source, i + 1, "row has " + f.length + " columns, expected " + width + " (truncated or broken row)");
                }
            }
            if (rows.isEmpty()) {
                firstDataLine = i + 1;
            }
            width = f.length;
            double[] row = new double[width];
            for (int k = 0; k < width; k++) {
                row[k] = isNonFinite(f[k]) ? nonFinite(f[k]) : number(f[k]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new InputException(source, 0, "no numeric rows");
        }
        if (width < 2) {
            throw new InputException(source, firstDataLine, "need at least 2 columns (energy, mu), found 1");
        }
        List<String> names = null;
        for (List<String> candidate : new ArrayList<>(java.util.Arrays.asList(givenNames, specLabels,
            lastComment == null ? null : splitLabels(lastComment)))) {
            if (candidate != null && candidate.size() == width) {
                names = candidate;
                break;
            }
        }
        boolean labelled = names != null;
        if (names == null) {
            names = new ArrayList<>();
            for (int k = 1; k <= width; k++) {
                names.add("col" + k);
            }
        }
        return new ColumnTable(source, List.copyOf(names), labelled, rows, header, skipped);
    }

    /** The column of a name (case-insensitive, a trailing unit or "|| PV" ignored) or a 1-based number ("3", "col3"). */
    int column(String ref, String what) throws InputException {
        String r = ref.trim();
        String low = r.toLowerCase(Locale.ROOT);
        for (int k = 0; k < names.size(); k++) {
            if (bare(names.get(k)).equals(bare(r)) || names.get(k).equalsIgnoreCase(r)) {
                return k;
            }
        }
        String num = low.startsWith("col") ? low.substring(3) : low;
        if (num.matches("\\d+")) {
            int k = Integer.parseInt(num) - 1;
            if (k >= 0 && k < names.size()) {
                return k;
            }
        }
        throw new InputException(source, 0, what + ": no column '" + r + "' (columns: " + String.join(", ", names) + ")");
    }

    /** The energy column: the user's, else by name, else the first column unless it holds point numbers. */
    int energyColumn(Optional<String> user, Map<String, String> notes) throws InputException {
        int c;
        if (user.isPresent()) {
            c = column(user.get(), "--energy");
            if (isPointNumbers(c)) {
                throw new InputException(source, 0, "column '" + names.get(c) + "' holds point numbers (0, 1, 2, ...), not energies");
            }
            notes.put("energy_column", names.get(c) + " (given)");
            return c;
        }
        if (labelled) {
            for (int k = 0; k < names.size(); k++) {
                String b = bare(names.get(k));
                if ((b.equals("energy") || b.equals("e") || b.equals("ev") || b.equals("omega") || b.equals("energy_ev") || b.equals("enc")
                    || b.contains("energy")) && !isPointNumbers(k)) {
                    notes.put("energy_column", names.get(k));
                    return k;
                }
            }
        }
        for (int k = 0; k < names.size(); k++) {
            if (POINT_NAMES.contains(bare(names.get(k))) || isPointNumbers(k)) {
                continue;
            }
            if (labelled && k > 0) {
                throw new InputException(source, 0, "no energy column among " + String.join(", ", names)
                    + " (none is named energy); give --energy COLUMN");
            }
            notes.put("energy_column", names.get(k) + (labelled ? "" : " (first column that is not a point number)"));
            return k;
        }
        throw new InputException(source, 0, "no energy column: every column holds point numbers; give --energy COLUMN");
    }

    /** mu: the user's expression, else a mu column by name, else from counts by name, else the only other column. */
    double[] mu(Optional<String> expression, int energy, Map<String, String> notes) throws InputException {
        if (expression.isPresent()) {
            double[] v = evaluate(expression.get());
            notes.put("mu_definition", expression.get().trim());
            notes.put("mu_source", "given");
            return v;
        }
        List<String> bare = new ArrayList<>();
        for (String n : names) {
            bare.add(bare(n));
        }
        if (labelled) {
            for (String want : MU_NAMES) {
                int c = bare.indexOf(want);
                if (c >= 0 && c != energy) {
                    notes.put("mu_definition", names.get(c));
                    notes.put("mu_source", "mu column by name");
                    return column(c);
                }
            }
            int i0 = indexOfAny(bare, energy, "i0", "izero", "i_0", "mon", "monitor");
            int it = indexOfAny(bare, energy, "itrans", "it", "i1", "itr", "i_t");
            int ifl = indexOfAny(bare, energy, "ifluor", "if", "fluor", "ifl", "i_f", "pfy", "tfy");
            if (i0 >= 0 && it >= 0) {
                notes.put("mu_definition", "ln(" + names.get(i0) + "/" + names.get(it) + ")");
                notes.put("mu_source", "transmission, from the column names");
                return evaluate("ln(" + (i0 + 1) + "/" + (it + 1) + ")");
            }
            if (i0 >= 0 && ifl >= 0) {
                notes.put("mu_definition", names.get(ifl) + "/" + names.get(i0));
                notes.put("mu_source", "fluorescence, from the column names");
                return evaluate((ifl + 1) + "/" + (i0 + 1));
            }
        }
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            if (k != energy && !POINT_NAMES.contains(bare.get(k)) && !isPointNumbers(k)) {
                others.add(k);
            }
        }
        if (others.size() == 1) {
            notes.put("mu_definition", names.get(others.get(0)));
            notes.put("mu_source", labelled ? "the only other column" : "the only other column (no column names)");
            return column(others.get(0));
        }
        throw new InputException(source, 0, "cannot tell how mu is made from the columns " + String.join(", ", names)
            + ": give --mu with a column name, A/B or ln(A/B), e.g. --mu 'ln(" + names.get(others.isEmpty() ? 1 : others.get(0)) + "/"
            + names.get(others.size() > 1 ? others.get(1) : names.size() - 1) + ")'");
    }

    /** Evaluates NAME, A/B, ln(A/B) or -ln(A/B) row by row (non-finite results are kept, to be dropped with a warning). */
    double[] evaluate(String expr) throws InputException {
        String e = expr.trim();
        Matcher m = LN.matcher(e);
        double[] out = new double[rows.size()];
        if (m.matches()) {
            int a = column(m.group(2), "--mu");
            int b = column(m.group(3), "--mu");
            double sign = m.group(1) != null ? -1 : 1;
            for (int r = 0; r < out.length; r++) {
                out[r] = sign * Math.log(rows.get(r)[a] / rows.get(r)[b]);
            }
            return out;
        }
        m = RATIO.matcher(e);
        if (m.matches()) {
            int a = column(m.group(1), "--mu");
            int b = column(m.group(2), "--mu");
            for (int r = 0; r < out.length; r++) {
                out[r] = rows.get(r)[a] / rows.get(r)[b];
            }
            return out;
        }
        return column(column(e, "--mu"));
    }

    double[] column(int c) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }

    /** True when a column holds consecutive integers (0, 1, 2, ... or 1, 2, 3, ...): a point number. */
    boolean isPointNumbers(int c) {
        if (rows.size() < 3) {
            return false;
        }
        for (int r = 0; r < rows.size(); r++) {
            double v = rows.get(r)[c];
            if (v != rows.get(0)[c] + r) {
                return false;
            }
        }
        return rows.get(0)[c] == 0 || rows.get(0)[c] == 1;
    }

    private static int indexOfAny(List<String> list, int not, String... wanted) {
        for (String w : wanted) {
            int i = list.indexOf(w);
            if (i >= 0 && i != not) {
                return i;
            }
        }
        return -1;
    }

    /** A name without unit, "|| PV" suffix or case: "energy eV" -> "energy", "I0||13IDE:scaler" -> "i0". */
    static String bare(String name) {
        String t = name.trim().toLowerCase(Locale.ROOT);
        int bar = t.indexOf("||");
        if (bar >= 0) {
            t = t.substring(0, bar).trim();
        }
        String[] parts = t.split("\\s+");
        return parts.length == 0 ? t : parts[0];
    }

    private static List<String> splitLabels(String line) {
        String t = line.trim();
        if (t.contains("  ")) {
            return List.of(t.split("\\s{2,}"));
        }
        return List.of(split(t));
    }

    static String[] split(String line) {
        String t = line.trim();
        if (t.contains(";")) {
            return t.split("\\s*;\\s*");
        }
        if (t.contains(",") && t.split(",").length > 1 && !t.matches(".*\\d,\\d+\\s.*")) {
            return t.split("\\s*,\\s*");
        }
        return t.split("\\s+");
    }

    private static double number(String token) {
        return TextFiles.parseNumber(token.replace(',', '.'));
    }

    /** nan, inf, -inf, infinity (any case): a non-finite value, dropped later with a warning. */
    static boolean isNonFinite(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        return t.equals("nan") || t.equals("-nan") || t.equals("inf") || t.equals("+inf") || t.equals("-inf") || t.equals("infinity")
            || t.equals("-infinity") || t.equals("+infinity");
    }

    private static double nonFinite(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        return t.contains("nan") ? Double.NaN : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Text fit for a message: control and non-ASCII bytes shown as '?', at most 40 characters. */
    static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}
