package org.xaneslce.spectrum.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;

/**
 * Plain columns (.xmu, .dat, .txt, .csv): '#' comments, the last comment line before the numbers
 * may name the columns; separators are white space, commas or semicolons; comma decimals are
 * accepted when the separator is not a comma. Energy is the first column; mu the column named mu,
 * xmu, mutrans, mufluor or norm, else the second column; with i0 and itrans columns (and no mu)
 * mu = ln(i0/itrans), with i0 and ifluor mu = ifluor/i0. Energies in keV are converted.
 */
public final class ColumnsReader implements SpectrumReader {
    @Override
    public String format() {
        return "columns";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        return List.of(parseColumns(source, id, text, Optional.empty(), new TreeMap<>(), null));
    }

    /** Shared by the XDI reader: {@code names} overrides the header labels when given. */
    static Spectrum parseColumns(String source, String id, String text, Optional<String> absorber, Map<String, String> notes,
                                 List<String> names) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        String[] lines = text.split("\r\n|\n|\r");
        String lastComment = null;
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#") || l.startsWith("!") || l.startsWith("%")) {
                if (rows.isEmpty()) {
                    lastComment = l.replaceFirst("^[#!%]+", "").trim();
                }
                continue;
            }
            String[] f = split(l);
            if (rows.isEmpty() && !Double.isFinite(TextFiles.parseNumber(f[0].replace(',', '.')))) {
                lastComment = l;
                continue;
            }
            if (width < 0) {
                width = f.length;
                if (width < 2) {
                    throw new InputException(source, i + 1, "need at least 2 columns (energy, mu), found 1");
                }
            } else if (f.length != width) {
                throw new InputException(source, i + 1, "row has " + f.length + " columns, expected " + width + " (truncated or broken row)");
            }
            double[] row = new double[width];
            for (int k = 0; k < width; k++) {
                String tok = f[k].replace(',', '.');
                row[k] = TextFiles.parseNumber(tok);
                if (Double.isNaN(row[k]) && !tok.equalsIgnoreCase("nan")) {
                    throw new InputException(source, i + 1, "bad number '" + f[k] + "' in column " + (k + 1));
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new InputException(source, 0, "no numeric rows");
        }
        List<String> labels = names;
        if (labels == null || labels.size() != width) {
            labels = new ArrayList<>();
            if (lastComment != null) {
                for (String s : split(lastComment)) {
                    labels.add(s);
                }
            }
            if (labels.size() != width) {
                labels = null;
            }
        }
        Map<String, String> n = new TreeMap<>(notes);
        double[] e = RawSpectrum.column(rows, 0);
        double[] mu = pickMu(rows, labels, n);
        if (e.length > 0 && e[e.length - 1] < 100) {
            for (int i = 0; i < e.length; i++) {
                e[i] *= 1000;
            }
            n.put("energy_unit", "keV converted to eV");
        }
        return RawSpectrum.build(source, id, absorber, e, mu, true, n);
    }

    private static double[] pickMu(List<double[]> rows, List<String> labels, Map<String, String> notes) {
        if (labels != null) {
            List<String> low = new ArrayList<>();
            for (String s : labels) {
                String t = s.toLowerCase(Locale.ROOT);
                int bar = t.indexOf("||");
                low.add((bar >= 0 ? t.substring(0, bar) : t).trim());
            }
            for (String want : new String[] {"mu", "xmu", "mutrans", "mu_trans", "mufluor", "mu_fluor", "norm", "flat", "nor"}) {
                int c = low.indexOf(want);
                if (c > 0) {
                    notes.put("mu_column", labels.get(c));
                    return RawSpectrum.column(rows, c);
                }
            }
            int i0 = indexOfAny(low, "i0", "izero");
            int it = indexOfAny(low, "itrans", "it", "i1");
            int ifl = indexOfAny(low, "ifluor", "if", "fluor");
            if (i0 > 0 && it > 0) {
                double[] out = new double[rows.size()];
                for (int r = 0; r < out.length; r++) {
                    out[r] = Math.log(rows.get(r)[i0] / rows.get(r)[it]);
                }
                notes.put("mu_column", "ln(" + labels.get(i0) + "/" + labels.get(it) + ")");
                return out;
            }
            if (i0 > 0 && ifl > 0) {
                double[] out = new double[rows.size()];
                for (int r = 0; r < out.length; r++) {
                    out[r] = rows.get(r)[ifl] / rows.get(r)[i0];
                }
                notes.put("mu_column", labels.get(ifl) + "/" + labels.get(i0));
                return out;
            }
        }
        notes.put("mu_column", "column 2");
        return RawSpectrum.column(rows, 1);
    }

    private static int indexOfAny(List<String> list, String... names) {
        for (String n : names) {
            int i = list.indexOf(n);
            if (i > 0) {
                return i;
            }
        }
        return -1;
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
}
