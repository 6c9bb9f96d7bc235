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
}
