package org.xaneslce.io;

/**
 * One thing wrong with an input: where (file, 1-based line or 0 when the whole file is meant)
 * and what.
 *
 * @param source the file name or other source description
 * @param line 1-based line number, 0 when not tied to one line
 * @param message what is wrong, in words a user can act on
 */
public record Problem(String source, int line, String message) {
    public Problem {
        source = source == null ? "<input>" : source;
        message = message == null ? "unknown problem" : message;
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
}
