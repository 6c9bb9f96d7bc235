package org.xaneslce.coordination;

/** The paper's three classes, and everything else. */
public enum CoordinationClass {
    /** Tetrahedral, ChemEnv T:4. */
    T4("T:4"),
    /** Square pyramidal, ChemEnv S:5. */
    S5("S:5"),
    /** Octahedral, ChemEnv O:6. */
    O6("O:6"),
    /** Any other geometry, or none. */
    OTHER("");

    private final String symbol;

    CoordinationClass(String symbol) {
        this.symbol = symbol;
    }

    /** The ChemEnv symbol of the class ("" for OTHER). */
    public String symbol() {
        return symbol;
    }

    /** The class of a ChemEnv geometry symbol (null gives OTHER). */
    public static CoordinationClass ofSymbol(String symbol) {
        for (CoordinationClass c : values()) {
            if (c != OTHER && c.symbol.equals(symbol)) {
                return c;
            }
        }
        return OTHER;
    }

    /** The three classes the classifiers use, in their fixed order. */
    public static CoordinationClass[] modelled() {
        return new CoordinationClass[] {T4, S5, O6};
    }
}
