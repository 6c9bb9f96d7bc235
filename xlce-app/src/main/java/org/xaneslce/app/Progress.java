package org.xaneslce.app;

import java.io.PrintWriter;

/**
 * A progress line on standard error: items done of total, rate, time left. Drawn in place on a
 * terminal; elsewhere (CI, pipes) one line every 10 %.
 */
final class Progress {
    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long start;
    private final boolean terminal;
    private long done;
    private long lastDraw;
    private int lastDecile = -1;

    Progress(PrintWriter err, String what, long total, boolean enabled) {
        this(err, what, total, enabled, System.nanoTime());
    }

    /** A progress line whose work started at {@code startNanos} (for stages that report their first unit late). */
    Progress(PrintWriter err, String what, long total, boolean enabled, long startNanos) {
        this.start = startNanos;
        this.err = enabled ? err : null;
        this.what = what;
        this.total = total;
        this.terminal = System.console() != null;
    }

    void step() {
        done++;
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        int decile = (int) (10 * done / Math.max(1, total));
        if (terminal ? now - lastDraw > 200_000_000L || done == total : decile != lastDecile) {
            lastDraw = now;
            lastDecile = decile;
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long left = rate > 0 ? Math.round((total - done) / rate) : 0;
            int width = 30;
            int filled = (int) (width * done / Math.max(1, total));
            String bar = "#".repeat(filled) + " ".repeat(width - filled);
            String line = String.format("[%s] %d/%d %s  %.0f/s  %d:%02d left", bar, done, total, what, rate, left / 60, left % 60);
            err.print(terminal ? "\r" + line : line + System.lineSeparator());
            if (terminal && done == total) {
                err.println();
            }
            err.flush();
        }
    }
}
