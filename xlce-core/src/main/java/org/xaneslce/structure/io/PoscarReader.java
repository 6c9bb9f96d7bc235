package org.xaneslce.structure.io;

import java.util.ArrayList;
import java.util.List;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.Lattice;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;

/**
 * VASP POSCAR/CONTCAR reader, VASP 5 layout (a line of element symbols before the counts); the
 * VASP 4 layout is accepted when the comment line names the elements. A negative scale is a
 * target volume. "Selective dynamics" and per-line flags or trailing element symbols are
 * accepted; a trailing symbol must agree with the header's.
 */
public final class PoscarReader implements StructureReader {
    @Override
    public String format() {
        return "poscar";
    }

    @Override
    public Structure parse(String source, String id, String text) throws InputException {
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (java.util.Arrays.stream(lines).allMatch(String::isBlank)) {
            throw new InputException(source, 0, "empty file");
        }
        need(source, lines, 7);
        double scale = number(source, lines, 1, 0);
        double[][] m = latticeRows(source, lines);
        int line = 5;
        List<String> species = new ArrayList<>();
        String[] speciesLine = fields(lines[line]);
        boolean vasp5 = speciesLine.length > 0 && !isInteger(speciesLine[0]);
        if (vasp5) {
            for (String s : speciesLine) {
                String sym = s.contains("_") ? s.substring(0, s.indexOf('_')) : s;
                species.add(Element.canonical(sym).orElseThrow(() ->
                    new InputException(source, 6, "unknown element '" + s + "' in the species line")));
            }
            line++;
            need(source, lines, line + 2);
        } else {
            for (String s : fields(lines[0])) {
                Element.canonical(s).ifPresent(species::add);
            }
        }
        int[] counts = counts(source, lines[line], line + 1);
        if (species.size() != counts.length) {
            throw new InputException(source, line + 1, counts.length + " atom counts but " + species.size()
                + " element symbols" + (vasp5 ? "" : " (VASP 4 layout: name the elements on the first line or use VASP 5)"));
        }
        line++;
        need(source, lines, line + 1);
        if (!lines[line].trim().isEmpty() && Character.toLowerCase(lines[line].trim().charAt(0)) == 's') {
            line++;
            need(source, lines, line + 1);
        }
        boolean cartesian = cartesian(source, lines[line].trim(), line + 1);
        line++;
        if (scale == 0) {
            throw new InputException(source, 2, "scale factor is 0");
        }
        // A negative scale is the cell volume.
        scale = scale < 0 ? Math.cbrt(-scale / Math.abs(det(m))) : scale;
        for (double[] row : m) {
            for (int k = 0; k < 3; k++) {
                row[k] *= scale;
            }
        }
        Lattice lattice;
        try {
            lattice = Lattice.ofVectors(m);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 3, e.getMessage());
        }
        return Structure.periodic(id, lattice, atoms(source, lines, line, species, counts, cartesian, scale, lattice));
    }

    /** The three lattice vectors (lines 3 to 5), unscaled. */
    private static double[][] latticeRows(String source, String[] lines) throws InputException {
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            String[] f = fields(lines[2 + r]);
            if (f.length < 3) {
                throw new InputException(source, 3 + r, "lattice vector needs 3 numbers, found " + f.length);
            }
            for (int k = 0; k < 3; k++) {
                m[r][k] = number(source, f[k], 3 + r);
            }
        }
        return m;
    }

    /** The atom counts per species (line {@code lineNo}). */
    private static int[] counts(String source, String line, int lineNo) throws InputException {
        String[] countFields = fields(line);
        int[] counts = new int[countFields.length];
        int total = 0;
        for (int k = 0; k < countFields.length; k++) {
            if (!isInteger(countFields[k])) {
                throw new InputException(source, lineNo, "bad atom count '" + countFields[k] + "'");
            }
            counts[k] = Integer.parseInt(countFields[k]);
            total += counts[k];
        }
        if (counts.length == 0 || total <= 0) {
            throw new InputException(source, lineNo, "no atom counts");
        }
        return counts;
    }

    /** True for Cartesian (or Kartesian) coordinates, false for Direct. */
    private static boolean cartesian(String source, String mode, int lineNo) throws InputException {
        if (mode.isEmpty()) {
            throw new InputException(source, lineNo, "expected Direct or Cartesian, found an empty line");
        }
        char mc = Character.toLowerCase(mode.charAt(0));
        if (mc != 'c' && mc != 'k' && mc != 'd') {
            throw new InputException(source, lineNo, "expected Direct or Cartesian, found '" + mode + "'");
        }
        return mc == 'c' || mc == 'k';
    }

    /** The atom lines from {@code first}, one species after the other as the counts say. */
    private static List<Site> atoms(String source, String[] lines, int first, List<String> species, int[] counts, boolean cartesian, double scale,
                                    Lattice lattice) throws InputException {
        int total = java.util.Arrays.stream(counts).sum();
        List<Site> sites = new ArrayList<>(total);
        int kind = 0;
        int left = counts[0];
        for (int a = 0; a < total; a++) {
            while (left == 0) {
                kind++;
                left = counts[kind];
            }
            int ln = first + a;
            if (ln >= lines.length || lines[ln].isBlank()) {
                throw new InputException(source, ln + 1, "truncated: expected " + total + " atom lines, found " + a);
            }
            String[] f = fields(lines[ln]);
            if (f.length < 3) {
                throw new InputException(source, ln + 1, "atom line needs 3 coordinates");
            }
            double[] xyz = new double[3];
            for (int k = 0; k < 3; k++) {
                xyz[k] = number(source, f[k], ln + 1);
            }
            String element = species.get(kind);
            checkNamedElement(source, f, element, ln + 1);
            double[] cart = cartesian ? new double[] {xyz[0] * scale, xyz[1] * scale, xyz[2] * scale} : lattice.toCartesian(xyz);
            sites.add(new Site(element, element + (a + 1), cart));
            left--;
        }
        return sites;
    }

    /** An element named after the coordinates (selective-dynamics flags and comments aside) must be the header's. */
    private static void checkNamedElement(String source, String[] f, String element, int lineNo) throws InputException {
        for (int k = 3; k < f.length; k++) {
            String tok = f[k];
            if (tok.equals("T") || tok.equals("F") || tok.startsWith("!") || tok.startsWith("#")) {
                continue;
            }
            String named = Element.canonical(tok).orElseThrow(() ->
                new InputException(source, lineNo, "unknown element '" + tok + "' after the coordinates"));
            if (!named.equals(element)) {
                throw new InputException(source, lineNo, "atom line names " + named + " but the header puts " + element + " here");
            }
            return;
        }
    }

    private static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static void need(String source, String[] lines, int count) throws InputException {
        if (lines.length < count) {
            throw new InputException(source, lines.length, "truncated: a POSCAR needs at least " + count + " lines here, found " + lines.length);
        }
    }

    private static double number(String source, String[] lines, int index, int field) throws InputException {
        String[] f = fields(lines[index]);
        if (f.length <= field) {
            throw new InputException(source, index + 1, "expected a number, found an empty line");
        }
        return number(source, f[field], index + 1);
    }

    private static double number(String source, String token, int line) throws InputException {
        double v = TextFiles.parseNumber(token);
        if (!Double.isFinite(v)) {
            throw new InputException(source, line, "bad number '" + token + "'");
        }
        return v;
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }
}
