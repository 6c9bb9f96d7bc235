package org.xaneslce.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * The compact dataset format (docs/DATASET.md): gzip-compressed CSV, one file per absorber,
 * {@code # key: value} header lines (format version, element, grid, level of theory, provenance),
 * a column line, then one row per spectrum: material, site, class, label, csm, margin, the shell's
 * coordination number and mean distance (format version 2; empty when unknown) and the
 * max-normalized mu values (5 decimals). Version 1 files (no shell columns) are still read. Written to a temporary file and moved into place, so an
 * interrupted write leaves no partial file.
 */
public final class DatasetFiles {
    /** The format version written. */
    public static final int FORMAT_VERSION = 2;

    private DatasetFiles() {
    }

    /** Writes a dataset to {@code file} atomically. */
    public static void write(Dataset d, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp));
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8))) {
            w.write("# xanes-lce dataset\n");
            w.write("# format_version: " + FORMAT_VERSION + "\n");
            w.write("# element: " + d.element() + "\n");
            w.write(String.format(Locale.ROOT, "# grid_start_ev: %.6f%n# grid_step_ev: %.9f%n# grid_count: %d%n",
                d.grid().startEv(), d.grid().stepEv(), d.grid().count()));
            w.write("# level_of_theory: " + d.levelOfTheory() + "\n");
            for (Map.Entry<String, String> p : d.provenance().entrySet()) {
                w.write("# provenance." + p.getKey() + ": " + p.getValue().replace('\n', ' ') + "\n");
            }
            StringBuilder head = new StringBuilder("material,site,class,label,csm,margin,cn,mean_distance_angstrom");
            for (int i = 0; i < d.grid().count(); i++) {
                head.append(",mu").append(i);
            }
            w.write(head.append('\n').toString());
            for (Dataset.Entry e : d.entries()) {
                StringBuilder b = new StringBuilder();
                b.append(e.material()).append(',').append(e.site()).append(',').append(e.coordinationClass().name()).append(',')
                    .append(e.label()).append(',').append(Double.isNaN(e.csm()) ? "" : String.format(Locale.ROOT, "%.4f", e.csm())).append(',')
                    .append(Double.isFinite(e.margin()) ? String.format(Locale.ROOT, "%.4f", e.margin()) : "").append(',')
                    .append(e.cn() >= 0 ? Integer.toString(e.cn()) : "").append(',')
                    .append(Double.isFinite(e.meanDistanceAngstrom()) ? String.format(Locale.ROOT, "%.4f", e.meanDistanceAngstrom()) : "");
                for (int i = 0; i < d.grid().count(); i++) {
                    b.append(',').append(String.format(Locale.ROOT, "%.5f", e.value(i)));
                }
                w.write(b.append('\n').toString());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a dataset file. */
    public static Dataset read(Path file) throws InputException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads a dataset from a (gzip) stream; {@code source} names it in errors. */
    public static Dataset read(String source, InputStream raw) throws InputException {
        Map<String, String> header = new TreeMap<>();
        Map<String, String> provenance = new TreeMap<>();
        List<Dataset.Entry> entries = new ArrayList<>();
        int line = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            String l;
            EnergyGrid grid = null;
            int fixed = 6;
            while ((l = r.readLine()) != null) {
                line++;
                if (l.startsWith("#")) {
                    int colon = l.indexOf(':');
                    if (colon > 0) {
                        String k = l.substring(1, colon).trim();
                        String v = l.substring(colon + 1).trim();
                        if (k.startsWith("provenance.")) {
                            provenance.put(k.substring(11), v);
                        } else {
                            header.put(k, v);
                        }
                    }
                    continue;
                }
                if (l.startsWith("material,")) {
                    String version = header.get("format_version");
                    if (!"1".equals(version) && !String.valueOf(FORMAT_VERSION).equals(version)) {
                        throw new InputException(source, line, "dataset format version " + version
                            + " not supported (this xlce reads versions 1 to " + FORMAT_VERSION + ")");
                    }
                    fixed = "1".equals(version) ? 6 : 8;
                    grid = new EnergyGrid(num(source, line, header.get("grid_start_ev")), num(source, line, header.get("grid_step_ev")),
                        (int) num(source, line, header.get("grid_count")));
                    continue;
                }
                if (grid == null) {
                    throw new InputException(source, line, "data row before the column line");
                }
                String[] f = l.split(",", -1);
                if (f.length != fixed + grid.count()) {
                    throw new InputException(source, line, f.length + " fields, expected " + (fixed + grid.count()));
                }
                float[] mu = new float[grid.count()];
                for (int i = 0; i < mu.length; i++) {
                    mu[i] = (float) num(source, line, f[fixed + i]);
                }
                int cn = -1;
                double meanDistance = Double.NaN;
                if (fixed == 8 && !f[6].isEmpty()) {
                    cn = Integer.parseInt(f[6]);
                    if (cn < 0) {
                        throw new InputException(source, line, "coordination number " + cn + " is negative");
                    }
                }
                if (fixed == 8 && !f[7].isEmpty()) {
                    meanDistance = num(source, line, f[7]);
                }
                if (cn > 0 && !(meanDistance > 0)) {
                    throw new InputException(source, line, "coordination number " + cn + " without a positive mean distance");
                }
                CoordinationClass c;
                try {
                    c = CoordinationClass.valueOf(f[2]);
                } catch (IllegalArgumentException e) {
                    throw new InputException(source, line, "unknown class '" + f[2] + "'");
                }
                entries.add(new Dataset.Entry(f[0], Integer.parseInt(f[1]), c, f[3], f[4].isEmpty() ? Double.NaN : num(source, line, f[4]),
                    f[5].isEmpty() ? Double.NaN : num(source, line, f[5]), cn, meanDistance, mu));
            }
            if (grid == null) {
                throw new InputException(source, line, "no column line: truncated or not a dataset file");
            }
            return new Dataset(header.getOrDefault("element", "?"), grid, header.getOrDefault("level_of_theory", "?"), entries, provenance);
        } catch (IOException e) {
            throw new InputException(source, line, "cannot read: " + e.getMessage());
        } catch (NumberFormatException e) {
            throw new InputException(source, line, "bad number: " + e.getMessage());
        }
    }

    private static double num(String source, int line, String s) throws InputException {
        double v = TextFiles.parseNumber(s);
        if (!Double.isFinite(v)) {
            throw new InputException(source, line, "bad number '" + s + "'");
        }
        return v;
    }
}
