package org.xaneslce.spectrum.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Element;

/**
 * Column files (.xmu, .dat, .txt, .csv, SPEC scans): see {@link ColumnTable} for how columns are
 * named and chosen. Energies in keV are converted; an energy column that is not increasing or
 * not in a plausible range is refused naming the column. The element and edge come from the user,
 * else from header fields ("# element: Ti", "# Element.symbol: Ti", "# edge: K"), else stay
 * unknown (the predictor tells the element from the edge position). Every choice is recorded in
 * the spectrum's notes (energy_column, mu_definition, element_source, edge).
 */
public final class ColumnsReader implements SpectrumReader {
    @Override
    public String format() {
        return "columns";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        return parse(source, id, text, ReadOptions.NONE);
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text, ReadOptions options) throws InputException {
        return List.of(parseColumns(source, id, text, Optional.empty(), new TreeMap<>(), null, options));
    }

    /** Shared by the XDI reader: {@code names} overrides the header labels when given. */
    static Spectrum parseColumns(String source, String id, String text, Optional<String> absorber, Map<String, String> notes,
                                 List<String> names, ReadOptions options) throws InputException {
        ColumnTable t = ColumnTable.parse(source, text, names);
        Map<String, String> n = new TreeMap<>(notes);
        if (t.skippedHeaderRows > 0) {
            n.put("skipped_header_rows", Integer.toString(t.skippedHeaderRows));
        }
        int ec = t.energyColumn(options.energyColumn(), n);
        double[] e = t.column(ec);
        double[] mu = t.mu(options.muExpression(), ec, n);
        e = checkEnergy(source, t.names.get(ec), e, n);
        Optional<String> el = absorber;
        String elSource = absorber.isPresent() ? "file header" : null;
        if (el.isEmpty()) {
            String h = t.header.getOrDefault("element.symbol", t.header.getOrDefault("element", t.header.get("scan.element")));
            if (h != null) {
                el = Element.canonical(h.trim().split("\\s+")[0]);
                if (el.isEmpty()) {
                    throw new InputException(source, 0, "unknown element '" + ColumnTable.printable(h) + "' in the header");
                }
                elSource = "file header";
            }
        }
        if (options.element().isPresent()) {
            if (el.isPresent() && !el.get().equals(options.element().get())) {
                n.put("element_conflict", "the file says " + el.get() + ", the user " + options.element().get() + " (the user's is used)");
            }
            el = options.element();
            elSource = "given";
        }
        if (elSource != null) {
            n.put("element_source", elSource);
        }
        String edge = options.edge().orElse(n.getOrDefault("edge", t.header.getOrDefault("element.edge", t.header.get("edge"))));
        if (edge != null) {
            n.put("edge", edge.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
        }
        return RawSpectrum.build(source, id, el, e, mu, true, n);
    }

    /** Energies in eV: keV converted; refused when not increasing overall or outside 1..200 keV. */
    static double[] checkEnergy(String source, String column, double[] e, Map<String, String> notes) throws InputException {
        double[] out = e.clone();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : out) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        if (max > 0 && max < 100) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= 1000;
            }
            min *= 1000;
            max *= 1000;
            notes.put("energy_unit", "keV converted to eV");
        }
        if (!(min >= 1000 && max <= 200000)) {
            throw new InputException(source, 0, String.format(Locale.ROOT, "column '%s' holds %.6g..%.6g: not energies in eV or keV"
                + " (give --energy COLUMN)", column, min, max));
        }
        int up = 0;
        int down = 0;
        for (int i = 1; i < out.length; i++) {
            if (out[i] > out[i - 1]) {
                up++;
            } else if (out[i] < out[i - 1]) {
                down++;
            }
        }
        if (down > up) {
            throw new InputException(source, 0, "column '" + column + "' decreases: energies must increase (a scan written backwards?"
                + " give --energy COLUMN if another column is the energy)");
        }
        return out;
    }
}
