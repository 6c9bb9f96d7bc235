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
}
