package org.xaneslce.coordination;

/**
 * An ideal coordination polyhedron from ChemEnv's geometry files: its symbol ("O:6"), name,
 * coordination number, vertex points and central site. Immutable; arrays are copied.
 *
 * @param symbol ChemEnv's mp_symbol, e.g. "T:4"
 * @param name the geometry's name, e.g. "Tetrahedron"
 * @param points the CN vertex positions
 * @param centralSite the central site position
 */
public record IdealPolyhedron(String symbol, String name, double[][] points, double[] centralSite) {
    public IdealPolyhedron {
        if (points.length == 0) {
            throw new IllegalArgumentException("polyhedron " + symbol + " has no points");
        }
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != 3) {
                throw new IllegalArgumentException("polyhedron " + symbol + " point " + i + " is not 3-D");
            }
            copy[i] = points[i].clone();
        }
        points = copy;
        centralSite = centralSite.clone();
    }

    /** The coordination number (number of vertices). */
    public int coordination() {
        return points.length;
    }

    @Override
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    @Override
    public double[] centralSite() {
        return centralSite.clone();
    }
}
