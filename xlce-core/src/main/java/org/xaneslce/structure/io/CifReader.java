package org.xaneslce.structure.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.Lattice;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;

/**
 * CIF 1.1 reader for crystal structures: cell parameters, the atom-site loop (fractional or
 * Cartesian coordinates) and symmetry operations, which are applied when present (positions that
 * coincide after wrapping into the cell are merged). Unknown tags and loops are skipped. Only the
 * first data block is read. Sites with occupancy below 1 are refused: a disordered site has no
 * single coordination polyhedron.
 *
 * <p>Like pymatgen's CifParser, fractional coordinates within a relative 1e-4 of 1/3 or 2/3 are
 * taken as exactly 1/3 or 2/3 (CIFs print 0.666669 for 2/3 and symmetry expansion needs the exact
 * value); labels and CSMs then agree with pymatgen-based references to 1e-6.
 */
public final class CifReader implements StructureReader {
    private static final double MERGE_TOLERANCE_FRACTIONAL = 1e-3;
    private static final double SNAP_TOLERANCE_RELATIVE = 1e-4;

    @Override
    public String format() {
        return "cif";
    }

    /** A token with the line it started on. */
    private record Token(String text, int line, boolean quoted) {
    }

    /** A loop: tag names and the rows of values. */
    private record Loop(List<String> tags, List<List<Token>> rows, int line) {
        int column(String... names) {
            for (String n : names) {
                int i = tags.indexOf(n);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Override
    public Structure parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        Map<String, Token> items = new HashMap<>();
        List<Loop> loops = new ArrayList<>();
        readFirstBlock(source, tokenize(source, text), items, loops);
        Lattice lattice = cell(source, items);
        Loop atoms = null;
        for (Loop l : loops) {
            if (l.column("_atom_site_fract_x", "_atom_site_cartn_x") >= 0) {
                atoms = l;
                break;
            }
        }
        if (atoms == null) {
            throw new InputException(source, 0, "no _atom_site loop with coordinates (_atom_site_fract_x or _atom_site_Cartn_x)");
        }
        List<Site> sites = atomSites(source, atoms, symmetryOperations(source, loops), lattice);
        if (sites.isEmpty()) {
            throw new InputException(source, atoms.line(), "atom-site loop has no atoms");
        }
        return Structure.periodic(id, lattice, sites);
    }

    /** The items and loops of the first data block (later blocks are ignored). */
    private static void readFirstBlock(String source, List<Token> tokens, Map<String, Token> items, List<Loop> loops) throws InputException {
        int blocks = 0;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            String low = t.text().toLowerCase(Locale.ROOT);
            if (!t.quoted() && low.startsWith("data_")) {
                blocks++;
                if (blocks > 1) {
                    break;
                }
                i++;
            } else if (!t.quoted() && low.equals("loop_")) {
                i = readLoop(source, tokens, i, loops);
            } else if (!t.quoted() && t.text().startsWith("_")) {
                if (i + 1 >= tokens.size() || isKeyword(tokens.get(i + 1))) {
                    throw new InputException(source, t.line(), "tag " + t.text() + " has no value");
                }
                items.put(low, tokens.get(i + 1));
                i += 2;
            } else {
                throw new InputException(source, t.line(), "unexpected value '" + t.text() + "' outside a loop");
            }
        }
        if (blocks == 0) {
            throw new InputException(source, 1, "no data_ block: not a CIF file");
        }
    }

    /** Reads the loop starting at token {@code i} (its loop_ keyword) into {@code loops}; returns the index after it. */
    private static int readLoop(String source, List<Token> tokens, int i, List<Loop> loops) throws InputException {
        int start = tokens.get(i).line();
        i++;
        List<String> tags = new ArrayList<>();
        while (i < tokens.size() && !tokens.get(i).quoted() && tokens.get(i).text().startsWith("_")) {
            tags.add(tokens.get(i).text().toLowerCase(Locale.ROOT));
            i++;
        }
        List<Token> values = new ArrayList<>();
        while (i < tokens.size() && !isKeyword(tokens.get(i))) {
            values.add(tokens.get(i));
            i++;
        }
        if (tags.isEmpty()) {
            throw new InputException(source, start, "loop_ without tags");
        }
        if (values.size() % tags.size() != 0) {
            throw new InputException(source, start, "loop of " + tags.size() + " columns (" + tags.get(0)
                + ", ...) has " + values.size() + " values, not a multiple of " + tags.size()
                + " (truncated file or a broken row?)");
        }
        List<List<Token>> rows = new ArrayList<>();
        for (int r = 0; r < values.size(); r += tags.size()) {
            rows.add(values.subList(r, r + tags.size()));
        }
        loops.add(new Loop(tags, rows, start));
        return i;
    }

    /** The lattice from the six cell parameters. */
    private static Lattice cell(String source, Map<String, Token> items) throws InputException {
        double a = cellNumber(source, items, "_cell_length_a");
        double b = cellNumber(source, items, "_cell_length_b");
        double c = cellNumber(source, items, "_cell_length_c");
        double al = cellNumber(source, items, "_cell_angle_alpha");
        double be = cellNumber(source, items, "_cell_angle_beta");
        double ga = cellNumber(source, items, "_cell_angle_gamma");
        try {
            return Lattice.ofParameters(a, b, c, al, be, ga);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, items.get("_cell_length_a").line(), "bad cell: " + e.getMessage());
        }
    }

    /** The symmetry operations of the file's symop loop, or the identity. */
    private static List<SymOp> symmetryOperations(String source, List<Loop> loops) throws InputException {
        List<SymOp> ops = new ArrayList<>();
        for (Loop l : loops) {
            int col = l.column("_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz");
            if (col >= 0) {
                for (List<Token> row : l.rows()) {
                    Token op = row.get(col);
                    try {
                        ops.add(SymOp.parse(op.text()));
                    } catch (IllegalArgumentException e) {
                        throw new InputException(source, op.line(), "bad symmetry operation '" + op.text() + "': " + e.getMessage());
                    }
                }
            }
        }
        if (ops.isEmpty()) {
            ops.add(SymOp.parse("x,y,z"));
        }
        return ops;
    }

    /** Every atom of the atom-site loop, expanded by the symmetry operations (images merged). */
    private static List<Site> atomSites(String source, Loop atoms, List<SymOp> ops, Lattice lattice) throws InputException {
        boolean cartesian = atoms.column("_atom_site_fract_x") < 0;
        int cx = atoms.column("_atom_site_fract_x", "_atom_site_cartn_x");
        int cy = atoms.column("_atom_site_fract_y", "_atom_site_cartn_y");
        int cz = atoms.column("_atom_site_fract_z", "_atom_site_cartn_z");
        if (cy < 0 || cz < 0) {
            throw new InputException(source, atoms.line(), "atom-site loop lacks a y or z coordinate column");
        }
        int cType = atoms.column("_atom_site_type_symbol");
        int cLabel = atoms.column("_atom_site_label");
        int cOcc = atoms.column("_atom_site_occupancy");
        if (cType < 0 && cLabel < 0) {
            throw new InputException(source, atoms.line(), "atom-site loop has neither _atom_site_type_symbol nor _atom_site_label");
        }
        List<Site> sites = new ArrayList<>();
        List<double[]> fracs = new ArrayList<>();
        for (List<Token> row : atoms.rows()) {
            Token symbolToken = row.get(cType >= 0 ? cType : cLabel);
            String label = cLabel >= 0 ? row.get(cLabel).text() : symbolToken.text();
            String element = Element.fromTypeSymbol(symbolToken.text()).orElseThrow(() -> new InputException(
                source, symbolToken.line(), "unknown element '" + symbolToken.text() + "'"));
            double[] xyz = new double[3];
            int[] cols = {cx, cy, cz};
            for (int k = 0; k < 3; k++) {
                Token tk = row.get(cols[k]);
                xyz[k] = TextFiles.parseNumber(tk.text());
                if (!Double.isFinite(xyz[k])) {
                    throw new InputException(source, tk.line(), "bad coordinate '" + tk.text() + "' for atom " + label);
                }
            }
            if (cOcc >= 0) {
                checkOccupancy(source, row.get(cOcc), label);
            }
            double[] f = cartesian ? lattice.toFractional(xyz) : snapThirds(xyz);
            for (SymOp op : ops) {
                double[] g = op.apply(f);
                if (ops.size() > 1) {
                    for (int k = 0; k < 3; k++) {
                        g[k] -= Math.floor(g[k]);
                    }
                    if (isDuplicate(fracs, g)) {
                        continue;
                    }
                }
                fracs.add(g);
                sites.add(new Site(element, label, lattice.toCartesian(g)));
            }
        }
        return sites;
    }

    /** Refuses an occupancy that is not a number in (0, 1], or below 1 (a disordered site). */
    private static void checkOccupancy(String source, Token occ, String label) throws InputException {
        double o = occ.text().equals("?") || occ.text().equals(".") ? 1.0 : TextFiles.parseNumber(occ.text());
        if (!Double.isFinite(o) || o <= 0 || o > 1.0001) {
            throw new InputException(source, occ.line(), "bad occupancy '" + occ.text() + "' for atom " + label);
        }
        if (o < 0.999) {
            throw new InputException(source, occ.line(), "atom " + label + " has occupancy " + occ.text()
                + ": disordered sites are not supported (order the structure first)");
        }
    }

    /** 1/3 and 2/3 printed with finite precision become exact (as pymatgen does). */
    static double[] snapThirds(double[] f) {
        double[] g = f.clone();
        for (int k = 0; k < 3; k++) {
            for (double third : new double[] {1.0 / 3.0, 2.0 / 3.0}) {
                if (Math.abs(1 - g[k] / third) < SNAP_TOLERANCE_RELATIVE) {
                    g[k] = third;
                }
            }
        }
        return g;
    }

    private static boolean isDuplicate(List<double[]> fracs, double[] g) {
        for (double[] f : fracs) {
            boolean same = true;
            for (int k = 0; k < 3 && same; k++) {
                double d = f[k] - g[k];
                d -= Math.rint(d);
                same = Math.abs(d) < MERGE_TOLERANCE_FRACTIONAL;
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static double cellNumber(String source, Map<String, Token> items, String tag) throws InputException {
        Token t = items.get(tag);
        if (t == null) {
            throw new InputException(source, 0, "missing " + tag);
        }
        double v = TextFiles.parseNumber(t.text());
        if (!Double.isFinite(v) || v <= 0) {
            throw new InputException(source, t.line(), "bad number '" + t.text() + "' for " + tag);
        }
        return v;
    }

    private static boolean isKeyword(Token t) {
        if (t.quoted()) {
            return false;
        }
        String low = t.text().toLowerCase(Locale.ROOT);
        return low.startsWith("_") || low.equals("loop_") || low.startsWith("data_")
            || low.startsWith("save_") || low.equals("stop_") || low.equals("global_");
    }

    private static List<Token> tokenize(String source, String text) throws InputException {
        List<Token> out = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            if (line.startsWith(";")) {
                int start = ln;
                StringBuilder b = new StringBuilder(line.substring(1));
                ln++;
                while (ln < lines.length && !lines[ln].startsWith(";")) {
                    b.append('\n').append(lines[ln]);
                    ln++;
                }
                if (ln >= lines.length) {
                    throw new InputException(source, start + 1, "text field opened with ';' is never closed (truncated file?)");
                }
                out.add(new Token(b.toString().trim(), start + 1, true));
                continue;
            }
            int p = 0;
            int n = line.length();
            while (p < n) {
                char ch = line.charAt(p);
                if (Character.isWhitespace(ch)) {
                    p++;
                } else if (ch == '#') {
                    break;
                } else if (ch == '\'' || ch == '"') {
                    int q = p + 1;
                    while (q < n && !(line.charAt(q) == ch && (q + 1 == n || Character.isWhitespace(line.charAt(q + 1))))) {
                        q++;
                    }
                    if (q >= n) {
                        throw new InputException(source, ln + 1, "unclosed quote " + ch);
                    }
                    out.add(new Token(line.substring(p + 1, q), ln + 1, true));
                    p = q + 1;
                } else {
                    int q = p;
                    while (q < n && !Character.isWhitespace(line.charAt(q))) {
                        q++;
                    }
                    out.add(new Token(line.substring(p, q), ln + 1, false));
                    p = q;
                }
            }
        }
        return out;
    }
}
