package org.xaneslce.spectrum.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Element;

/**
 * XDI 1.0 and 1.1, read as the XAS Data Library writes them: first line "#XDI/1.x" with or without
 * a space, fields "# Namespace.tag: value", "# ///", free
 * comments, "# ----" ending the header, an optional column-label line; Column.N names win over the
 * label line; "Scan.element" is accepted for Element.symbol, and a trailing "|| PV" in column
 * names is ignored. mu comes from a mu column (mutrans, mufluor, normtrans, ...) or is computed from
 * the counts as the names say (ln(i0/itrans), ifluor/i0), and the choice is recorded; the edge
 * (Element.edge) is kept in the notes. All fields are kept in the spectrum's notes.
 */
public final class XdiReader implements SpectrumReader {
    private static final Pattern FIELD = Pattern.compile("^#\\s*([A-Za-z][\\w]*\\.[\\w]+)\\s*:\\s*(.*)$");

    @Override
    public String format() {
        return "xdi";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        return parse(source, id, text, ReadOptions.NONE);
    }

    /** True when the first line says XDI ("# XDI/1.0", "#XDI/1.1 GSE/1.0", ...). */
    static boolean isXdi(String firstLine) {
        return firstLine.trim().toUpperCase(Locale.ROOT).matches("#\\s*XDI/.*");
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text, ReadOptions options) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        String[] lines = text.split("\r\n|\n|\r");
        if (!isXdi(lines[0])) {
            throw new InputException(source, 1, "not an XDI file: the first line must start with '# XDI/' or '#XDI/'");
        }
        Map<String, String> fields = new TreeMap<>();
        Map<Integer, String> columns = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].trim();
            if (!l.startsWith("#")) {
                break;
            }
            Matcher m = FIELD.matcher(l);
            if (m.matches()) {
                String key = m.group(1);
                String value = m.group(2).trim();
                fields.put(key, value);
                if (key.toLowerCase(Locale.ROOT).startsWith("column.")) {
                    try {
                        String name = value.split("\\s+")[0];
                        int bar = name.indexOf("||");
                        columns.put(Integer.parseInt(key.substring(7)), bar >= 0 ? name.substring(0, bar) : name);
                    } catch (NumberFormatException e) {
                        throw new InputException(source, i + 1, "bad column field '" + key + "'");
                    }
                }
            }
        }
        String sym = fields.getOrDefault("Element.symbol", fields.get("Scan.element"));
        Optional<String> absorber = sym == null ? Optional.empty() : Element.canonical(sym.trim());
        if (sym != null && absorber.isEmpty()) {
            throw new InputException(source, 0, "unknown element '" + sym + "' in Element.symbol");
        }
        Map<String, String> notes = new TreeMap<>();
        fields.forEach((k, v) -> notes.put("xdi." + k, v));
        String edge = fields.get("Element.edge");
        if (edge != null && !edge.isBlank()) {
            notes.put("edge", edge.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
        }
        List<String> names = null;
        if (!columns.isEmpty()) {
            names = new ArrayList<>(columns.values());
        }
        return List.of(ColumnsReader.parseColumns(source, id, text, absorber, notes, names, options));
    }
}
