package org.xaneslce.spectrum.io;

import java.util.List;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;

/** Reads spectra from text (a project file may hold several). Stateless and thread-safe. */
public interface SpectrumReader {
    /** The format's short name. */
    String format();

    /** Parses {@code text}; {@code source} names the file in errors, {@code id} names the spectra. */
    List<Spectrum> parse(String source, String id, String text) throws InputException;

    /**
     * Parses with the user's choices (energy column, mu expression, element, edge); formats whose
     * content fixes these ignore the column choices.
     */
    default List<Spectrum> parse(String source, String id, String text, ReadOptions options) throws InputException {
        List<Spectrum> out = new java.util.ArrayList<>();
        for (Spectrum s : parse(source, id, text)) {
            out.add(SpectrumFormats.withUserElement(s, options));
        }
        return out;
    }
}
