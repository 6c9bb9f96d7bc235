package org.xaneslce.structure.io;

import java.util.Locale;

/** A crystallographic symmetry operation in fractional coordinates, parsed from "x, -y+1/2, z". */
final class SymOp {
    private final double[][] rot;
    private final double[] trans;

    private SymOp(double[][] rot, double[] trans) {
        this.rot = rot;
        this.trans = trans;
    }

    static SymOp parse(String text) {
        String[] parts = text.replace(" ", "").toLowerCase(Locale.ROOT).split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("needs three comma-separated components");
        }
        double[][] rot = new double[3][3];
        double[] trans = new double[3];
        for (int r = 0; r < 3; r++) {
            String s = parts[r];
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty component");
            }
            int p = 0;
            while (p < s.length()) {
                double sign = 1;
                if (s.charAt(p) == '+' || s.charAt(p) == '-') {
                    sign = s.charAt(p) == '-' ? -1 : 1;
                    p++;
                }
                int q = p;
                while (q < s.length() && s.charAt(q) != '+' && s.charAt(q) != '-') {
                    q++;
                }
                String term = s.substring(p, q);
                if (term.isEmpty()) {
                    throw new IllegalArgumentException("dangling sign");
                }
                char last = term.charAt(term.length() - 1);
                if (last == 'x' || last == 'y' || last == 'z') {
                    String coef = term.substring(0, term.length() - 1).replace("*", "");
                    double f = coef.isEmpty() ? 1 : fraction(coef);
                    rot[r][last - 'x'] += sign * f;
                } else {
                    trans[r] += sign * fraction(term);
                }
                p = q;
            }
        }
        return new SymOp(rot, trans);
    }

    private static double fraction(String s) {
        int slash = s.indexOf('/');
        try {
            if (slash > 0) {
                return Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad term '" + s + "'");
        }
    }

    double[] apply(double[] f) {
        double[] g = new double[3];
        for (int r = 0; r < 3; r++) {
            g[r] = rot[r][0] * f[0] + rot[r][1] * f[1] + rot[r][2] * f[2] + trans[r];
        }
        return g;
    }
}
