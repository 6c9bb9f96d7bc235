package org.xaneslce.structure;

import org.xaneslce.util.Checks;

/**
 * One atom: its element symbol and its Cartesian position in Angstrom. Immutable; the position
 * array is copied in and out.
 *
 * @param element canonical element symbol ("Cu")
 * @param label the site label of the source file ("Cu1"), or the symbol when there is none
 * @param cartesianAngstrom Cartesian coordinates, Angstrom
 */
public record Site(String element, String label, double[] cartesianAngstrom) {
    public Site {
        if (element == null || Element.atomicNumber(element).isEmpty()) {
            throw new IllegalArgumentException("unknown element '" + element + "'");
        }
        label = label == null || label.isBlank() ? element : label;
        cartesianAngstrom = Checks.vector3(cartesianAngstrom, "site position");
    }

    @Override
    public double[] cartesianAngstrom() {
        return cartesianAngstrom.clone();
    }

    /** Component {@code k} of the Cartesian position without copying. */
    public double coordinate(int k) {
        return cartesianAngstrom[k];
    }
}
