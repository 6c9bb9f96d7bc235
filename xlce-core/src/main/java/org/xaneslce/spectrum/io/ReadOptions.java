package org.xaneslce.spectrum.io;

import java.util.Locale;
import java.util.Optional;
import org.xaneslce.structure.Element;

/**
 * What the user says about a file when the file does not say it (or says it wrongly): which column
 * is the energy, how mu is made from the columns, the absorbing element and the edge. Empty fields
 * leave the choice to the reader (column names, header fields, the edge position).
 *
 * @param energyColumn a column name or 1-based number
 * @param muExpression a column name or number, {@code A/B}, or {@code ln(A/B)} of two columns
 * @param element the absorber's symbol
 * @param edge the edge (K, L1, L2, L3, ...)
 */
public record ReadOptions(Optional<String> energyColumn, Optional<String> muExpression, Optional<String> element, Optional<String> edge) {
    /** No options: the reader decides. */
    public static final ReadOptions NONE = new ReadOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ReadOptions {
        energyColumn = blankToEmpty(energyColumn);
        muExpression = blankToEmpty(muExpression);
        element = blankToEmpty(element);
        edge = blankToEmpty(edge).map(e -> e.toUpperCase(Locale.ROOT));
        if (element.isPresent() && Element.canonical(element.get()).isEmpty()) {
            throw new IllegalArgumentException("unknown element '" + element.get() + "'");
        }
        element = element.map(e -> Element.canonical(e).orElseThrow());
        if (edge.isPresent() && !edge.get().matches("K|L[123]|M[1-5]|N[1-7]")) {
            throw new IllegalArgumentException("unknown edge '" + edge.get() + "' (K, L1, L2, L3, M1..M5)");
        }
    }

    /** Options from nullable strings (command line, web form). */
    public static ReadOptions of(String energyColumn, String muExpression, String element, String edge) {
        return new ReadOptions(Optional.ofNullable(energyColumn), Optional.ofNullable(muExpression), Optional.ofNullable(element),
            Optional.ofNullable(edge));
    }

    private static Optional<String> blankToEmpty(Optional<String> o) {
        return o == null ? Optional.empty() : o.map(String::trim).filter(s -> !s.isEmpty());
    }
}
