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
        int nonEmpty = 0;
        for (String l : lines) {
            if (!l.isBlank()) {
                nonEmpty++;
            }
        }
        if (nonEmpty == 0) {
            throw new InputException(source, 0, "empty file");
        }
        need(source, lines, 7);
        double scale = number(source, lines, 1, 0);
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
        int line = 5;
        String[] speciesLine = fields(lines[line]);
        List<String> species = new ArrayList<>();
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
        String[] countFields = fields(lines[line]);
        int[] counts = new int[countFields.length];
        int total = 0;
        for (int k = 0; k < countFields.length; k++) {
            if (!isInteger(countFields[k])) {
                throw new InputException(source, line + 1, "bad atom count '" + countFields[k] + "'");
            }
            counts[k] = Integer.parseInt(countFields[k]);
            total += counts[k];
        }
        if (counts.length == 0 || total <= 0) {
            throw new InputException(source, line + 1, "no atom counts");
        }
        if (species.size() != counts.length) {
            throw new InputException(source, line + 1, counts.length + " atom counts but " + species.size()
                + " element symbols" + (vasp5 ? "" : " (VASP 4 layout: name the elements on the first line or use VASP 5)"));
        }
        line++;
        need(source, lines, line + 1);
        String mode = lines[line].trim();
        if (!mode.isEmpty() && (mode.charAt(0) == 's' || mode.charAt(0) == 'S')) {
            line++;
            need(source, lines, line + 1);
            mode = lines[line].trim();
        }
        if (mode.isEmpty()) {
            throw new InputException(source, line + 1, "expected Direct or Cartesian, found an empty line");
        }
        char mc = Character.toLowerCase(mode.charAt(0));
        boolean cartesian = mc == 'c' || mc == 'k';
        if (!cartesian && mc != 'd') {
            throw new InputException(source, line + 1, "expected Direct or Cartesian, found '" + mode + "'");
        }
        line++;
        if (scale < 0) {
            double vol = Math.abs(det(m));
            double f = Math.cbrt(-scale / vol);
            scale = f;
        } else if (scale == 0) {
            throw new InputException(source, 2, "scale factor is 0");
        }
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
        List<Site> sites = new ArrayList<>(total);
        int kind = 0;
        int left = counts[0];
        for (int a = 0; a < total; a++) {
            while (left == 0) {
                kind++;
                left = counts[kind];
            }
            int ln = line + a;
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
            for (int k = 3; k < f.length; k++) {
                String tok = f[k];
                if (tok.equals("T") || tok.equals("F") || tok.startsWith("!") || tok.startsWith("#")) {
                    continue;
                }
                String named = Element.canonical(tok).orElseThrow(() ->
                    new InputException(source, ln + 1, "unknown element '" + tok + "' after the coordinates"));
                if (!named.equals(element)) {
                    throw new InputException(source, ln + 1, "atom line names " + named + " but the header puts " + element + " here");
                }
                break;
            }
            double[] cart;
            if (cartesian) {
                cart = new double[] {xyz[0] * scale, xyz[1] * scale, xyz[2] * scale};
            } else {
                cart = lattice.toCartesian(xyz);
            }
            sites.add(new Site(element, element + (a + 1), cart));
            left--;
        }
        return Structure.periodic(id, lattice, sites);
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
