package org.xaneslce.spectrum.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Element;

/**
 * FEFF's xmu.dat: '#' header, then columns omega, e, k, mu, mu0, chi; the spectrum is (omega, mu).
 * Non-finite values (nan, inf) are dropped with a counted warning, as in every reader.
 * The absorber comes from the header's "Abs Z=.." line when present.
 */
public final class FeffXmuReader implements SpectrumReader {
    private static final Pattern ABS_Z = Pattern.compile("Abs\\s+Z=\\s*(\\d+)");

    @Override
    public String format() {
        return "feff-xmu";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        String[] lines = text.split("\r\n|\n|\r");
        List<double[]> rows = new ArrayList<>();
        Optional<String> absorber = Optional.empty();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#")) {
                Matcher m = ABS_Z.matcher(l);
                if (m.find()) {
                    int z = Integer.parseInt(m.group(1));
                    if (z >= 1 && z <= 118) {
                        absorber = Optional.of(Element.symbol(z));
                    }
                }
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length < 4) {
                throw new InputException(source, i + 1, "expected 6 columns (omega e k mu mu0 chi), found " + f.length);
            }
            double omega = ColumnTable.isNonFinite(f[0]) ? Double.NaN : TextFiles.parseNumber(f[0]);
            double mu = ColumnTable.isNonFinite(f[3]) ? Double.NaN : TextFiles.parseNumber(f[3]);
            if (Double.isNaN(omega) && !ColumnTable.isNonFinite(f[0]) || Double.isNaN(mu) && !ColumnTable.isNonFinite(f[3])) {
                throw new InputException(source, i + 1, "bad number in '" + ColumnTable.printable(l) + "'");
            }
            rows.add(new double[] {omega, mu});
        }
        if (rows.isEmpty()) {
            throw new InputException(source, 0, "no data rows (truncated run?)");
        }
        return List.of(RawSpectrum.build(source, id, absorber, RawSpectrum.column(rows, 0), RawSpectrum.column(rows, 1), false, Map.of()));
    }

    /**
     * Reads a FEFF run folder (…/NNN_El/): its xmu.dat. A folder without xmu.dat, or with a
     * .feff.error file left behind, is a failed run and gives an InputException saying so.
     */
    public static Spectrum readRun(Path dir, String id) throws InputException {
        Path xmu = dir.resolve("xmu.dat");
        if (Files.exists(dir.resolve(".feff.error"))) {
            throw new InputException(dir.toString(), 0, "failed FEFF run: .feff.error present");
        }
        if (!Files.exists(xmu)) {
            String has;
            try (Stream<Path> files = Files.list(dir)) {
                has = String.join(", ", files.map(p -> p.getFileName().toString()).sorted().toList());
            } catch (java.io.IOException e) {
                has = "unreadable folder";
            }
            throw new InputException(dir.toString(), 0, "failed FEFF run: no xmu.dat (folder holds: " + has + ")");
        }
        return new FeffXmuReader().parse(xmu.toString(), id, TextFiles.read(xmu)).get(0);
    }
}
