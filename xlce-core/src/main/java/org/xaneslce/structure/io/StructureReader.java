package org.xaneslce.structure.io;

import org.xaneslce.io.InputException;
import org.xaneslce.structure.Structure;

/** Reads one structure from text. Implementations are stateless and thread-safe. */
public interface StructureReader {
    /** The format's short name ("cif", "poscar", "pymatgen-json", "feff-inp"). */
    String format();

    /**
     * Parses {@code text}; {@code source} names the file in error messages and {@code id} becomes
     * the structure's id.
     *
     * @throws InputException naming the line and what is wrong
     */
    Structure parse(String source, String id, String text) throws InputException;
}
