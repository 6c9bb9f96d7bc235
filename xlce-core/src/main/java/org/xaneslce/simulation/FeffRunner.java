package org.xaneslce.simulation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.FeffXmuReader;

/**
 * Runs an installed FEFF on one input in its own folder: standard input closed (feff8l's wrapper
 * would otherwise wait on it), output to feff.log, a time limit after which the whole process tree
 * is killed. The result is the folder's xmu.dat, read as a FEFF run (a missing xmu.dat or a
 * .feff.error is a failed run).
 */
public final class FeffRunner {
    private final String executable;
    private final long timeoutSeconds;

    /** A runner of {@code executable} (a name on the PATH or a path) with a per-site time limit. */
    public FeffRunner(String executable, long timeoutSeconds) {
        this.executable = executable;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The executable. */
    public String executable() {
        return executable;
    }

    /** True when the executable can be started (found on the PATH or at its path). */
    public static boolean available(String executable) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code input} into {@code dir}, runs FEFF there and reads the spectrum. */
    public Spectrum run(Path dir, String input, String id) throws InputException {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("feff.inp"), input);
            Files.deleteIfExists(dir.resolve("xmu.dat"));
            Process p = new ProcessBuilder(executable).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("feff.log").toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new InputException(dir.toString(), 0, "timeout: FEFF ran longer than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0 && !Files.exists(dir.resolve("xmu.dat"))) {
                throw new InputException(dir.toString(), 0, "FEFF error (exit " + p.exitValue() + "): " + lastLine(dir.resolve("feff.log")));
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(dir.toString(), 0, "interrupted");
        }
        if (!Files.exists(dir.resolve("xmu.dat"))) {
            throw new InputException(dir.toString(), 0, "no output: FEFF wrote no xmu.dat (" + lastLine(dir.resolve("feff.log")) + ")");
        }
        return FeffXmuReader.readRun(dir, id);
    }

    private static String lastLine(Path log) {
        try {
            String[] l = Files.readString(log).strip().split("\n");
            return l.length == 0 ? "" : l[l.length - 1].strip();
        } catch (IOException e) {
            return "no log";
        }
    }

    /** Deletes a folder tree (best effort). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leaving a work folder behind is harmless; the campaign state is in the database.
        }
    }
}
