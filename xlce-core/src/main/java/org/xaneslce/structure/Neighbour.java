package org.xaneslce.structure;

/**
 * One neighbour of a central site: which site, in which periodic image, where relative to the
 * centre (Angstrom) and how far.
 *
 * @param siteIndex 0-based index of the neighbour in its structure
 * @param element the neighbour's element symbol
 * @param image the lattice translation (in cell units) of the neighbour's image
 * @param vectorAngstrom neighbour position minus centre position, Angstrom
 * @param distanceAngstrom length of {@code vectorAngstrom}
 */
public record Neighbour(int siteIndex, String element, int[] image, double[] vectorAngstrom, double distanceAngstrom) {
    public Neighbour {
        image = image.clone();
        vectorAngstrom = vectorAngstrom.clone();
    }

    @Override
    public int[] image() {
        return image.clone();
    }

    @Override
    public double[] vectorAngstrom() {
        return vectorAngstrom.clone();
    }
}
