package org.xaneslce.spectrum.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;

/**
 * The registry of spectrum readers: FEFF xmu.dat and run folders, MP XAS JSON, XDI, Athena .prj,
 * plain columns. Detects by name, then by content; says "unknown format" otherwise.
 */
public final class SpectrumFormats {
    private static final FeffXmuReader FEFF = new FeffXmuReader();
    private static final XdiReader XDI = new XdiReader();
    private static final AthenaReader ATHENA = new AthenaReader();
    private static final MpXasJsonReader MP = new MpXasJsonReader();
    private static final ColumnsReader COLUMNS = new ColumnsReader();

    private SpectrumFormats() {
    }

    /** Reads every spectrum in a file, or the xmu.dat of a FEFF run folder. */
    public static List<Spectrum> read(Path path) throws InputException {
        String name = path.getFileName().toString();
        String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (Files.isDirectory(path)) {
            return List.of(FeffXmuReader.readRun(path, name));
        }
        String text = TextFiles.read(path);
        SpectrumReader r = byName(name).or(() -> byContent(text)).orElseThrow(() ->
            new InputException(path.toString(), 0, "unknown format: not FEFF xmu.dat, XDI, Athena .prj, MP XAS JSON or columns"));
        if (r == FEFF && path.getParent() != null && name.equals("xmu.dat")) {
            id = path.getParent().getFileName().toString();
        }
        return r.parse(path.toString(), id, text);
    }

    static Optional<SpectrumReader> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.equals("xmu.dat") || n.endsWith(".xmu.dat") || n.endsWith("_xmu.dat")) {
            return Optional.of(FEFF);
        }
        if (n.endsWith(".xdi")) {
            return Optional.of(XDI);
        }
        if (n.endsWith(".prj")) {
            return Optional.of(ATHENA);
        }
        if (n.endsWith(".json")) {
            return Optional.of(MP);
        }
        return Optional.empty();
    }

    static Optional<SpectrumReader> byContent(String text) {
        String t = text.stripLeading();
        if (t.startsWith("# XDI/")) {
            return Optional.of(XDI);
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            return Optional.of(t.contains("_____header") || t.contains("\"args\"") ? ATHENA : MP);
        }
        if (t.contains("$old_group")) {
            return Optional.of(ATHENA);
        }
        if (t.contains("omega") && t.contains("mu0") && t.contains("FEFF")) {
            return Optional.of(FEFF);
        }
        return Optional.of(COLUMNS);
    }
}
