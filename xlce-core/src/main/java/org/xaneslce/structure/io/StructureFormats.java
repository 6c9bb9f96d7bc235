package org.xaneslce.structure.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.structure.Structure;

/**
 * The registry of structure readers: detects the format from the file name, or else from the
 * content, and says "unknown format" clearly when neither tells.
 */
public final class StructureFormats {
    private static final List<StructureReader> READERS = List.of(
        new CifReader(), new PoscarReader(), new PymatgenJsonReader(), new FeffInpReader());

    private StructureFormats() {
    }

    /** All readers. */
    public static List<StructureReader> readers() {
        return READERS;
    }

    /** The reader for a format name. */
    public static StructureReader byName(String format) {
        for (StructureReader r : READERS) {
            if (r.format().equalsIgnoreCase(format)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown structure format '" + format + "'; known: cif, poscar, pymatgen-json, feff-inp");
    }

    /** True when a file name looks like a structure file this registry reads. */
    public static boolean looksLikeStructure(Path file) {
        return byFileName(file.getFileName().toString()).isPresent();
    }

    /** The reader suggested by a file name, if any. */
    public static Optional<StructureReader> byFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".cif") || n.endsWith(".mcif")) {
            return Optional.of(READERS.get(0));
        }
        if (n.startsWith("poscar") || n.startsWith("contcar") || n.endsWith(".vasp") || n.endsWith(".poscar")) {
            return Optional.of(READERS.get(1));
        }
        if (n.endsWith(".json")) {
            return Optional.of(READERS.get(2));
        }
        if (n.equals("feff.inp") || n.endsWith(".inp")) {
            return Optional.of(READERS.get(3));
        }
        return Optional.empty();
    }

    /** The reader suggested by content, if any. */
    public static Optional<StructureReader> byContent(String text) {
        String t = text.stripLeading();
        if (t.startsWith("{")) {
            return Optional.of(READERS.get(2));
        }
        for (String line : t.split("\n", 200)) {
            String l = line.trim().toLowerCase(Locale.ROOT);
            if (l.startsWith("data_") || l.startsWith("_cell_length")) {
                return Optional.of(READERS.get(0));
            }
            if (l.equals("atoms") || l.startsWith("potentials")) {
                return Optional.of(READERS.get(3));
            }
        }
        String[] lines = t.split("\r?\n", 4);
        if (lines.length >= 3 && PoscarReader.fields(lines[1]).length == 1
            && Double.isFinite(TextFiles.parseNumber(PoscarReader.fields(lines[1])[0]))) {
            return Optional.of(READERS.get(1));
        }
        return Optional.empty();
    }

    /** A structure id from a path: the file stem, or the folder for generic names (POSCAR, feff.inp). */
    public static String idFor(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Path parent = file.toAbsolutePath().getParent();
        if (lower.equals("feff.inp") && parent != null) {
            Path xanes = parent.getParent();
            Path material = xanes == null ? null : xanes.getParent();
            if (material != null && xanes.getFileName().toString().startsWith("FEFF")) {
                return material.getFileName() + "/" + parent.getFileName();
            }
            return parent.getFileName().toString();
        }
        if ((lower.equals("poscar") || lower.equals("contcar")) && parent != null) {
            return parent.getFileName().toString();
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Reads a structure file, detecting its format. */
    public static Structure read(Path file) throws InputException {
        String text = TextFiles.read(file);
        String source = file.toString();
        StructureReader reader = byFileName(file.getFileName().toString())
            .or(() -> byContent(text))
            .orElseThrow(() -> new InputException(source, 0,
                "unknown format: not CIF, POSCAR, pymatgen JSON or feff.inp (by name or content)"));
        Structure s = reader.parse(source, idFor(file), text);
        org.xaneslce.structure.StructureChecks.check(s, source);
        return s;
    }
}
