package org.xaneslce.structure;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chemical elements H..Og by symbol and atomic number, with the few classifications the
 * labelling rule needs (anion, 3d transition metal).
 */
public final class Element {
    private static final String[] SYMBOLS = {
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe",
        "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
        "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
        "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};
    private static final Map<String, Integer> BY_SYMBOL = new HashMap<>();

    static {
        for (int i = 0; i < SYMBOLS.length; i++) {
            BY_SYMBOL.put(SYMBOLS[i].toLowerCase(Locale.ROOT), i + 1);
        }
        // Deuterium and tritium appear in some CIFs.
        BY_SYMBOL.put("d", 1);
        BY_SYMBOL.put("t", 1);
    }

    private Element() {
    }

    /** The atomic number of a symbol, case-insensitive ("CU", "cu", "Cu"), if it is one. */
    public static Optional<Integer> atomicNumber(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SYMBOL.get(symbol.trim().toLowerCase(Locale.ROOT)));
    }

    /** The canonical symbol ("Cu") of a symbol in any case, if it is one. */
    public static Optional<String> canonical(String symbol) {
        return atomicNumber(symbol).map(z -> SYMBOLS[z - 1]);
    }

    /** The symbol of atomic number {@code z} (1..118). */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.length) {
            throw new IllegalArgumentException("atomic number must be 1.." + SYMBOLS.length + ", was " + z);
        }
        return SYMBOLS[z - 1];
    }

    /**
     * Strips an oxidation state or label suffix from a CIF type symbol ("Cu2+" to "Cu", "O2-" to
     * "O", "Fe1" to "Fe") and returns the canonical symbol, if what is left is an element.
     */
    public static Optional<String> fromTypeSymbol(String typeSymbol) {
        if (typeSymbol == null) {
            return Optional.empty();
        }
        String s = typeSymbol.trim();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end)) && end < 2) {
            end++;
        }
        if (end == 0) {
            return Optional.empty();
        }
        Optional<String> two = canonical(s.substring(0, end));
        if (two.isPresent() && (end == 1 || Character.isLowerCase(s.charAt(1)) || s.length() == 2)) {
            return two;
        }
        return canonical(s.substring(0, 1));
    }

    /** True for the anions of the oxide convention: O, and the chalcogens and halogens. */
    public static boolean isAnion(String symbol) {
        switch (symbol) {
            case "O": case "S": case "Se": case "Te": case "F": case "Cl": case "Br": case "I": case "N":
                return true;
            default:
                return false;
        }
    }

    /** True for the 3d transition metals Sc..Zn. */
    public static boolean is3dMetal(String symbol) {
        int z = atomicNumber(symbol).orElse(0);
        return z >= 21 && z <= 30;
    }
}
