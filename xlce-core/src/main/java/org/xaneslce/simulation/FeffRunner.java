package org.xaneslce.simulation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.spectrum.io.FeffXmuReader;

/**
 * Runs an installed FEFF on one input in its own folder: standard input closed (feff8l's wrapper
 * would otherwise wait on it), output to feff.log, a time limit after which the whole process tree
 * is killed. The result is the folder's xmu.dat, read as a FEFF run (a missing xmu.dat or a
 * .feff.error is a failed run). Every FEFF process gets {@link #GLIBC_TUNABLES}: FEFF allocates and
 * frees large arrays in loops, and glibc's default returns them to the kernel each time (measured:
 * FEFF10 1.9x faster with the setting, byte-identical output). Where GNU time is installed, the
 * peak memory of the run is recorded (feff.maxrss, kB).
 */
public final class FeffRunner {
    /** The glibc malloc setting for FEFF processes (keep freed memory instead of unmapping it). */
    public static final String GLIBC_TUNABLES =
        "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456";

    /** FEFF10's run script inside an installation (build.sh DEST puts it in DEST/bin). */
    public static final String FEFF10_SCRIPT = "bin/run-feff10.sh";

    /** The environment variable that names a FEFF10 installation. */
    public static final String FEFF10_HOME_ENV = "XLCE_FEFF10_HOME";

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final String executable;
    private final List<String> arguments;
    private final long timeoutSeconds;

    /** A runner of {@code executable} (a name on the PATH or a path) with a per-site time limit. */
    public FeffRunner(String executable, long timeoutSeconds) {
        this(executable, List.of(), timeoutSeconds);
    }

    /** A runner of {@code executable} with {@code arguments} (run in the site's folder). */
    public FeffRunner(String executable, List<String> arguments, long timeoutSeconds) {
        this.executable = executable;
        this.arguments = List.copyOf(arguments);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Seconds a run may take before it is killed. */
    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * A runner of the FEFF10 installed in {@code home} (a folder made by FEFF10's build.sh: bin/ with
     * the module executables and run-feff10.sh).
     *
     * @throws IllegalArgumentException naming the folder and how to get FEFF10 when it is not one
     */
    public static FeffRunner feff10(Path home, long timeoutSeconds) {
        Path script = home.resolve(FEFF10_SCRIPT);
        if (!Files.isExecutable(script) || !Files.isExecutable(home.resolve("bin/xsph"))) {
            throw new IllegalArgumentException("no FEFF10 installation in " + home + " (" + script + " and bin/xsph expected). "
                + "Build one from FEFF10's public sources (docs/SIMULATION.md): apt-get install gfortran make libopenblas-serial-dev, "
                + "then build.sh DEST; pass --feff-home DEST or set " + FEFF10_HOME_ENV + "=DEST");
        }
        return new FeffRunner(script.toAbsolutePath().toString(), List.of("."), timeoutSeconds);
    }

    /** The FEFF10 home from the environment ({@value #FEFF10_HOME_ENV}), if set. */
    public static java.util.Optional<Path> feff10HomeFromEnvironment() {
        String v = System.getenv(FEFF10_HOME_ENV);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(v));
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
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(GNU_TIME)) {
                command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", "feff.maxrss"));
            }
            command.add(executable);
            command.addAll(arguments);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("feff.log").toFile());
            pb.environment().put("GLIBC_TUNABLES", GLIBC_TUNABLES);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new InputException(dir.toString(), 0, "timeout: FEFF ran longer than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0 && !Files.exists(dir.resolve("xmu.dat"))) {
                throw new InputException(dir.toString(), 0, "FEFF error (exit " + p.exitValue() + "): " + lastLine(dir.resolve("feff.log"))
                    + diagnosis(dir));
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

    /** Peak resident memory of the last run in {@code dir}, kB, when GNU time measured it. */
    public static java.util.OptionalLong peakKilobytes(Path dir) {
        try {
            String[] l = Files.readString(dir.resolve("feff.maxrss")).strip().split("\n");
            return java.util.OptionalLong.of(Long.parseLong(l[l.length - 1].strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The lines of the FEFF logs in {@code dir} that say what went wrong (FEFF10's modules report to feff10.log). */
    private static final java.util.regex.Pattern DIAGNOSTIC = java.util.regex.Pattern.compile(
        "(?i).*(will exit|runtime error|not converg|error termination|cannot open|\\bstop\\b).*");

    /**
     * "; FEFF said: ..." with the first two diagnostic lines of feff10.log (a module can fail quietly and
     * leave the next one to crash on its missing file: the first complaint names the cause), or "".
     */
    static String diagnosis(Path dir) {
        Path log = dir.resolve("feff10.log");
        if (!Files.exists(log)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(log)) {
            List<String> hits = lines.map(String::strip).filter(l -> DIAGNOSTIC.matcher(l).matches()).limit(2).toList();
            return hits.isEmpty() ? "" : "; FEFF said: " + String.join(" / ", hits);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
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
