package org.xaneslce.structure.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;

/**
 * The ATOMS block of a FEFF input file as a finite cluster. The element of each atom comes from
 * the POTENTIALS block (ipot to Z); the absorber (ipot 0) is at the origin and is reported by
 * {@link #absorberIndex(Structure)} as the site whose label is "absorber".
 */
public final class FeffInpReader implements StructureReader {
    /** The label given to the absorbing atom (ipot 0). */
    public static final String ABSORBER_LABEL = "absorber";

    @Override
    public String format() {
        return "feff-inp";
    }

    @Override
    public Structure parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        Map<Integer, String> potentials = new HashMap<>();
        List<String[]> atomRows = new ArrayList<>();
        List<Integer> atomLines = new ArrayList<>();
        String block = "";
        boolean sawAtoms = false;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].trim();
            if (t.isEmpty() || t.startsWith("*") || t.startsWith("#")) {
                continue;
            }
            int bang = t.indexOf('*');
            if (bang > 0) {
                t = t.substring(0, bang).trim();
            }
            String[] f = t.split("\\s+");
            String head = f[0].toUpperCase(Locale.ROOT);
            if (Character.isLetter(head.charAt(0))) {
                if (head.equals("END")) {
                    break;
                }
                block = head;
                if (head.equals("ATOMS")) {
                    sawAtoms = true;
                }
                continue;
            }
            if (block.equals("POTENTIALS")) {
                if (f.length < 2) {
                    throw new InputException(source, i + 1, "POTENTIALS line needs ipot and Z");
                }
                int ipot = integer(source, f[0], i + 1);
                int z = integer(source, f[1], i + 1);
                if (z < 1 || z > 118) {
                    throw new InputException(source, i + 1, "unknown element: atomic number " + z);
                }
                potentials.put(ipot, Element.symbol(z));
            } else if (block.equals("ATOMS")) {
                atomRows.add(f);
                atomLines.add(i + 1);
            }
        }
        if (!sawAtoms) {
            throw new InputException(source, 0, "no ATOMS block");
        }
        if (atomRows.isEmpty()) {
            throw new InputException(source, 0, "ATOMS block has no atoms (truncated file?)");
        }
        List<Site> sites = new ArrayList<>();
        int absorbers = 0;
        for (int r = 0; r < atomRows.size(); r++) {
            String[] f = atomRows.get(r);
            int line = atomLines.get(r);
            if (f.length < 4) {
                throw new InputException(source, line, "atom line needs x y z ipot");
            }
            double[] xyz = new double[3];
            for (int k = 0; k < 3; k++) {
                xyz[k] = TextFiles.parseNumber(f[k]);
                if (!Double.isFinite(xyz[k])) {
                    throw new InputException(source, line, "bad number '" + f[k] + "'");
                }
            }
            int ipot = integer(source, f[3], line);
            String element = potentials.get(ipot);
            if (element == null && f.length > 4) {
                element = Element.fromTypeSymbol(f[4]).orElse(null);
            }
            if (element == null) {
                throw new InputException(source, line, "unknown element: ipot " + ipot + " is not in POTENTIALS");
            }
            String label = element;
            if (ipot == 0) {
                absorbers++;
                label = ABSORBER_LABEL;
            }
            sites.add(new Site(element, label, xyz));
        }
        if (absorbers != 1) {
            throw new InputException(source, 0, "ATOMS block must hold exactly one absorber (ipot 0), found " + absorbers);
        }
        return Structure.cluster(id, sites);
    }

    /** Index of the absorber (ipot 0) in a cluster read by this reader, or -1. */
    public static int absorberIndex(Structure cluster) {
        for (int i = 0; i < cluster.size(); i++) {
            if (ABSORBER_LABEL.equals(cluster.site(i).label())) {
                return i;
            }
        }
        return -1;
    }

    private static int integer(String source, String token, int line) throws InputException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new InputException(source, line, "bad integer '" + token + "'");
        }
    }
}
