package org.xaneslce.spectrum.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;

/**
 * The registry of spectrum readers: FEFF xmu.dat and run folders, MP XAS JSON, XDI, Athena .prj,
 * column files (plain, labelled, SPEC). The format is told by content, whatever the file is called
 * (a two-column file named *.xmu.dat is columns, not FEFF output); the name decides only between
 * formats the content cannot tell apart.
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
        return read(path, ReadOptions.NONE);
    }

    /** Reads with the user's choices of columns, element and edge. */
    public static List<Spectrum> read(Path path, ReadOptions options) throws InputException {
        String name = path.getFileName().toString();
        String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (Files.isDirectory(path)) {
            return List.of(withUserElement(FeffXmuReader.readRun(path, name), options));
        }
        String text = TextFiles.read(path);
        return parse(path.toString(), name, id, text, options);
    }

    /** Reads text that came from a file called {@code name} (an upload, say); {@code source} names it in messages. */
    public static List<Spectrum> parse(String source, String name, String id, String text, ReadOptions options) throws InputException {
        if (text.indexOf('\0') >= 0 || binaryShare(text) > 0.1) {
            throw new InputException(source, 0, "binary data, not a text spectrum file (XDI, columns, FEFF xmu.dat, Athena .prj, MP XAS JSON)");
        }
        SpectrumReader r = byContent(text).or(() -> byName(name)).orElseThrow(() ->
            new InputException(source, 0, "unknown format: not FEFF xmu.dat, XDI, Athena .prj, MP XAS JSON or columns"));
        String sid = r == FEFF && name.equals("xmu.dat") && source.contains("/")
            ? Path.of(source).toAbsolutePath().getParent().getFileName().toString() : id;
        return r.parse(source, sid, text, options);
    }

    /**
     * Why a file found while walking a folder is not a spectrum file (empty when it looks like one):
     * binary, too large, or text without a spectrum format's marks (XDI first line, FEFF header,
     * Athena or MP JSON) and without at least 10 rows of 2 or more numbers. Judged by content only.
     */
    public static Optional<String> notASpectrum(Path file) {
        String text;
        try {
            text = TextFiles.read(file);
        } catch (InputException e) {
            return Optional.of(e.problems().get(0).message());
        }
        if (text.indexOf('\0') >= 0 || binaryShare(text) > 0.1) {
            return Optional.of("binary");
        }
        String t = text.stripLeading();
        int eol = t.indexOf('\n');
        if (XdiReader.isXdi(eol < 0 ? t : t.substring(0, eol)) || isFeffXmu(t) || t.contains("$old_group") || t.contains("_____header")) {
            return Optional.empty();
        }
        if ((t.startsWith("{") || t.startsWith("[")) && (t.contains("\"absorbing_element\"") || t.contains("\"spectrum\""))) {
            return Optional.empty();
        }
        int numericRows = 0;
        for (String line : t.split("\r\n|\n|\r")) {
            String[] f = ColumnTable.split(line);
            if (f.length >= 2) {
                boolean all = true;
                for (String x : f) {
                    if (Double.isNaN(TextFiles.parseNumber(x.replace(',', '.'))) && !ColumnTable.isNonFinite(x)) {
                        all = false;
                        break;
                    }
                }
                if (all && ++numericRows >= 10) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("no spectrum format and fewer than 10 rows of numbers");
    }

    /** The spectrum with the user's element and edge (when given) in place of the file's, the change noted. */
    static Spectrum withUserElement(Spectrum s, ReadOptions options) {
        Map<String, String> notes = new TreeMap<>(s.notes());
        Optional<String> el = s.absorber();
        if (options.element().isPresent()) {
            if (el.isPresent() && !el.get().equals(options.element().get())) {
                notes.put("element_conflict", "the file says " + el.get() + ", the user " + options.element().get() + " (the user's is used)");
            }
            el = options.element();
            notes.put("element_source", "given");
        } else if (el.isPresent()) {
            notes.putIfAbsent("element_source", "file");
        }
        options.edge().ifPresent(e -> notes.put("edge", e));
        if (el.equals(s.absorber()) && notes.equals(s.notes())) {
            return s;
        }
        return new Spectrum(s.id(), el, s.energyEv(), s.mu(), s.measured(), notes);
    }

    private static double binaryShare(String text) {
        int n = Math.min(text.length(), 4096);
        int bad = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c >= 0x7f && c < 0xa0) {
                bad++;
            }
        }
        return n == 0 ? 0 : bad / (double) n;
    }

    /** FEFF's xmu.dat: a '#' header that names FEFF and the column line "omega e k mu mu0 chi". */
    static boolean isFeffXmu(String t) {
        return t.contains("FEFF") && java.util.regex.Pattern.compile("(?m)^#\\s*omega\\s+e\\s+k\\s+mu\\s+mu0\\s+chi").matcher(t).find();
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
        int eol = t.indexOf('\n');
        if (XdiReader.isXdi(eol < 0 ? t : t.substring(0, eol))) {
            return Optional.of(XDI);
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            return Optional.of(t.contains("_____header") || t.contains("\"args\"") ? ATHENA : MP);
        }
        if (t.contains("$old_group")) {
            return Optional.of(ATHENA);
        }
        if (isFeffXmu(t)) {
            return Optional.of(FEFF);
        }
        return Optional.of(COLUMNS);
    }
}
