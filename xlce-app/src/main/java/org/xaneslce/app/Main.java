package org.xaneslce.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code xlce} command line. Exit codes: 0 ok, 1 failure or rejected input, 2 usage. */
@Command(name = "xlce", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Local chemical environments (T4, S5, O6) of 3d metals from x-ray absorption spectra.",
    subcommands = {LabelCommand.class, DbCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReproduceCommand.class, CompareCommand.class, SimulateCommand.class, ServeCommand.class, CalibrateCommand.class, GeometryCommand.class, NoveltyCommand.class})
public final class Main implements Runnable {
    @Option(names = "--stacktrace", description = "Print the full stack trace of an unexpected error.", scope = CommandLine.ScopeType.INHERIT)
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xlce " + org.xaneslce.Version.describe()};
        }
    }

    /** Builds the command line with our error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        org.xaneslce.api.Installation.anchor(Main.class);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean trace = parseResult.hasMatchedOption("--stacktrace");
            commandLine.getErr().println("xlce: error: " + ex.getMessage());
            if (trace) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(run with --stacktrace for details)");
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** Entry point. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
