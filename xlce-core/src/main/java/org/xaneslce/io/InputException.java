package org.xaneslce.io;

import java.util.List;

/**
 * Bad user input: a checked exception that carries every problem found, each with its file and
 * line. Programmer errors stay unchecked.
 */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    /** One problem. */
    public InputException(String source, int line, String message) {
        this(List.of(new Problem(source, line, message)));
    }

    /** Several problems (at least one). */
    public InputException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).toString()
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem. */
    public Problem first() {
        return problems.get(0);
    }

    /**
     * A JSON parse failure in the user's terms: the line and column, and the parser's reason without
     * its internals (no class names, no "Source: ..." reference dump).
     */
    public static InputException json(String source, String what, java.io.IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            String reason = String.valueOf(j.getOriginalMessage()).replaceAll("\\s*\\(for [^)]*\\)", "").replaceAll("\\s+", " ").trim();
            reason = reason.replaceAll("Unrecognized token '([^']{0,20})[^']*'", "unexpected text '$1'");
            if (reason.length() > 120) {
                reason = reason.substring(0, 120) + "...";
            }
            int line = j.getLocation() == null ? 0 : Math.max(0, j.getLocation().getLineNr());
            int col = j.getLocation() == null ? 0 : j.getLocation().getColumnNr();
            return new InputException(source, line, what + (col > 0 ? " (column " + col + ")" : "") + ": " + reason);
        }
        return new InputException(source, 0, what + ": " + e.getMessage());
    }
}
