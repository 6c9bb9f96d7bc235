package org.xaneslce.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The scaffolding every xlce command shares: picocli's spec, and the command's output and error
 * streams handed to {@link #run}. The exit code is what run returns (0 ok, 1 failure, 2 usage).
 */
abstract class XlceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Does the command's work, printing to {@code out} and {@code err}; returns the exit code. */
    protected abstract Integer run(PrintWriter out, PrintWriter err) throws Exception;
}
